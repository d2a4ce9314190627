import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatTrace } from '../format';
import { runScenario } from '../run';
import type { RunResult } from '../run-types';
import type { CallEvent, SendEvent, StateEvent, TraceEvent } from '../trace';
import { withIsnMode } from '../settings';
import { getPreset, presets } from './index';

const GOLDEN = join(import.meta.dirname, 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

function run(name: string): RunResult {
  const preset = getPreset(name);
  if (!preset) throw new Error(`no preset ${name}`);
  return runScenario(preset.scenario);
}

const sends = (t: readonly TraceEvent[]) => t.filter((e): e is SendEvent => e.type === 'send');
const states = (t: readonly TraceEvent[], who: string) =>
  t.filter((e): e is StateEvent => e.type === 'state' && e.endpoint === who).map((e) => e.to);
const connectOutcome = (t: readonly TraceEvent[]) =>
  t.find((e): e is CallEvent => e.type === 'call' && e.call === 'connect' && e.async === true);
const finalState = (t: readonly TraceEvent[], who: string) => states(t, who).at(-1);

describe('presets', () => {
  it('has the presets, each with a title and a description', () => {
    expect(presets.map((p) => p.name)).toEqual([
      'handshake',
      'handshake-data',
      'lost-syn',
      'lost-syn-ack',
      'lost-ack',
      'syn-timeout',
      'closed-port',
      'filtered-port',
      'simultaneous-open',
      'active-close',
      'passive-close',
      'simultaneous-close',
      'half-close',
      'abort-rst',
      'syn-flood',
      'syn-cookies',
      'random-loss',
      'high-latency',
      'options-negotiation',
      'isn-wraparound',
      'old-duplicate',
      'load-balancer',
      'accept-overflow',
      'slow-accept',
      'web-page',
      'handshake-ipv6',
      'slow-start',
    ]);
    for (const p of presets) {
      expect(p.title.length).toBeGreaterThan(5);
      expect(p.description.length).toBeGreaterThan(100);
    }
  });

  it.each(presets.map((p) => p.name))('%s stops by itself and matches its golden trace', (name) => {
    const result = run(name);
    // A balancer's health checks never stop, so its scenario must end at its `until`.
    const balanced = getPreset(name)?.scenario.balancer !== undefined;
    expect(result.stop).toBe(balanced ? 'until' : 'idle');
    const text =
      formatTrace(result.trace).join('\n') + `\n-- stop: ${result.stop} at ${result.endTime} ms\n`;
    const file = join(GOLDEN, `${name}.txt`);
    if (update) writeFileSync(file, text);
    if (!existsSync(file))
      throw new Error(`${file} is missing: run with UPDATE_GOLDEN=1 to create it`);
    expect(text).toBe(readFileSync(file, 'utf8'));
  });
});

describe('each preset teaches what it says', () => {
  it('handshake-ipv6: both SYNs announce MSS 1440, and a full segment carries 1428 bytes', () => {
    const segments = sends(run('handshake-ipv6').trace);
    const mss = segments
      .filter((s) => s.flags.includes('SYN'))
      .map((s) => s.options.find((o) => o.kind === 'mss'));
    expect(mss).toEqual([
      { kind: 'mss', value: 1440 },
      { kind: 'mss', value: 1440 },
    ]);
    expect(segments.filter((s) => s.len > 0).map((s) => s.len)).toEqual([1428, 572]);
    expect(segments[0]?.src).toBe('[2001:db8::1]:49152');
  });

  it('slow-start: ten segments, then two per ACK; the third duplicate ACK resends the lost one', () => {
    const segments = sends(run('slow-start').trace);
    const data = segments.filter((s) => s.from === 'client' && s.len > 0);
    // RFC 6928: the initial window is ten segments, all sent before any ACK.
    const first = data.filter((s) => s.t === data[0]?.t);
    expect(first).toHaveLength(10);
    expect(first.every((s) => s.congestion?.phase === 'slow-start')).toBe(true);
    // Slow start (RFC 5681 §3.1): each ACK of one segment lets two more go, cwnd + 1.
    const cwnds = data
      .filter((s) => s.retransmit === 0)
      .map((s) => (s.congestion?.cwnd ?? 0) / 1448);
    expect(cwnds.slice(10, 14)).toEqual([11, 11, 12, 12]);
    // Fast retransmit (RFC 5681 §3.2): sent on the arrival of the third duplicate ACK.
    const resent = data.filter((s) => s.retransmit > 0);
    expect(resent).toHaveLength(1);
    // A duplicate repeats both the acknowledgment and the window (RFC 5681 §2): the first ACK
    // of the hole's start acknowledged new data, the next one opened the window.
    const acks = segments.filter((s) => s.from === 'server' && s.ack === resent[0]?.seq);
    const dups = acks.filter((s, i) => i > 0 && s.win === acks[i - 1]?.win);
    const third = dups[2];
    const arrival = run('slow-start').trace.find((e) => e.type === 'deliver' && e.id === third?.id);
    expect(resent[0]?.t).toBe(arrival?.t);
    expect(resent[0]?.congestion?.signal?.kind).toBe('duplicate-acks');
    expect(resent[0]?.congestion?.phase).toBe('fast-recovery');
  });

  it('handshake-data: the request rides on the segment that completes the handshake', () => {
    const third = sends(run('handshake-data').trace)[2];
    expect(third).toMatchObject({ from: 'client', seq: 701, ack: 201, len: 37 });
  });

  it('lost-syn: the SYN is dropped, retransmitted after 1 s, and both end ESTABLISHED', () => {
    const { trace } = run('lost-syn');
    const syns = sends(trace).filter((s) => s.flags.join() === 'SYN');
    expect(syns.map((s) => [s.t, s.retransmit])).toEqual([
      [10, 0],
      [1010, 1],
    ]);
    expect(finalState(trace, 'client')).toBe('ESTABLISHED');
    expect(finalState(trace, 'server')).toBe('ESTABLISHED');
  });

  it('lost-syn-ack: a SYN-ACK is dropped then retransmitted and both end ESTABLISHED', () => {
    const { trace } = run('lost-syn-ack');
    expect(trace).toContainEqual(expect.objectContaining({ type: 'drop', id: 2, reason: 'rule' }));
    expect(sends(trace).some((s) => s.flags.join() === 'SYN,ACK' && s.retransmit > 0)).toBe(true);
    expect(finalState(trace, 'client')).toBe('ESTABLISHED');
    expect(finalState(trace, 'server')).toBe('ESTABLISHED');
  });

  it('lost-ack: the server stays in SYN-RECEIVED until its retransmitted SYN-ACK is acknowledged', () => {
    const { trace } = run('lost-ack');
    const established = trace.find(
      (e) => e.type === 'state' && e.endpoint === 'server' && e.to === 'ESTABLISHED',
    );
    expect(established?.t).toBeGreaterThan(1000);
  });

  it('syn-timeout: SYNs at 0, 1, 2, 3, 4, 5, 7, 11, 19, 35, 67 s and ETIMEDOUT at 131 s (Linux 6.x linear timeouts)', () => {
    const { trace } = run('syn-timeout');
    expect(sends(trace).map((s) => (s.t - 10) / 1000)).toEqual([
      0, 1, 2, 3, 4, 5, 7, 11, 19, 35, 67,
    ]);
    expect(connectOutcome(trace)).toMatchObject({ t: 131010, result: 'ETIMEDOUT' });
  });

  it('closed-port: the server answers RST,ACK seq 0 ack 701 and connect() is refused', () => {
    const { trace } = run('closed-port');
    expect(sends(trace)[1]).toMatchObject({ flags: ['RST', 'ACK'], seq: 0, ack: 701, win: 0 });
    expect(connectOutcome(trace)).toMatchObject({ t: 110, result: 'ECONNREFUSED' });
  });

  it('filtered-port: the firewall drops every SYN and connect() times out', () => {
    const { trace } = run('filtered-port');
    // The first SYN and 10 retransmissions (tcp_syn_retries 6 + tcp_syn_linear_timeouts 4).
    expect(trace.filter((e) => e.type === 'drop' && e.reason === 'firewall')).toHaveLength(11);
    expect(connectOutcome(trace)).toMatchObject({ result: 'ETIMEDOUT' });
  });

  it('simultaneous-open: both ends pass through SYN-RECEIVED to ESTABLISHED', () => {
    const { trace } = run('simultaneous-open');
    for (const who of ['client', 'server']) {
      expect(states(trace, who)).toEqual(['SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED']);
    }
  });

  it('active-close: the client goes FIN-WAIT-1, FIN-WAIT-2, TIME-WAIT; the server CLOSE-WAIT, LAST-ACK', () => {
    const { trace } = run('active-close');
    expect(states(trace, 'client').slice(-4)).toEqual([
      'FIN-WAIT-1',
      'FIN-WAIT-2',
      'TIME-WAIT',
      'CLOSED',
    ]);
    expect(states(trace, 'server').slice(-3)).toEqual(['CLOSE-WAIT', 'LAST-ACK', 'CLOSED']);
  });

  it('passive-close: the client waits in CLOSE-WAIT and LAST-ACK; TIME-WAIT is the server’s', () => {
    const { trace } = run('passive-close');
    expect(states(trace, 'client').slice(-3)).toEqual(['CLOSE-WAIT', 'LAST-ACK', 'CLOSED']);
    expect(states(trace, 'server').slice(-2)).toEqual(['TIME-WAIT', 'CLOSED']);
  });

  it('simultaneous-close: both ends pass through CLOSING and TIME-WAIT', () => {
    const { trace } = run('simultaneous-close');
    for (const who of ['client', 'server']) {
      expect(states(trace, who).slice(-4)).toEqual([
        'FIN-WAIT-1',
        'CLOSING',
        'TIME-WAIT',
        'CLOSED',
      ]);
    }
  });

  it('half-close: the client still receives the response after its FIN', () => {
    const { trace } = run('half-close');
    const fin = sends(trace).find((s) => s.from === 'client' && s.flags.includes('FIN'));
    const response = trace.find((e) => e.type === 'data' && e.endpoint === 'client' && e.len > 0);
    expect(fin && response && response.t > fin.t).toBe(true);
  });

  it('abort-rst: the client sends RST and the server learns ECONNRESET', () => {
    const { trace } = run('abort-rst');
    expect(sends(trace).some((s) => s.from === 'client' && s.flags.includes('RST'))).toBe(true);
    expect(trace).toContainEqual(
      expect.objectContaining({
        type: 'call',
        endpoint: 'server',
        result: 'ECONNRESET',
        async: true,
      }),
    );
  });

  it('syn-flood: the client gets in only after the half-open entries expire', () => {
    const outcome = connectOutcome(run('syn-flood').trace);
    expect(outcome?.result).toBe('ok');
    expect(outcome?.t).toBeGreaterThan(60_000);
  });

  it('syn-cookies: with cookies the client gets in at once despite the flood', () => {
    const outcome = connectOutcome(run('syn-cookies').trace);
    expect(outcome).toMatchObject({ result: 'ok', t: 300 });
  });

  it('random-loss: segments are lost, yet every byte arrives in order', () => {
    const { trace } = run('random-loss');
    expect(trace.filter((e) => e.type === 'drop' && e.reason === 'loss').length).toBeGreaterThan(1);
    const text = trace
      .filter((e) => e.type === 'data' && e.endpoint === 'server')
      .map((e) => (e.type === 'data' ? Buffer.from(e.bytes, 'hex').toString() : ''))
      .join('');
    expect(text).toBe('one\ntwo\nthree\n');
  });

  it('high-latency: the SYN is retransmitted before the SYN-ACK can arrive (RTT > 1 s)', () => {
    const syns = sends(run('high-latency').trace).filter((s) => s.flags.join() === 'SYN');
    expect(syns.map((s) => s.t)).toEqual([10, 1010]);
  });

  it('options-negotiation: the SYN-ACK echoes only MSS and window scale; no timestamps afterwards', () => {
    const all = sends(run('options-negotiation').trace);
    expect(all[1]?.options.map((o) => o.kind)).toEqual(['mss', 'nop', 'wscale']);
    expect(all.slice(2).every((s) => s.options.length === 0)).toBe(true);
  });

  it('isn-wraparound: sequence numbers wrap through 0 and the connection closes normally', () => {
    const { trace } = run('isn-wraparound');
    expect(sends(trace).some((s) => s.from === 'server' && s.seq === 0 && s.len > 0)).toBe(true);
    expect(finalState(trace, 'client')).toBe('CLOSED');
    expect(finalState(trace, 'server')).toBe('CLOSED');
  });

  describe('old-duplicate: an old copy of the first request reaches the second incarnation', () => {
    const reads = (t: readonly TraceEvent[]) =>
      t
        .filter((e) => e.type === 'data' && e.endpoint === 'server' && e.len > 0)
        .map((e) => (e.type === 'data' ? Buffer.from(e.bytes, 'hex').toString() : ''));
    const withIsns = (isn: 'textbook' | 'random') => {
      const scenario = getPreset('old-duplicate')?.scenario;
      if (!scenario) throw new Error('no preset old-duplicate');
      return runScenario({ ...scenario, endpoints: withIsnMode(scenario.endpoints, isn) }).trace;
    };

    it('both incarnations use the same 4-tuple, and no TIME-WAIT is left between them', () => {
      const { trace } = run('old-duplicate');
      const syns = sends(trace).filter((s) => s.flags.join() === 'SYN');
      expect(syns.map((s) => `${s.src}>${s.dst}`)).toEqual([
        '10.0.0.1:49152>10.0.0.2:80',
        '10.0.0.1:49152>10.0.0.2:80',
      ]);
      const second = syns[1]?.t ?? 0;
      expect(trace.some((e) => e.type === 'state' && e.to === 'TIME-WAIT' && e.t < second)).toBe(
        false,
      );
      expect(trace).toContainEqual(expect.objectContaining({ type: 'duplicate', id: 4 }));
    });

    it('textbook ISNs: the server reads the old request and discards the new one as a duplicate', () => {
      const trace = withIsns('textbook');
      expect(reads(trace)).toEqual(['GET /page-1', 'GET /page-1']);
      const request = sends(trace).filter((s) => s.from === 'client' && s.len > 0)[1];
      const dsack = sends(trace).find(
        (s) =>
          s.from === 'server' &&
          s.t >= (request?.arrivesAt ?? Infinity) &&
          s.options.some((o) => o.kind === 'sack'),
      );
      expect(dsack?.ack).toBe(712);
    });

    it('random ISNs: the copy falls outside the window, is acknowledged and dropped', () => {
      const trace = withIsns('random');
      expect(reads(trace)).toEqual(['GET /page-1', 'GET /page-2']);
      const syns = sends(trace).filter((s) => s.flags.join() === 'SYN');
      // The clock part of the ISN (4 µs ticks, RFC 9293 §3.4.1) moved on by 290 ms.
      expect(((syns[1]?.seq ?? 0) - (syns[0]?.seq ?? 0)) >>> 0).toBe(290 * 250);
    });
  });

  describe('many connections', () => {
    const reads = (t: readonly TraceEvent[], who: string) =>
      t.filter((e) => e.type === 'data' && e.endpoint === who && e.len > 0);
    const established = (t: readonly TraceEvent[], who: string) =>
      t.find((e) => e.type === 'state' && e.endpoint === who && e.to === 'ESTABLISHED');

    it('accept-overflow: client-3 thinks it is connected while the server drops its ACK (Linux)', () => {
      const { trace } = run('accept-overflow');
      const c3 = established(trace, 'client-3');
      // The server's child for client-3 stays in SYN-RECEIVED: it resends its SYN-ACK after the
      // client already counts itself ESTABLISHED, and the client resends its request.
      const synAckAgain = sends(trace).find(
        (s) =>
          s.from === 'server' &&
          s.to === 'client-3' &&
          s.flags.join() === 'SYN,ACK' &&
          s.retransmit > 0,
      );
      expect(synAckAgain?.t).toBeGreaterThan(c3?.t ?? Infinity);
      expect(sends(trace).some((s) => s.from === 'client-3' && s.len > 0 && s.retransmit > 0)).toBe(
        true,
      );
      // client-4's SYNs meet full queues: dropped, retried with backoff.
      const c4Syns = sends(trace).filter((s) => s.from === 'client-4' && s.flags.join() === 'SYN');
      for (const syn of c4Syns.slice(0, 2)) {
        expect(trace).toContainEqual(
          expect.objectContaining({ type: 'drop', id: syn.id, reason: 'queue-full' }),
        );
      }
      // Every client is answered in the end, in the order accept() took them.
      const accepted = trace.flatMap((e) =>
        e.type === 'call' && e.endpoint === 'server' && e.call === 'accept' && e.result === 'ok'
          ? [String(e.args.from)]
          : [],
      );
      expect([...accepted].sort()).toEqual(['client', 'client-2', 'client-3', 'client-4']);
      const answered = accepted.map((who) => reads(trace, who)[0]?.t ?? Infinity);
      expect(answered).toEqual([...answered].sort((a, b) => a - b));
      expect(answered.every(Number.isFinite)).toBe(true);
    });

    it('slow-accept: every connect() returns in one round trip; the answers come a second apart', () => {
      const { trace } = run('slow-accept');
      const clients = ['client', 'client-2', 'client-3'];
      for (const who of clients) expect(established(trace, who)?.t).toBeLessThan(200);
      // The kernel acknowledges each request at once, before the application accepts it.
      const acks = clients.map((who) =>
        sends(trace).find((s) => s.from === 'server' && s.to === who && s.ack > 701 && s.len === 0),
      );
      for (const ack of acks) expect(ack?.t).toBeLessThan(300);
      const answers = clients.map((who) => reads(trace, who)[0]?.t ?? 0);
      expect(answers[1]! - answers[0]!).toBe(1000);
      expect(answers[2]! - answers[1]!).toBe(1000);
    });

    it('web-page: three new connections cost three handshakes; one reused connection one', () => {
      const { trace } = run('web-page');
      const syns = sends(trace).filter((s) => s.flags.join() === 'SYN');
      expect(syns.map((s) => s.src)).toEqual([
        '10.0.0.1:49152',
        '10.0.0.1:49153',
        '10.0.0.1:49154',
        '10.0.0.1:49155',
      ]);
      const got = reads(trace, 'client').map((e) => e.t);
      expect(got).toHaveLength(6);
      const rtt = 100;
      // New connections: two round trips per resource (handshake, then request and response).
      expect(got[2]! - (syns[0]?.t ?? 0)).toBe(6 * rtt);
      // One reused connection: one handshake, then one round trip per resource.
      expect(got[5]! - (syns[3]?.t ?? 0)).toBe(4 * rtt);
    });
  });
});
