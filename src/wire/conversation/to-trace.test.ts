/**
 * A capture drawn back as a trace: for every preset, the link capture the lab writes, opened
 * as a user's file, gives one conversation whose segments are the run's, whose inferred
 * states are the ones the engine went through, and whose retransmission marks are the run's.
 */
import { describe, expect, it } from 'vitest';
import { presets, runScenario } from '../../sim';
import type { SendEvent, StateEvent, Trace } from '../../sim/trace';
import { writePcap } from '../pcap';
import { readCapture, type CapturePacket } from '../read-capture';
import { listConversations } from './conversations';
import { analyseConversation } from './expert';
import { INFERRED } from './infer-states';
import { conversationToTrace } from './to-trace';

function packetsOf(bytes: Uint8Array): readonly CapturePacket[] {
  const reading = readCapture(bytes);
  if (!reading.ok) throw new Error(reading.message);
  return reading.capture.packets;
}

const sends = (trace: Trace) => trace.filter((e): e is SendEvent => e.type === 'send');
/** The states an endpoint went through because of segments (not timers, which a capture cannot show). */
const statesOf = (trace: Trace, endpoint: string) =>
  trace
    .filter((e): e is StateEvent => e.type === 'state' && e.endpoint === endpoint)
    .filter((e) => !/timer|times out|exhausted|time-wait|expired|2\s*MSL/i.test(e.cause))
    .map((e) => e.to);

/**
 * Two-endpoint presets whose whole conversation the link sees, and only one: each end opens at
 * most once (old-duplicate opens its 4-tuple twice, web-page four connections).
 */
const twoEnded = presets.filter((p) => {
  const run = runScenario(p.scenario);
  const opens = sends(run.trace).filter((s) => s.flags.join() === 'SYN' && s.retransmit === 0);
  const once = new Set(opens.map((s) => s.from)).size === opens.length;
  return run.endpoints.length === 2 && opens.length > 0 && once;
});

describe('a preset’s link capture, opened as a capture', () => {
  it.each(twoEnded.map((p) => [p.name, p] as const))('%s', (_, preset) => {
    const run = runScenario(preset.scenario);
    const packets = packetsOf(writePcap(run.trace, { captureAt: 'link' }));
    const conversations = listConversations(packets);
    expect(conversations).toHaveLength(1);
    const [conversation] = conversations;
    if (!conversation) return;
    const drawn = conversationToTrace(packets, conversation);

    // The same segments, in the same order, with the same numbers.
    const key = (s: SendEvent) => [s.from, s.flags.join(), s.seq, s.ack, s.len, s.win];
    expect(sends(drawn.trace).map(key)).toEqual(sends(run.trace).map(key));
    // The retransmissions Wireshark's analysis would mark are the ones the run made; in a
    // simultaneous open (RFC 9293 §3.5, Figure 8) each SYN-ACK repeats its sender's SYN, and
    // Wireshark, like this analysis, calls it a retransmission.
    const repeatsSyn = (s: SendEvent) =>
      preset.name === 'simultaneous-open' && s.flags.includes('SYN') && s.flags.includes('ACK');
    expect(sends(drawn.trace).map((s) => s.retransmit > 0)).toEqual(
      sends(run.trace).map((s) => s.retransmit > 0 || repeatsSyn(s)),
    );
    // A segment drawn as lost (its sender repeated it before any ACK) was lost in the run.
    const dropped = (trace: Trace) => trace.flatMap((e) => (e.type === 'drop' ? [e.id] : []));
    const runDrops = new Set(dropped(run.trace));
    for (const id of dropped(drawn.trace)) expect(runDrops.has(id), `#${id}`).toBe(true);
    if (preset.name === 'lost-syn-ack') expect(dropped(drawn.trace)).toEqual([2]);
    // Each end's inferred states are the ones the engine went through, each marked inferred.
    for (const name of ['client', 'server']) {
      const inferred = statesOf(drawn.trace, name);
      // A listening end that never answered sent nothing to infer its LISTEN from.
      const silent = !sends(run.trace).some((s) => s.from === name);
      const engine = statesOf(run.trace, name).filter((s) => !(silent && s === 'LISTEN'));
      expect(inferred, name).toEqual(engine);
    }
    const states = drawn.trace.filter((e): e is StateEvent => e.type === 'state');
    expect(states.every((s) => s.cause.startsWith(INFERRED))).toBe(true);
    // Every arrival comes after its send, and times never run backwards.
    for (const s of sends(drawn.trace)) {
      expect(s.arrivesAt ?? s.dropsAt ?? -1).toBeGreaterThanOrEqual(s.t);
    }
    expect(drawn.trace.map((e) => e.t)).toEqual(
      [...drawn.trace.map((e) => e.t)].sort((x, y) => x - y),
    );
  });
});

describe('expert marks', () => {
  const at = (
    t: number,
    src: string,
    dst: string,
    seq: number,
    ack: number,
    flags: number,
    len = 0,
    window = 1000,
  ) =>
    ({
      number: 0,
      t,
      src,
      dst,
      ipVersion: 4,
      ttl: 64,
      checksumsOk: true,
      segment: {
        srcPort: 1,
        dstPort: 2,
        seq,
        ack,
        flags,
        window,
        urgent: 0,
        options: [],
        payload: new Uint8Array(len),
      },
    }) as unknown as CapturePacket;
  const A = '10.0.0.1:1';
  const B = '10.0.0.2:2';
  const ACK = 0x10;

  it('duplicate ACKs, then a fast retransmission of the missing segment (RFC 5681 §3.2)', () => {
    const marks = analyseConversation(
      [
        at(0, A, B, 100, 500, ACK, 10), // 100..110
        at(1, A, B, 110, 500, ACK, 10), // 110..120 (lost on the way)
        at(2, A, B, 120, 500, ACK, 10),
        at(3, B, A, 500, 110, ACK),
        at(4, B, A, 500, 110, ACK),
        at(5, B, A, 500, 110, ACK),
        at(6, A, B, 110, 500, ACK, 10),
      ],
      A,
      0.5,
    ).map((a) => a.marks.map((m) => m.kind));
    expect(marks).toEqual([
      [],
      [],
      [],
      [],
      ['duplicate-ack'],
      ['duplicate-ack'],
      ['fast-retransmission'],
    ]);
  });

  it('a segment filling a gap just after a later one is out of order; the same late is a retransmission', () => {
    // Wireshark's rule: below the highest sequence seen, never sent before, and within the
    // reordering time of the segment that went highest. tshark marks the same three frames,
    // 1 ms apart, "out-of-order", and with the third 40 ms late, "retransmission".
    const analysed = (after: number) =>
      analyseConversation(
        [
          at(0, A, B, 100, 500, ACK, 10), // 100..110
          at(1, A, B, 120, 500, ACK, 10), // 120..130: 110..120 not seen yet
          at(1 + after, A, B, 110, 500, ACK, 10), // 110..120
        ],
        A,
        3,
      );
    const soon = analysed(1);
    expect(soon.map((a) => a.marks.map((m) => m.kind))).toEqual([
      [],
      ['previous-segment-not-captured'],
      ['out-of-order'],
    ]);
    // Reordered, not sent again: the segment is a first transmission.
    expect(soon[2]?.retransmit).toBe(0);
    expect(analysed(40).map((a) => a.marks.map((m) => m.kind))).toEqual([
      [],
      ['previous-segment-not-captured'],
      ['retransmission'],
    ]);
  });

  it('a zero window, a keep-alive, a gap and a reset', () => {
    const marks = analyseConversation(
      [
        at(0, A, B, 100, 500, ACK, 10),
        at(1, B, A, 500, 110, ACK, 0, 0),
        at(50, A, B, 109, 500, ACK, 1),
        at(60, A, B, 200, 500, ACK, 10),
        at(70, B, A, 500, 110, 0x04),
      ],
      A,
      3,
    ).map((a) => a.marks.map((m) => m.kind));
    expect(marks).toEqual([
      [],
      ['zero-window'],
      ['keep-alive'],
      ['previous-segment-not-captured'],
      ['reset'],
    ]);
  });
});
