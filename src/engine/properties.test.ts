/**
 * Property tests: random profiles, ISNs, delays, reordering, losses and call schedules.
 * The invariants are those a TCP user or RFC 9293 cares about.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { profiles, type Profile } from './profiles';
import { seqGt, seqLeq } from './seq';
import { ADDRESS, Pair, type Side } from './testing/pair';
import { Flag, type Packet, type SocketId } from './types';
import type { Conn } from './conn';

interface Scenario {
  readonly profile: Profile;
  readonly isnA: number;
  readonly isnB: number;
  readonly delay: number;
  readonly losses: readonly boolean[];
  readonly jitters: readonly number[];
  readonly sends: readonly { readonly at: number; readonly bytes: number; readonly from: Side }[];
  readonly closeAt: number;
}

const scenario: fc.Arbitrary<Scenario> = fc.record({
  profile: fc.constantFrom(profiles.rfc, profiles.linux, profiles.freebsd),
  isnA: fc.oneof(
    fc.constant(4294967295),
    fc.constant(4294967294),
    fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  ),
  isnB: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  delay: fc.integer({ min: 1, max: 150 }),
  losses: fc.array(fc.boolean(), { minLength: 1, maxLength: 40 }),
  jitters: fc.array(fc.integer({ min: 0, max: 80 }), { minLength: 1, maxLength: 20 }),
  sends: fc.array(
    fc.record({
      at: fc.integer({ min: 0, max: 3000 }),
      bytes: fc.integer({ min: 1, max: 30000 }),
      from: fc.constantFrom<Side>('A', 'B'),
    }),
    { maxLength: 6 },
  ),
  closeAt: fc.integer({ min: 0, max: 4000 }),
});

function conns(pair: Pair, side: Side): Conn[] {
  return [...pair.hosts[side].sockets.values()].filter((s): s is Conn => s.kind === 'conn');
}

/** The connection on `side` that a packet from the other side is addressed to. */
function receiverOf(pair: Pair, side: Side, p: Packet): Conn | undefined {
  return conns(pair, side).find(
    (c) =>
      c.tuple.localPort === p.segment.dstPort &&
      c.tuple.remotePort === p.segment.srcPort &&
      c.state !== 'CLOSED',
  );
}

interface App {
  socket: SocketId | null;
  pending: Uint8Array[];
  sent: number[];
  closed: boolean;
  errors: string[];
  eof: boolean;
}

function runScenario(s: Scenario): void {
  const apps: Record<Side, App> = {
    A: { socket: null, pending: [], sent: [], closed: false, errors: [], eof: false },
    B: { socket: null, pending: [], sent: [], closed: false, errors: [], eof: false },
  };
  let listener: SocketId = -1;
  const other = (x: Side): Side => (x === 'A' ? 'B' : 'A');
  // Losses only in the first 15 s, so that every run can finish.
  const lossy = (n: number, now: number) =>
    now < 15000 && (s.losses[n % s.losses.length] ?? false) && n % 3 === 0;

  const react = (pair: Pair) => {
    for (const side of ['A', 'B'] as const) {
      const app = apps[side];
      if (app.socket === null && side === 'B') {
        const r = pair.call('B', { call: 'accept', socket: listener });
        if (r.socket !== undefined) app.socket = r.socket;
      }
      if (app.socket === null) continue;
      for (let i = 0; i < 4 && !app.eof; i++) {
        const r = pair.call(side, { call: 'receive', socket: app.socket });
        if (r.result !== 'ok') break;
        if (r.data?.length === 0) app.eof = true;
      }
      while (app.pending.length > 0) {
        const chunk = app.pending[0] as Uint8Array;
        const r = pair.call(side, { call: 'send', socket: app.socket, data: chunk });
        if (r.result !== 'ok') break;
        const took = r.bytes ?? 0;
        for (let i = 0; i < took; i++) app.sent.push(chunk[i] as number);
        if (took < chunk.length) {
          app.pending[0] = chunk.subarray(took);
          break;
        }
        app.pending.shift();
      }
      // close() in SYN-SENT discards queued data by design (§3.10.4), so A waits for the open.
      const opened = pair.info(side, app.socket)?.state !== 'SYN-SENT';
      const wantsClose = side === 'A' ? pair.now >= s.closeAt && opened : app.eof;
      if (wantsClose && !app.closed && app.pending.length === 0) {
        app.closed = true;
        pair.call(side, { call: 'close', socket: app.socket });
      }
    }
    for (const side of ['A', 'B'] as const) {
      for (const c of conns(pair, side)) {
        expect(seqLeq(c.sndUna, c.sndNxt)).toBe(true);
        const peer = conns(pair, other(side)).find((p) => p.tuple.localPort === c.tuple.remotePort);
        if (c.state === 'ESTABLISHED' && peer?.state === 'ESTABLISHED') {
          expect(c.irs).toBe(peer.iss);
          expect(c.iss).toBe(peer.irs);
        }
      }
    }
  };

  const clock = { now: 0 };
  const pair: Pair = new Pair({
    profile: s.profile,
    isnA: { mode: 'fixed', value: s.isnA },
    isnB: { mode: 'fixed', value: s.isnB },
    delayMs: s.delay,
    drop: (_p, _from, n) => lossy(n, clock.now),
    jitter: (_p, _from, n) => s.jitters[n % s.jitters.length] ?? 0,
    onEvent: (p) => {
      clock.now = p.now;
      react(p);
    },
    onSend: (p, from, packet) => {
      // No ACK acknowledges a byte never sent: SEG.ACK ≤ the receiver's SND.NXT.
      const seg = packet.segment;
      if (!(seg.flags & Flag.ACK) || seg.flags & Flag.RST) return;
      const peer = receiverOf(p, other(from), packet);
      if (peer && peer.state !== 'LISTEN') expect(seqGt(seg.ack, peer.sndNxt)).toBe(false);
    },
  });
  listener = pair.call('B', { call: 'listen', port: 80 }).socket ?? -1;
  apps.A.socket =
    pair.call('A', { call: 'connect', remote: ADDRESS.B, remotePort: 80 }).socket ?? null;
  let filler = 0;
  for (const send of [...s.sends].sort((x, y) => x.at - y.at)) {
    pair.run(send.at);
    react(pair);
    apps[send.from].pending.push(new Uint8Array(send.bytes).map(() => filler++ % 256));
    react(pair);
  }
  pair.run(s.closeAt);
  react(pair);
  pair.run(Infinity, 200_000);
  // Every run ends within a bound of virtual time: nothing is left to happen.
  expect(pair.pending()).toBe(0);
  expect(pair.now).toBeLessThan(3600_000);
  for (const o of pair.outputs) {
    if (o.output.type === 'error') apps[o.side].errors.push(o.output.errno);
    // A reset (e.g. an orphan's FIN-WAIT-2 timing out) ends a connection abnormally too.
    if (o.output.type === 'packet' && o.output.packet.segment.flags & Flag.RST)
      apps[o.side].errors.push('RST');
  }
  const failed = apps.A.errors.length + apps.B.errors.length > 0;
  if (!failed) {
    // Every byte the application sent is delivered once and in order.
    const got = (side: Side) => Array.from(Buffer.concat(pair.delivered[side]));
    expect(got('B')).toEqual(apps.A.sent);
    expect(got('A')).toEqual(apps.B.sent);
  }
}

describe('properties over random scenarios', () => {
  it('nothing throws; SND.UNA ≤ SND.NXT; no ACK beyond SND.NXT; ISNs agree; data arrives once and in order; runs end', () => {
    fc.assert(fc.property(scenario, runScenario), { numRuns: 150 });
  }, 60_000);
});
