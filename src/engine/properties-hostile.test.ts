/**
 * Adversarial property test: a scripted peer drives one host into each state of RFC 9293
 * §3.3.2 and then sends it whatever it likes: random control bits, sequence and
 * acknowledgment numbers around the window edges and across the 2^32 wrap, hostile options
 * (MSS 0 and 1, window scale past 14, odd timestamps and SACK blocks, unknown kinds), text
 * of any length, ICMP and ICMPv6 errors of any type, code and MTU quoting sequence numbers
 * around SND.NXT, interleaved with application calls and time passing. Whatever arrives, the
 * engine must not throw, every segment it sends must be a valid header (finite integer
 * window within 16 bits, 32-bit numbers), and its TCBs must keep their invariants.
 * `npm test` runs it from the fixed seed (scripts/fast-check-seed.ts); `npm run fuzz` from
 * new ones.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Conn } from './conn';
import { receiveWindow } from './emit';
import { payloadMss } from './output';
import { profiles, type Profile } from './profiles';
import { handlePacket } from './host';
import { handleIcmp } from './icmp';
import { seq, seqLeq } from './seq';
import { LOCAL, Probe, REMOTE } from './testing/probe';
import type { Segment, SocketId, TcpOption, TcpState } from './types';

const TARGETS = [
  'LISTEN',
  'SYN-SENT',
  'SYN-RECEIVED',
  'ESTABLISHED',
  'FIN-WAIT-1',
  'FIN-WAIT-2',
  'CLOSE-WAIT',
  'CLOSING',
  'LAST-ACK',
  'TIME-WAIT',
] as const satisfies readonly TcpState[];
type Target = (typeof TARGETS)[number];

const u32 = fc.integer({ min: 0, max: 2 ** 32 - 1 });
/** ISNs at the wrap as often as anywhere else. */
const isn = fc.oneof(fc.constantFrom(2 ** 32 - 1, 2 ** 32 - 2, 0), u32);

const hostileOption: fc.Arbitrary<TcpOption> = fc.oneof(
  fc.record({
    kind: fc.constant('mss' as const),
    value: fc.oneof(fc.constantFrom(0, 1, 2, 47, 48, 215, 216, 65535), fc.nat(65535)),
  }),
  fc.record({ kind: fc.constant('wscale' as const), shift: fc.nat(255) }),
  fc.constant({ kind: 'sackOK' as const }),
  fc.record({ kind: fc.constant('ts' as const), val: u32, ecr: u32 }),
  fc.constant({ kind: 'nop' as const }),
  fc.constant({ kind: 'eol' as const }),
  fc
    .array(fc.tuple(u32, u32), { maxLength: 4 })
    .map((blocks) => ({ kind: 'sack' as const, blocks: blocks as never })),
  fc.record({
    kind: fc.constant('unknown' as const),
    type: fc.integer({ min: 9, max: 255 }),
    data: fc.array(fc.nat(255), { maxLength: 8 }),
  }),
);
const options = fc.array(hostileOption, { maxLength: 5 });
/** The peer's SYN or SYN,ACK: a hostile MSS alone (CVE-2019-11479) as often as a mix. */
const synOptions = fc.oneof(
  fc.constantFrom(0, 1, 48, 216).map((value): TcpOption[] => [{ kind: 'mss', value }]),
  options,
);

/** Offsets from RCV.NXT / SND.NXT that sit on the edges the checks care about. */
const offset = fc.oneof(
  fc.constantFrom(0, 1, -1, 65535, 65536, -65535, 2 ** 31, -(2 ** 31)),
  fc.integer({ min: -70000, max: 70000 }),
  u32,
);

type Event =
  | {
      readonly kind: 'segment';
      readonly flags: number;
      readonly seqOff: number;
      readonly ackOff: number;
      readonly win: number;
      readonly options: readonly TcpOption[];
      readonly len: number;
    }
  | {
      readonly kind: 'icmp';
      readonly version: 4 | 6;
      readonly type: number;
      readonly code: number;
      readonly mtu: number;
      readonly seqOff: number;
    }
  | { readonly kind: 'advance'; readonly ms: number }
  | { readonly kind: 'call'; readonly call: 'send' | 'receive' | 'close' | 'shutdown' | 'abort' };

const event: fc.Arbitrary<Event> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('segment' as const),
      flags: fc.nat(255),
      seqOff: offset,
      ackOff: offset,
      win: fc.oneof(fc.constantFrom(0, 1, 65535), fc.nat(65535)),
      options,
      len: fc.oneof(fc.constant(0), fc.nat(3000)),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('icmp' as const),
      version: fc.constantFrom(4 as const, 6 as const),
      // The error types of both versions (unreachable, too big, time exceeded, parameter
      // problem, source quench) as often as any other byte.
      type: fc.oneof(fc.constantFrom(1, 2, 3, 4, 11, 12), fc.nat(255)),
      code: fc.oneof(fc.nat(16), fc.nat(255)),
      mtu: fc.oneof(fc.constantFrom(0, 1, 67, 68, 551, 552, 576, 1279, 1280, 1500, 65535), u32),
      seqOff: fc.oneof(fc.constantFrom(0, -1, 1), offset),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      ms: fc.oneof(fc.constantFrom(1, 40, 200, 1000, 60_000), fc.nat(300_000)),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('call' as const),
      call: fc.constantFrom('send', 'receive', 'close', 'shutdown', 'abort'),
    }),
  },
);

interface Case {
  readonly profile: Profile;
  readonly target: Target;
  readonly ours: number;
  readonly peer: number;
  readonly synOptions: readonly TcpOption[];
  readonly events: readonly Event[];
}

const hostileCase: fc.Arbitrary<Case> = fc.record({
  profile: fc.constantFrom(profiles.rfc, profiles.linux, profiles.freebsd),
  target: fc.constantFrom(...TARGETS),
  ours: isn,
  peer: isn,
  synOptions,
  events: fc.array(event, { minLength: 1, maxLength: 25 }),
});

/** Drives the host into `target` with well-formed segments; returns the socket under test. */
function reach(probe: Probe, c: Case): SocketId {
  const P = c.peer;
  const L = c.ours;
  const peerSegment = (flags: string, seq: number, ack: number) =>
    probe.inject({ flags, seq, ack, win: 65535 });
  if (c.target === 'LISTEN' || c.target === 'SYN-RECEIVED') {
    const listener = probe.call({ call: 'listen', port: 8080 }).socket as SocketId;
    if (c.target === 'LISTEN') return listener;
    probe.inject({ flags: 'S', seq: P, win: 65535, options: c.synOptions });
    return listener;
  }
  const socket = probe.connect();
  if (c.target === 'SYN-SENT') return socket;
  // Linux refuses a SYN,ACK that echoes a TS val it never sent (rejectSynAckBadEcr), so the
  // SYN,ACK that opens the connection echoes none; hostile TS ecr values come in later segments.
  const synAckOptions = c.synOptions.map((o) => (o.kind === 'ts' ? { ...o, ecr: 0 } : o));
  probe.inject({ flags: 'S.', seq: P, ack: L + 1, win: 65535, options: synAckOptions });
  switch (c.target) {
    case 'FIN-WAIT-1':
      probe.call({ call: 'close', socket });
      break;
    case 'FIN-WAIT-2':
      probe.call({ call: 'shutdown', socket, how: 'write' });
      peerSegment('.', P + 1, L + 2);
      break;
    case 'TIME-WAIT':
      probe.call({ call: 'shutdown', socket, how: 'write' });
      peerSegment('F.', P + 1, L + 2);
      break;
    case 'CLOSING':
      probe.call({ call: 'shutdown', socket, how: 'write' });
      peerSegment('F.', P + 1, L + 1);
      break;
    case 'CLOSE-WAIT':
      peerSegment('F.', P + 1, L + 1);
      break;
    case 'LAST-ACK':
      peerSegment('F.', P + 1, L + 1);
      probe.call({ call: 'shutdown', socket, how: 'write' });
      break;
    default:
      break;
  }
  return socket;
}

function isU32(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= 2 ** 32 - 1;
}

function checkInvariants(probe: Probe, from: number): void {
  for (const o of probe.log.slice(from)) {
    if (o.type !== 'packet') continue;
    const s = o.packet.segment;
    expect(
      Number.isInteger(s.window) && s.window >= 0 && s.window <= 65535,
      `window ${s.window}`,
    ).toBe(true);
    expect(isU32(s.seq) && isU32(s.ack), `seq ${s.seq} ack ${s.ack}`).toBe(true);
    expect(s.payload.length).toBeLessThanOrEqual(65535);
    for (const opt of s.options) {
      if (opt.kind === 'mss') expect(Number.isInteger(opt.value) && opt.value > 0).toBe(true);
      if (opt.kind === 'ts') expect(isU32(opt.val) && isU32(opt.ecr)).toBe(true);
    }
  }
  for (const sock of probe.host.sockets.values()) {
    if (sock.kind !== 'conn') continue;
    const d: Conn = sock;
    expect(isU32(d.sndUna) && isU32(d.sndNxt) && isU32(d.rcvNxt)).toBe(true);
    expect(seqLeq(d.sndUna, d.sndNxt), `SND.UNA ${d.sndUna} > SND.NXT ${d.sndNxt}`).toBe(true);
    expect(Number.isFinite(d.sndWnd) && d.sndWnd >= 0, `SND.WND ${d.sndWnd}`).toBe(true);
    expect(Number.isFinite(d.rcvBuffer) && d.rcvBuffer >= 0, `buffer ${d.rcvBuffer}`).toBe(true);
    const wnd = receiveWindow(d);
    expect(Number.isInteger(wnd) && wnd >= 0, `RCV.WND ${wnd}`).toBe(true);
    if (d.pathMss !== null) {
      expect(Number.isInteger(d.pathMss) && d.pathMss >= 1, `path MSS ${d.pathMss}`).toBe(true);
    }
    if (d.negotiated) {
      const mss = payloadMss(d);
      expect(Number.isInteger(mss) && mss >= 1, `payload MSS ${mss}`).toBe(true);
    }
  }
}

function runCase(c: Case): void {
  const probe = new Probe(c.profile, { mode: 'fixed', value: c.ours });
  const socket = reach(probe, c);
  const reached = [...probe.host.sockets.values()].some((s) =>
    s.kind === 'listener' ? c.target === 'LISTEN' : s.state === c.target,
  );
  expect(reached, `did not reach ${c.target}`).toBe(true);
  checkInvariants(probe, 0);
  let filler = 0;
  for (const e of c.events) {
    const from = probe.log.length;
    const conn = [...probe.host.sockets.values()].find((s): s is Conn => s.kind === 'conn');
    if (e.kind === 'segment') {
      const rcvNxt = conn?.rcvNxt ?? c.peer;
      const sndNxt = conn?.sndNxt ?? c.ours;
      // Every combination of the eight control bits, URG, ECE and CWR included.
      const segment: Segment = {
        srcPort: probe.remotePort,
        dstPort: probe.localPort,
        seq: seq(rcvNxt + e.seqOff),
        ack: seq(sndNxt + e.ackOff),
        flags: e.flags,
        window: e.win,
        urgent: 0,
        options: e.options,
        payload: new Uint8Array(e.len).fill(0x61),
      };
      const out = handlePacket(probe.host, { src: REMOTE, dst: LOCAL, segment }, probe.now);
      probe.log.push(...out);
    } else if (e.kind === 'icmp') {
      const sndNxt = conn?.sndNxt ?? c.ours;
      const quoted = {
        src: LOCAL,
        dst: REMOTE,
        srcPort: probe.localPort,
        dstPort: probe.remotePort,
        seq: seq(sndNxt + e.seqOff),
      };
      const { version, type, code, mtu } = e;
      const message = { version, type, code, mtu, src: REMOTE, dst: LOCAL, quoted };
      probe.log.push(...handleIcmp(probe.host, message, probe.now));
    } else if (e.kind === 'advance') {
      probe.advance(e.ms);
    } else {
      const id = conn?.id ?? socket;
      if (e.call === 'send') {
        const data = new Uint8Array(1 + (filler++ % 3000));
        probe.call({ call: 'send', socket: id, data });
      } else if (e.call === 'shutdown') {
        probe.call({ call: 'shutdown', socket: id, how: 'write' });
      } else {
        probe.call({ call: e.call, socket: id });
      }
    }
    checkInvariants(probe, from);
  }
}

describe('adversarial segments in every state (fixed seed)', () => {
  it('never throws; windows are finite 16-bit integers; SND.UNA ≤ SND.NXT; MSS and buffers stay finite', () => {
    fc.assert(fc.property(hostileCase, runCase), { numRuns: 400 });
  }, 60_000);
});
