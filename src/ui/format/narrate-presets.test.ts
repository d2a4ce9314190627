/**
 * Every event of every preset, run on each profile the app offers, is told in a sentence that
 * cites an RFC and never credits a behaviour to a stack the run does not use.
 */
import { describe, expect, it } from 'vitest';
import { presets, runScenario } from '../../sim';
import { narrate } from './narrate';
import { deriveTraceFacts } from './trace-facts';

const STACKS = { rfc: null, linux: 'Linux', freebsd: 'FreeBSD' } as const;

describe('narration of every preset on every profile', () => {
  for (const profile of ['rfc', 'linux', 'freebsd'] as const) {
    it(`cites an RFC for each event and names no other stack (${profile})`, () => {
      const others = Object.entries(STACKS)
        .filter(([name, stack]) => name !== profile && stack !== null)
        .map(([, stack]) => stack as string);
      for (const preset of presets) {
        const endpoints = preset.scenario.endpoints.map((e) => ({ ...e, profile }));
        const run = runScenario({ ...preset.scenario, endpoints });
        const facts = deriveTraceFacts(run.trace, 'absolute', endpoints);
        for (const event of run.trace) {
          const told = narrate(event, facts);
          expect(told, `${preset.name} ${event.type} at ${event.t} ms`).toMatch(/RFC \d+/);
          for (const stack of others) expect(told, preset.name).not.toContain(stack);
        }
      }
    });
  }
});

describe('narration of a Linux tail-loss probe (random-loss: the client’s "three" is lost)', () => {
  const preset = presets.find((p) => p.name === 'random-loss');
  if (preset === undefined) throw new Error('random-loss preset missing');
  const run = runScenario(preset.scenario);
  const facts = deriveTraceFacts(run.trace, 'absolute', preset.scenario.endpoints);
  const told = (pick: (e: (typeof run.trace)[number]) => boolean) =>
    run.trace.filter(pick).map((e) => narrate(e, facts));

  it('says what the probe timer is for when it starts (RFC 8985 §7)', () => {
    const started = told(
      (e) => e.type === 'timer' && e.timer === 'loss-probe' && e.action === 'set',
    );
    expect(started.length).toBeGreaterThan(0);
    for (const s of started)
      expect(s).toMatch(/starts its tail-loss probe timer for .*RFC 8985 §7/);
  });

  it('says the probe timer, not the RTO, will notice the loss', () => {
    const [lost] = told((e) => e.type === 'drop' && e.t > 1700 && e.t < 1800);
    expect(lost).toMatch(
      /len=6 .* is lost .*; the client will notice when its tail-loss probe timer fires, before its retransmission timer would \(RFC 8985 §7\)/,
    );
  });

  it('tells the firing as a probe with the last data segment, and the resend as that probe', () => {
    const [fired] = told(
      (e) => e.type === 'timer' && e.timer === 'loss-probe' && e.action === 'fire',
    );
    expect(fired).toMatch(
      /^The client's tail-loss probe timer fired after .+ with no ACK back: .* sends its last data segment again as a probe; .*RFC 8985 §7\.3/,
    );
    const resent = told(
      (e) => e.type === 'send' && e.retransmit > 0 && e.from === 'client' && e.len > 0,
    );
    expect(resent[0]).toContain(
      'sent as a tail-loss probe: no acknowledgment came before the probe timer expired after',
    );
  });
});

describe('narration of congestion control (slow-start: one segment of the upload is lost)', () => {
  const preset = presets.find((p) => p.name === 'slow-start');
  if (preset === undefined) throw new Error('slow-start preset missing');
  const run = runScenario(preset.scenario);
  const facts = deriveTraceFacts(run.trace, 'absolute', preset.scenario.endpoints);
  const data = run.trace.filter(
    (e): e is Extract<(typeof run.trace)[number], { type: 'send' }> =>
      e.type === 'send' && e.from === 'client' && e.len > 0,
  );

  it('names the initial window on the first data segment, from the engine (RFC 6928)', () => {
    expect(narrate(data[0]!, facts)).toContain(
      'an initial window of 10 segments (14,480 bytes) (RFC 6928), in slow start (RFC 5681 §3.1)',
    );
    // The rest of the first flight goes under the same window: nothing more is said.
    expect(narrate(data[1]!, facts)).not.toContain('window');
  });

  it('says how slow start widened the window when it changed (RFC 5681 §3.1)', () => {
    const grown = data.find((e) => e.congestion?.cwnd === 11 * 1448);
    expect(narrate(grown!, facts)).toContain(
      'Its congestion window is now 11 segments (15,928 bytes), up from 10 segments (14,480 bytes): in slow start',
    );
  });

  it('tells the fast retransmit and the cut from what the engine did (RFC 5681 §3.2)', () => {
    const resent = data.find((e) => e.retransmit > 0)!;
    const told = narrate(resent, facts);
    expect(told).toContain('fast retransmit after three duplicate ACKs');
    const { cwnd, ssthresh, signal } = resent.congestion!;
    expect([cwnd, ssthresh, signal!.cwndBefore]).toEqual([14 * 1448, 11 * 1448, 23 * 1448]);
    expect(told).toContain(
      'The congestion window was cut to 14 segments (20,272 bytes) from 23 segments (33,304 bytes)',
    );
    expect(told).toContain('ssthresh 11 segments (15,928 bytes)');
  });
});
