/**
 * Every connection is its own: on the presets where an endpoint has several connections (a
 * server under a SYN flood), each narrated timer duration is the time since that connection's
 * timer was set, and each sentence about a segment names the connection it belongs to.
 */
import { describe, expect, it } from 'vitest';
import { presets } from '../../sim/presets';
import { runScenario } from '../../sim/run';
import type { SendEvent, TimerEvent, TraceEvent } from '../../sim/trace';
import { narrate } from './narrate';
import { formatDuration } from './timer-lookup';
import { deriveTraceFacts } from './trace-facts';

/** Endpoints and the sources injected in their names (an attacker) count alike. */
const crowded = presets.filter(
  (p) => p.scenario.endpoints.length + (p.scenario.inject ?? []).length > 2,
);

const sameConnection = (a: TimerEvent, b: TimerEvent) =>
  a.endpoint === b.endpoint && a.timer === b.timer && a.local === b.local && a.remote === b.remote;

/** How long this firing's own timer ran: back to the latest set of the same connection's timer. */
function ranFor(trace: readonly TraceEvent[], fire: TimerEvent): number | undefined {
  for (let i = trace.indexOf(fire) - 1; i >= 0; i--) {
    const e = trace[i];
    if (e?.type !== 'timer' || e.action !== 'set' || e.timer !== fire.timer) continue;
    if (sameConnection(e, fire)) return fire.t - e.t;
  }
  return undefined;
}

/**
 * The timer of the segment's own connection that fired at the moment it left and resent it:
 * the retransmission timer or the tail-loss probe timer (RFC 8985 §7).
 */
function firingOf(trace: readonly TraceEvent[], s: SendEvent): TimerEvent | undefined {
  return trace.find(
    (e): e is TimerEvent =>
      e.type === 'timer' &&
      e.action === 'fire' &&
      (e.timer === 'retransmit' || e.timer === 'loss-probe') &&
      e.t === s.t &&
      e.endpoint === s.from &&
      e.local === s.src &&
      e.remote === s.dst,
  );
}

/** Durations a sentence gives for how long a timer ran ("fired after 1 s", "within 2 s"). */
function narratedRuns(sentence: string): string[] {
  return [...sentence.matchAll(/(?:after|within) (\d+(?:\.\d+)? m?s)\b/g)].map((m) => m[1] ?? '');
}

describe('narration on presets with several connections', () => {
  it('has such presets to check', () => {
    expect(crowded.map((p) => p.name)).toEqual(
      expect.arrayContaining(['syn-flood', 'syn-cookies']),
    );
  });

  describe.each(crowded.map((p) => [p.name, p] as const))('%s', (_name, preset) => {
    const run = runScenario(preset.scenario);
    const facts = deriveTraceFacts(run.trace, 'absolute', run.endpoints);

    it('gives each timer duration as the time since that connection set its timer', () => {
      let checked = 0;
      for (const e of run.trace) {
        const sentence = narrate(e, facts);
        const durations = narratedRuns(sentence);
        if (durations.length === 0) continue;
        const fire =
          e.type === 'timer' ? e : e.type === 'send' ? firingOf(run.trace, e) : undefined;
        const ran = fire && ranFor(run.trace, fire);
        expect(ran, sentence).toBeDefined();
        for (const said of durations) expect(said, sentence).toBe(formatDuration(ran ?? NaN));
        checked++;
      }
      // A run where no timer fires (slow-accept: nothing is lost) narrates no duration run.
      const fires = run.trace.some((e) => e.type === 'timer' && e.action === 'fire');
      expect(checked > 0).toBe(fires);
    });

    it('gives each timer it starts the duration the trace sets, and each backoff the next one', () => {
      let checked = 0;
      for (const e of run.trace) {
        if (e.type !== 'timer') continue;
        const sentence = narrate(e, facts);
        const started = /timer for (\d+(?:\.\d+)? m?s)\b/.exec(sentence)?.[1];
        if (e.action === 'set' && started !== undefined) {
          expect(started, sentence).toBe(formatDuration((e.at ?? NaN) - e.t));
          checked++;
        }
        const backoff = /backs the timeout off to (\d+(?:\.\d+)? m?s)\b/.exec(sentence)?.[1];
        if (e.action === 'fire' && backoff !== undefined) {
          // The timer this connection sets again at the same moment, after the resend.
          const next = run.trace.find(
            (n): n is TimerEvent =>
              n.type === 'timer' && n.action === 'set' && n.t === e.t && sameConnection(n, e),
          );
          expect(backoff, sentence).toBe(formatDuration((next?.at ?? NaN) - e.t));
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(0);
    });

    it('names the connection in every sentence about a timer of an endpoint with several', () => {
      let checked = 0;
      for (const e of run.trace) {
        if (e.type !== 'timer' || !facts.severalConnections.has(e.endpoint)) continue;
        const sentence = narrate(e, facts);
        if (sentence === '') continue;
        const [local, remote] = [e.local ?? '', e.remote ?? ''];
        expect(sentence).toContain(`${local} ↔ ${remote}`);
        checked++;
      }
      expect(checked).toBeGreaterThan(0);
    });

    it('names the connection in every sentence about a segment of an endpoint with several', () => {
      for (const e of run.trace) {
        const s =
          e.type === 'send'
            ? e
            : e.type === 'deliver' || e.type === 'drop' || e.type === 'duplicate'
              ? facts.segments.get(e.id)
              : undefined;
        if (s === undefined) continue;
        if (!facts.severalConnections.has(s.from) && !facts.severalConnections.has(s.to)) continue;
        expect(narrate(e, facts)).toContain(`${s.src} ↔ ${s.dst}`);
      }
      expect(facts.severalConnections.has('server')).toBe(true);
    });
  });
});

describe('a SYN refused by a full queue (Linux tcp_conn_request)', () => {
  const preset = presets.find((p) => p.name === 'syn-flood');
  if (preset === undefined) throw new Error('syn-flood preset is missing');
  const run = runScenario(preset.scenario);
  const facts = deriveTraceFacts(run.trace, 'absolute', run.endpoints);

  it("records the client's SYN reaching the full SYN queue as a queue-full drop at its arrival", () => {
    const syn = run.trace.find(
      (e): e is SendEvent => e.type === 'send' && e.from === 'client' && e.flags.includes('SYN'),
    );
    const end = run.trace.find(
      (e) => (e.type === 'drop' || e.type === 'deliver') && e.id === syn?.id,
    );
    expect(end).toEqual({
      t: syn?.arrivesAt,
      type: 'drop',
      id: syn?.id,
      reason: 'queue-full',
      queue: 'syn',
    });
    expect(narrate(end as TraceEvent, facts)).toMatch(
      /^The server drops the SYN .* as it arrives: its SYN queue is full .* SYN cookies are off, .*tcp_conn_request.*The client will only notice when its retransmission timer fires/,
    );
  });
});

describe('a handshake ACK refused by a full accept queue (Linux tcp_check_req)', () => {
  const preset = presets.find((p) => p.name === 'accept-overflow');
  if (preset === undefined) throw new Error('accept-overflow preset is missing');
  const run = runScenario(preset.scenario);
  const facts = deriveTraceFacts(run.trace, 'absolute', run.endpoints);
  const resent = run.trace.find(
    (e): e is SendEvent =>
      e.type === 'send' &&
      e.from === 'server' &&
      e.flags.includes('SYN') &&
      e.retransmit > 0 &&
      e.to === 'client-3',
  );
  const refused = run.trace.find(
    (e) =>
      e.type === 'drop' &&
      e.queue === 'accept' &&
      facts.segments.get(e.id)?.from === 'client-3' &&
      e.t < (resent?.t ?? 0),
  );

  it('resends the SYN-ACK after an ACK that arrived and was dropped', () => {
    expect(resent).toBeDefined();
    expect(refused).toBeDefined();
  });

  it('says the ACK came and the full accept queue dropped it, not that it did not come', () => {
    const sentence = narrate(resent as SendEvent, facts);
    expect(sentence).not.toContain('did not come');
    expect(sentence).toMatch(
      /client-3's ACK \(#\d+\) did come, but the server's accept queue was full/,
    );
    expect(sentence).toContain('tcp_check_req');
    expect(sentence).toContain('after 1 s');
  });

  it('says the same when the SYN-ACK timer fires, not that no answer came', () => {
    const fire = firingOf(run.trace, resent as SendEvent) as TimerEvent;
    const sentence = narrate(fire, facts);
    expect(sentence).not.toContain('no answer');
    expect(sentence).toMatch(/client-3's ACK \(#\d+\) did arrive, but the accept queue was full/);
  });

  it('keeps "did not come" for a SYN-ACK whose ACK was really lost (lost-ack)', () => {
    const lost = presets.find((p) => p.name === 'lost-ack');
    if (lost === undefined) throw new Error('lost-ack preset is missing');
    const lostRun = runScenario(lost.scenario);
    const lostFacts = deriveTraceFacts(lostRun.trace, 'absolute', lostRun.endpoints);
    const again = lostRun.trace.find(
      (e): e is SendEvent =>
        e.type === 'send' && e.flags.includes('SYN') && e.flags.includes('ACK') && e.retransmit > 0,
    );
    expect(narrate(again as SendEvent, lostFacts)).toContain('did not come');
  });
});
