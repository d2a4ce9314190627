import { describe, expect, it } from 'vitest';
import { checkedSegment } from './arrive';
import { ctxOf, findConn, snapshotHost } from './host-state';
import { predictedSegment } from './predicted';
import { profiles, type ProfileName } from './profiles';
import { ADDRESS, Pair, type Side } from './testing/pair';
import type { Packet, SocketId } from './types';

/**
 * A transfer both ways with losses, reordering and a receiver that stops reading for a while
 * (so the window closes and is probed). Before every arrival the receiving host is copied
 * twice: header prediction is offered the segment on one copy and, where it takes it, the
 * full checks take it on the other; the two copies and their outputs must then be equal.
 */
function compareOnTransfer(name: ProfileName): { predicted: number; checked: number } {
  let predicted = 0;
  let checked = 0;
  const onArrive = (pair: Pair, to: Side, packet: Packet) => {
    const seg = packet.segment;
    const fast = snapshotHost(pair.hosts[to]);
    const full = snapshotHost(pair.hosts[to]);
    const conn = findConn(fast, seg.dstPort, packet.src, seg.srcPort);
    const twin = findConn(full, seg.dstPort, packet.src, seg.srcPort);
    if (!conn || !twin || conn.state === 'SYN-SENT') return;
    const fastCtx = ctxOf(fast, pair.now);
    const fullCtx = ctxOf(full, pair.now);
    if (predictedSegment(conn, seg, fastCtx)) {
      predicted++;
      checkedSegment(twin, seg, fullCtx);
    } else {
      checked++; // declined: it must have left everything as it was
    }
    expect(fastCtx.out).toEqual(fullCtx.out);
    expect(conn).toEqual(twin);
    expect(fast.timers).toEqual(full.timers);
  };
  const pair = new Pair({
    profile: profiles[name],
    delayMs: 10,
    drop: (_p, from, n) => (from === 'A' ? n % 23 === 0 : n % 11 === 0),
    jitter: (_p, from, n) => (from === 'A' && n % 7 === 0 ? 3 : 0),
    onArrive,
  });
  const l = pair.call('B', { call: 'listen', port: 80, options: { receiveBuffer: 16384 } });
  const a = pair.call('A', { call: 'connect', remote: ADDRESS.B, remotePort: 80 }).socket;
  pair.settle();
  const b = pair.call('B', { call: 'accept', socket: l.socket ?? -1 }).socket;
  if (a === undefined || b === undefined) throw new Error('handshake failed');
  const send = (side: Side, socket: SocketId, left: number) =>
    left -
    (pair.call(side, { call: 'send', socket, data: new Uint8Array(Math.min(left, 4096)) }).bytes ??
      0);
  let fromA = 40_000;
  let fromB = 6_000;
  for (let step = 0; step < 200; step++) {
    if (fromA > 0) fromA = send('A', a, fromA);
    if (fromB > 0 && step % 5 === 0) fromB = send('B', b, fromB);
    // B stops reading from step 20 to 60: its window fills and closes.
    if (step < 20 || step >= 60) pair.call('B', { call: 'receive', socket: b });
    pair.call('A', { call: 'receive', socket: a });
    pair.advance(5);
  }
  pair.advance(5000);
  expect(fromA).toBe(0);
  return { predicted, checked };
}

describe('ESTABLISHED: header prediction (Linux tcp_rcv_established() fast path)', () => {
  for (const name of ['linux', 'freebsd', 'rfc'] as const) {
    it(`${name}: a segment it takes leaves the TCB, timers and outputs as every check of RFC 9293 §3.10.7.4 in order would`, () => {
      const { predicted, checked } = compareOnTransfer(name);
      // Both paths ran: in-order text, and the ACKs, losses and probes left to the full checks.
      expect(predicted).toBeGreaterThan(10);
      expect(checked).toBeGreaterThan(10);
    });
  }
});
