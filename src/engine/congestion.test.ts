/**
 * Congestion control (RFC 5681, RFC 6582, RFC 3042, RFC 6928) as each profile's stack counts
 * it: Linux tcp_slow_start()/tcp_cong_avoid_ai() in packets, FreeBSD newreno with Appropriate
 * Byte Counting (RFC 3465, abc_l_var 2), the RFC as written. The sender is ESTABLISHED
 * throughout; the peer's window (65535) never limits it, so what goes out is cwnd's doing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Output } from './api';
import type { CongestionNote } from './congestion-state';
import { socketInfo } from './host';
import { profiles, type Profile } from './profiles';
import { describeSegment, Probe } from './testing/probe';
import type { SocketId } from './types';

const MSS = 1000;

/**
 * A passive open with MSS 1000, no SACK, no timestamps and no window scaling (no tail-loss
 * probe then: Linux schedules it only with SACK), the handshake's RTT 10 ms.
 */
function established(profile: Profile) {
  const p = new Probe({ ...profile, timestamps: false, sackPermitted: false, windowScale: null });
  const listener = p.call({ call: 'listen', port: 8080 }).socket as SocketId;
  p.inject({ flags: 'S', seq: 0, win: 65535, options: [{ kind: 'mss', value: MSS }] });
  p.advance(10);
  p.inject({ flags: '.', seq: 1, ack: 1, win: 65535 });
  const socket = p.call({ call: 'accept', socket: listener }).socket as SocketId;
  p.sent();
  return { p, socket };
}

type PacketOut = Extract<Output, { type: 'packet' }>;

/** The packets sent since log index `from`. */
function packetsSince(p: Probe, from: number): PacketOut[] {
  return p.log.slice(from).filter((o): o is PacketOut => o.type === 'packet');
}

/** The ranges of data segments sent since `from`, "start:end" relative to the ISN. */
function dataSince(p: Probe, from: number): string[] {
  return packetsSince(p, from)
    .filter((o) => o.packet.segment.payload.length > 0)
    .map((o) => {
      const s = o.packet.segment;
      return `${s.seq}:${s.seq + s.payload.length}`;
    });
}

function lastNote(p: Probe): CongestionNote {
  const notes = packetsSince(p, 0).flatMap((o) => (o.congestion ? [o.congestion] : []));
  const note = notes.at(-1);
  if (!note) throw new Error('no segment carried a congestion note');
  return note;
}

/** cwnd and ssthresh as the socket reports them now (socketInfo). */
function windowNow(
  p: Probe,
  socket: SocketId,
): { cwnd?: number | undefined; ssthresh?: number | undefined } {
  const info = socketInfo(p.host, socket);
  return { cwnd: info?.cwnd, ssthresh: info?.ssthresh };
}

/** The peer acknowledges up to `ack` (relative: ISN 0, data from 1). */
function ack(p: Probe, n: number, win = 65535): void {
  p.inject({ flags: '.', seq: 1, ack: n, win });
}

describe('ESTABLISHED: the initial window (RFC 6928)', () => {
  it.each([['linux'], ['freebsd'], ['rfc']] as const)(
    '%s sends ten segments and waits, with more queued',
    (name) => {
      const { p, socket } = established(profiles[name]);
      const mark = p.log.length;
      p.call({ call: 'send', socket, data: new Uint8Array(20 * MSS) });
      expect(dataSince(p, mark)).toHaveLength(10);
      expect(lastNote(p)).toMatchObject({ cwnd: 10 * MSS, ssthresh: null, phase: 'slow-start' });
    },
  );
});

describe('ESTABLISHED: slow start (RFC 5681 §3.1)', () => {
  it('Linux adds one segment per segment acknowledged (tcp_slow_start())', () => {
    const { p, socket } = established(profiles.linux);
    p.call({ call: 'send', socket, data: new Uint8Array(40 * MSS) });
    p.advance(10);
    const mark = p.log.length;
    ack(p, 1 + 4 * MSS); // a stretch ACK of four segments
    // cwnd 14: 6 still out, 8 more go.
    expect(dataSince(p, mark)).toHaveLength(8);
    expect(lastNote(p)).toMatchObject({ cwnd: 14 * MSS, phase: 'slow-start' });
  });

  it('FreeBSD counts bytes, at most abc_l_var = 2 segments per ACK (RFC 3465 §2.2, cc_newreno.c)', () => {
    const { p, socket } = established(profiles.freebsd);
    p.call({ call: 'send', socket, data: new Uint8Array(40 * MSS) });
    p.advance(10);
    const mark = p.log.length;
    ack(p, 1 + 4 * MSS);
    // cwnd 12: 6 still out, 6 more go.
    expect(dataSince(p, mark)).toHaveLength(6);
    expect(lastNote(p).cwnd).toBe(12 * MSS);
  });

  it('the RFC adds at most one SMSS per ACK (eq. 2)', () => {
    const { p, socket } = established(profiles.rfc);
    p.call({ call: 'send', socket, data: new Uint8Array(40 * MSS) });
    p.advance(10);
    ack(p, 1 + 4 * MSS);
    expect(lastNote(p).cwnd).toBe(11 * MSS);
  });

  it('Linux does not grow cwnd when the application sent less than half of it (tcp_is_cwnd_limited())', () => {
    const { p, socket } = established(profiles.linux);
    p.call({ call: 'send', socket, data: new Uint8Array(2 * MSS) });
    p.advance(10);
    ack(p, 1 + 2 * MSS);
    p.call({ call: 'send', socket, data: new Uint8Array(30 * MSS) });
    expect(lastNote(p).cwnd).toBe(10 * MSS);
  });
});

/**
 * Ten segments out (1..10001), the first acknowledged, then duplicate ACKs for 1001: segment
 * 1001:2001 was lost. Returns the probe with the log mark before the duplicates.
 */
function lossOfSecond(profile: Profile, queued = 10 * MSS) {
  const { p, socket } = established(profile);
  p.call({ call: 'send', socket, data: new Uint8Array(10 * MSS + queued) });
  p.advance(5);
  ack(p, 1 + MSS); // cwnd 11 in slow start: two more go (10001:12001)
  return { p, socket };
}

describe('ESTABLISHED: duplicate ACKs, fast retransmit and fast recovery (RFC 5681 §3.2, RFC 6582)', () => {
  it('the first two duplicate ACKs each let one new segment go (Limited Transmit, RFC 3042)', () => {
    const { p } = lossOfSecond(profiles.freebsd);
    const mark = p.log.length;
    ack(p, 1 + MSS);
    expect(dataSince(p, mark)).toEqual(['12001:13001']);
    ack(p, 1 + MSS);
    expect(dataSince(p, mark)).toEqual(['12001:13001', '13001:14001']);
  });

  it('the third duplicate ACK resends the missing segment at once and halves the window', () => {
    const { p } = lossOfSecond(profiles.rfc, 0);
    ack(p, 1 + MSS);
    ack(p, 1 + MSS);
    const mark = p.log.length;
    ack(p, 1 + MSS);
    const sent = packetsSince(p, mark);
    expect(sent.map((o) => describeSegment(o.packet.segment))).toEqual([
      '. 1001:2001(1000) ack 1 win 65535',
    ]);
    expect(sent[0]?.retransmit).toBe(1);
    // FlightSize 9000 (1001..10001): ssthresh = max(9000 / 2, 2·SMSS), cwnd = ssthresh + 3·SMSS.
    expect(sent[0]?.congestion).toMatchObject({
      ssthresh: 4500,
      cwnd: 7500,
      phase: 'fast-recovery',
      signal: { kind: 'duplicate-acks', cwndBefore: 11 * MSS },
    });
  });

  it('Linux takes half of cwnd, in packets (tcp_reno_ssthresh()); FreeBSD half of min(cwnd, SND.WND)', () => {
    for (const [profile, ssthresh] of [
      [profiles.linux, 5 * MSS], // 11 >> 1 = 5 packets
      [profiles.freebsd, 5 * MSS], // 11000 / 2 / 1000 = 5 segments
    ] as const) {
      const { p } = lossOfSecond(profile, 0);
      for (let i = 0; i < 3; i++) ack(p, 1 + MSS);
      expect(lastNote(p).ssthresh).toBe(ssthresh);
    }
  });

  it('each further duplicate ACK inflates cwnd by one SMSS (step 4) and lets new data go', () => {
    const { p, socket } = lossOfSecond(profiles.rfc, 10 * MSS);
    // Limited Transmit sent 12001:14001 on the first two; the third starts recovery with
    // ssthresh 6500 (FlightSize 13000 / 2) and cwnd 6500 + 1·SMSS (two already sent beyond it).
    for (let i = 0; i < 3; i++) ack(p, 1 + MSS);
    expect(windowNow(p, socket)).toEqual({ cwnd: 7500, ssthresh: 6500 });
    const mark = p.log.length;
    for (let i = 0; i < 6; i++) ack(p, 1 + MSS);
    // cwnd 13500 against a flight of 13000 (1001..14001): no whole segment fits yet.
    expect(windowNow(p, socket).cwnd).toBe(13500);
    expect(dataSince(p, mark)).toEqual([]);
    ack(p, 1 + MSS);
    expect(dataSince(p, mark)).toEqual(['14001:15001']);
  });

  it('no second fast retransmit while the first recovery is under way (RFC 6582 §3.2 step 2)', () => {
    const { p } = lossOfSecond(profiles.rfc, 0);
    for (let i = 0; i < 3; i++) ack(p, 1 + MSS);
    const mark = p.log.length;
    for (let i = 0; i < 5; i++) ack(p, 1 + MSS);
    expect(dataSince(p, mark)).toEqual([]);
  });

  it('a partial ACK resends the next missing segment at once (RFC 6582 §3.2 step 4)', () => {
    const { p } = lossOfSecond(profiles.freebsd, 0);
    for (let i = 0; i < 3; i++) ack(p, 1 + MSS);
    const mark = p.log.length;
    ack(p, 1 + 3 * MSS); // 1001..3001 arrived, 3001:4001 is missing too
    expect(dataSince(p, mark)).toEqual(['3001:4001']);
    expect(lastNote(p).signal?.kind).toBe('partial-ack');
  });

  it('the ACK of everything sent before the loss ends recovery: Linux sets cwnd to ssthresh (tcp_end_cwnd_reduction())', () => {
    const { p } = lossOfSecond(profiles.linux);
    for (let i = 0; i < 3; i++) ack(p, 1 + MSS);
    const { ssthresh } = lastNote(p);
    p.advance(5);
    const mark = p.log.length;
    ack(p, 1 + 14 * MSS); // everything up to `recover` (14001, after two Limited Transmits)
    const after = packetsSince(p, mark).flatMap((o) => (o.congestion ? [o.congestion] : []));
    // cwnd = ssthresh 5000; the same ACK then grows it in congestion avoidance by its 14
    // segments over a window of 5 (tcp_cong_avoid_ai()): 7000.
    expect(ssthresh).toBe(5 * MSS);
    expect(after[0]).toMatchObject({ phase: 'congestion-avoidance', cwnd: 7 * MSS });
    expect(after[0]?.signal).toBeUndefined();
  });

  it('FreeBSD ends recovery with min(ssthresh, FlightSize + SMSS) (newreno_post_recovery())', () => {
    const { p, socket } = lossOfSecond(profiles.freebsd, 0);
    for (let i = 0; i < 3; i++) ack(p, 1 + MSS);
    ack(p, 1 + 10 * MSS); // all ten: `recover`
    // Nothing is left in flight: cwnd = max(0, SMSS) + SMSS; that ACK's growth is then
    // congestion avoidance's (cwnd 2000 < ssthresh 5000 is slow start: + min(acked, 2·SMSS)).
    expect(windowNow(p, socket).cwnd).toBe(4 * MSS);
  });
});

describe('ESTABLISHED: the retransmission timeout (RFC 5681 §3.1 eq. 4, RFC 6298 §5)', () => {
  it('cuts cwnd to one segment and ssthresh to half the flight, then slow start resends', () => {
    const { p, socket } = established(profiles.rfc);
    p.call({ call: 'send', socket, data: new Uint8Array(10 * MSS) });
    const mark = p.log.length;
    p.advance(1000); // the RFC's 1 s minimum RTO
    const resent = packetsSince(p, mark);
    expect(resent).toHaveLength(1);
    expect(resent[0]?.congestion).toMatchObject({
      cwnd: MSS,
      ssthresh: 5 * MSS,
      phase: 'slow-start',
      signal: { kind: 'timeout', cwndBefore: 10 * MSS },
    });
    const next = p.log.length;
    ack(p, 1 + MSS);
    expect(dataSince(p, next)).toEqual(['1001:2001', '2001:3001']);
  });

  it('a second timeout keeps ssthresh (RFC 5681 §3.1: "held constant"; Linux tcp_enter_loss())', () => {
    const { p, socket } = established(profiles.linux);
    p.call({ call: 'send', socket, data: new Uint8Array(10 * MSS) });
    p.advance(210); // RTO = SRTT 10 + max(tcp_rto_min 200, 4·RTTVAR) (tcp_rtt_estimator())
    expect(lastNote(p).ssthresh).toBe(5 * MSS);
    p.advance(420);
    expect(lastNote(p)).toMatchObject({ cwnd: MSS, ssthresh: 5 * MSS });
  });

  it('FreeBSD computes it again from cwnd = 1 segment: 2·maxseg (CC_RTO in newreno_cong_signal())', () => {
    const { p, socket } = established(profiles.freebsd);
    p.call({ call: 'send', socket, data: new Uint8Array(10 * MSS) });
    p.advance(230); // RTO 10 + 4·5 + rexmit_slop 200 ms
    expect(lastNote(p).ssthresh).toBe(5 * MSS);
    p.advance(460);
    expect(lastNote(p)).toMatchObject({ cwnd: MSS, ssthresh: 2 * MSS });
  });

  it('duplicate ACKs of data sent before the timeout start no fast retransmit (RFC 6582 §3.2 recover)', () => {
    const { p, socket } = established(profiles.rfc);
    p.call({ call: 'send', socket, data: new Uint8Array(10 * MSS) });
    p.advance(1000);
    ack(p, 1 + MSS);
    const mark = p.log.length;
    for (let i = 0; i < 3; i++) ack(p, 1 + MSS);
    const resent = packetsSince(p, mark).filter((o) => o.congestion?.signal !== undefined);
    expect(resent).toEqual([]);
  });
});

describe('ESTABLISHED: congestion avoidance (RFC 5681 §3.1)', () => {
  it('grows by one segment per window of acknowledged data once cwnd reaches ssthresh', () => {
    for (const stack of [profiles.linux, profiles.freebsd, profiles.rfc]) {
      const profile = { ...stack, sendBuffer: 1 << 20 }; // the data outlasts the test
      const { p, socket } = established(profile);
      p.call({ call: 'send', socket, data: new Uint8Array(400 * MSS) });
      p.advance({ linux: 210, freebsd: 230, rfc: 1000 }[profile.name] ?? 0); // ssthresh 5, cwnd 1
      let una = 1;
      const cwnds: number[] = [];
      for (let round = 0; round < 8; round++) {
        const { cwnd } = lastNote(p);
        cwnds.push(cwnd / MSS);
        // Acknowledge the window one segment at a time.
        for (let i = 0; i < cwnd / MSS; i++) {
          una += MSS;
          ack(p, una);
        }
      }
      // 1, 2, 4 in slow start, then linear (FreeBSD ends slow start at cwnd > ssthresh).
      expect(cwnds.slice(0, 3), profile.name).toEqual([1, 2, 4]);
      const tail = cwnds.slice(4);
      for (let i = 1; i < tail.length; i++) expect(tail[i]).toBe((tail[i - 1] ?? 0) + 1);
    }
  });
});

describe('ESTABLISHED: the window never exceeds what the rules allow (property)', () => {
  it('cwnd stays within [1 SMSS, its previous value + what the ACK may add]', () => {
    const acks = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(fc.constantFrom('linux', 'freebsd', 'rfc' as const), acks, (name, steps) => {
        const profile = profiles[name];
        const { p, socket } = established(profile);
        p.call({ call: 'send', socket, data: new Uint8Array(200 * MSS) });
        let una = 1;
        let prev = windowNow(p, socket).cwnd ?? 0;
        for (const step of steps) {
          // 0: a duplicate ACK; n: n more segments acknowledged.
          const sent = packetsSince(p, 0)
            .map((o) => o.packet.segment)
            .reduce((hi, s) => Math.max(hi, s.seq + s.payload.length), 1);
          una = Math.min(sent, una + step * MSS);
          ack(p, una);
          const { cwnd = 0, ssthresh } = windowNow(p, socket);
          expect(cwnd).toBeGreaterThanOrEqual(MSS);
          if (ssthresh !== undefined) expect(ssthresh).toBeGreaterThanOrEqual(2 * MSS);
          // Growth is bounded by the segments the ACK covered (Linux) or by one SMSS per
          // duplicate in recovery; never more than 3 SMSS per ACK here.
          expect(cwnd - prev).toBeLessThanOrEqual(Math.max(step, 1) * MSS);
          prev = cwnd;
        }
      }),
      { numRuns: 60 },
    );
  });
});
