/**
 * Property: any schedule of application calls (send, receive, close, shutdown, abort,
 * connect, listen) over a lossy, reordering link never throws, never breaks the sequence
 * invariants, and always lets virtual time run out.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AppCall } from './api';
import type { Conn } from './conn';
import { profiles } from './profiles';
import { seqGt, seqLeq } from './seq';
import { ADDRESS, Pair, type Side } from './testing/pair';
import { Flag } from './types';

type Action = 'send' | 'receive' | 'close' | 'shut-wr' | 'shut-rd' | 'abort' | 'connect' | 'accept';

const step = fc.record({
  dt: fc.integer({ min: 0, max: 400 }),
  side: fc.constantFrom<Side>('A', 'B'),
  action: fc.constantFrom<Action>(
    'send',
    'send',
    'receive',
    'close',
    'shut-wr',
    'shut-rd',
    'abort',
    'connect',
    'accept',
  ),
  bytes: fc.integer({ min: 1, max: 5000 }),
  pick: fc.nat(),
});

function conns(pair: Pair, side: Side): Conn[] {
  return [...pair.hosts[side].sockets.values()].filter((s): s is Conn => s.kind === 'conn');
}

describe('properties over random call schedules', () => {
  it('nothing throws, SND.UNA ≤ SND.NXT, no ACK beyond the peer’s SND.NXT, causes cite the RFC, and every run ends', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(profiles.rfc, profiles.linux, profiles.freebsd),
        fc.boolean(),
        fc.array(step, { maxLength: 25 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 16 }),
        (profile, cookies, steps, losses) => {
          const other = (x: Side): Side => (x === 'A' ? 'B' : 'A');
          const pair: Pair = new Pair({
            profile,
            synCookies: cookies,
            isnA: { mode: 'rfc', key: 7 },
            isnB: { mode: 'rfc', key: 9 },
            drop: (_p, _from, n) => n % 4 === 0 && (losses[n % losses.length] ?? false),
            jitter: (_p, _from, n) => (n * 37) % 60,
            onEvent: (p) => {
              for (const side of ['A', 'B'] as const) {
                for (const c of conns(p, side)) expect(seqLeq(c.sndUna, c.sndNxt)).toBe(true);
              }
            },
            onSend: (p, from, packet) => {
              const seg = packet.segment;
              if (!(seg.flags & Flag.ACK) || seg.flags & Flag.RST) return;
              const peer = conns(p, other(from)).find(
                (c) =>
                  c.tuple.localPort === seg.dstPort &&
                  c.tuple.remotePort === seg.srcPort &&
                  c.state !== 'CLOSED',
              );
              if (peer) expect(seqGt(seg.ack, peer.sndNxt)).toBe(false);
            },
          });
          const listener = pair.call('B', { call: 'listen', port: 80, backlog: 2 }).socket ?? -1;
          pair.call('A', { call: 'connect', remote: ADDRESS.B, remotePort: 80 });
          for (const s of steps) {
            pair.advance(s.dt);
            const mine = [...pair.hosts[s.side].sockets.keys()].filter(
              (id) => id !== listener || s.side === 'A',
            );
            const socket = mine.length > 0 ? (mine[s.pick % mine.length] as number) : -1;
            const calls: Record<Action, AppCall> = {
              send: { call: 'send', socket, data: new Uint8Array(s.bytes) },
              receive: { call: 'receive', socket },
              close: { call: 'close', socket },
              'shut-wr': { call: 'shutdown', socket, how: 'write' },
              'shut-rd': { call: 'shutdown', socket, how: 'read' },
              abort: { call: 'abort', socket },
              connect: { call: 'connect', remote: ADDRESS[other(s.side)], remotePort: 80 },
              accept: { call: 'accept', socket: listener },
            };
            pair.call(s.side, calls[s.action]);
          }
          pair.run(Infinity, 100_000);
          expect(pair.pending()).toBe(0);
          // Every state change names its cause and cites an RFC.
          for (const { output } of pair.outputs) {
            if (output.type === 'state') expect(output.cause).toMatch(/RFC \d+/);
          }
          expect(pair.now).toBeLessThan(3600_000);
        },
      ),
      { numRuns: 120 },
    );
  }, 60_000);
});
