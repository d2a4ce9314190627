/**
 * Test-only harness: two hosts joined by a link with a fixed one-way delay, driven by a
 * time-sorted event queue. Packets can be dropped by a rule. It records a readable trace.
 * (The real lossy link lives in src/sim; the engine's tests do not import it.)
 */
import type { AppCall, CallResult, Output } from '../api';
import {
  createHost,
  handleCall,
  handlePacket,
  handleTimeout,
  socketInfo,
  type Host,
} from '../host';
import type { IsnConfig } from '../isn';
import { profiles, type Profile } from '../profiles';
import type { Packet, SocketId } from '../types';
import { formatSegment } from './format';

export type Side = 'A' | 'B';

export interface PairOptions {
  readonly profile?: Profile;
  readonly profileB?: Profile;
  readonly isnA?: IsnConfig;
  readonly isnB?: IsnConfig;
  readonly delayMs?: number;
  readonly synCookies?: boolean;
  /** Returns true to lose the packet; `n` counts packets sent by that side from 1. */
  readonly drop?: (packet: Packet, from: Side, n: number) => boolean;
  /** Extra delay for a packet (added to the fixed delay), e.g. to reorder. */
  readonly jitter?: (packet: Packet, from: Side, n: number) => number;
  /** Called after every packet or timer event (property tests check invariants here). */
  readonly onEvent?: (pair: Pair) => void;
  /** Called for every packet that reaches a host, before the host takes it. */
  readonly onArrive?: (pair: Pair, to: Side, packet: Packet) => void;
  /** Called for every packet a host sends, before the link takes it. */
  readonly onSend?: (pair: Pair, from: Side, packet: Packet) => void;
}

type Event =
  | {
      readonly at: number;
      readonly order: number;
      readonly kind: 'packet';
      readonly to: Side;
      readonly packet: Packet;
    }
  | {
      readonly at: number;
      readonly order: number;
      /** The host armed a timer for `at`: it may have work then (handleTimeout decides). */
      readonly kind: 'wake';
      readonly side: Side;
    };

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export const ADDRESS: Readonly<Record<Side, string>> = { A: '10.0.0.1', B: '10.0.0.2' };

export class Pair {
  hosts: Record<Side, Host>;
  now = 0;
  readonly trace: string[] = [];
  readonly outputs: { side: Side; t: number; output: Output }[] = [];
  readonly delivered: Record<Side, Uint8Array[]> = { A: [], B: [] };
  private queue: Event[] = [];
  private order = 0;
  private sent: Record<Side, number> = { A: 0, B: 0 };

  constructor(private readonly opts: PairOptions = {}) {
    const p = opts.profile ?? profiles.rfc;
    this.hosts = {
      A: createHost({
        address: ADDRESS.A,
        profile: p,
        isn: opts.isnA ?? { mode: 'fixed', value: 700 },
      }),
      B: createHost({
        address: ADDRESS.B,
        profile: opts.profileB ?? p,
        isn: opts.isnB ?? { mode: 'fixed', value: 200 },
        synCookies: opts.synCookies === true ? 'on-overflow' : 'never',
      }),
    };
  }

  call(side: Side, call: AppCall): CallResult {
    const r = handleCall(this.hosts[side], call, this.now);
    this.absorb(side, r.outputs);
    if (call.call === 'receive' && r.result.data && r.result.data.length > 0) {
      this.delivered[side].push(r.result.data);
    }
    return r.result;
  }

  info(side: Side, socket: SocketId) {
    return socketInfo(this.hosts[side], socket);
  }

  /** Processes events up to and including time `until` (or until the queue is empty). */
  run(until = Infinity, maxEvents = 100000): void {
    for (let i = 0; i < maxEvents; i++) {
      const e = this.queue[0];
      if (!e || e.at > until) break;
      this.queue.shift();
      this.now = e.at;
      if (e.kind === 'packet') {
        this.opts.onArrive?.(this, e.to, e.packet);
        this.absorb(e.to, handlePacket(this.hosts[e.to], e.packet, this.now));
      } else {
        this.absorb(e.side, handleTimeout(this.hosts[e.side], this.now));
      }
      this.opts.onEvent?.(this);
    }
    if (until !== Infinity && this.now < until) this.now = until;
  }

  /** Processes events while any packet is in flight (timers alone do not keep it going). */
  settle(maxEvents = 100000): void {
    for (let i = 0; i < maxEvents && this.queue.some((e) => e.kind === 'packet'); i++) {
      const next = this.queue[0] as Event;
      this.run(next.at, 1);
    }
  }

  /** Moves time forward by `ms`, processing what happens meanwhile. */
  advance(ms: number): void {
    this.run(this.now + ms);
  }

  pending(): number {
    return this.queue.length;
  }

  private absorb(side: Side, outputs: readonly Output[]): void {
    const other: Side = side === 'A' ? 'B' : 'A';
    for (const o of outputs) {
      this.outputs.push({ side, t: this.now, output: o });
      if (o.type === 'packet') {
        this.opts.onSend?.(this, side, o.packet);
        const n = ++this.sent[side];
        const lost = this.opts.drop?.(o.packet, side, n) ?? false;
        const rtx = o.retransmit > 0 ? ` (rtx ${o.retransmit})` : '';
        this.trace.push(
          `t=${fmt(this.now)} ${side}→${other} ${formatSegment(o.packet.segment)}${rtx}${lost ? ' LOST' : ''}`,
        );
        if (!lost) {
          const extra = this.opts.jitter?.(o.packet, side, n) ?? 0;
          this.push({
            at: this.now + (this.opts.delayMs ?? 50) + extra,
            kind: 'packet',
            to: other,
            packet: o.packet,
          });
        }
      } else if (o.type === 'timer' && o.action === 'set' && o.at !== undefined) {
        this.push({ at: o.at, kind: 'wake', side });
      } else if (o.type === 'state') {
        this.trace.push(`t=${fmt(this.now)} ${side}#${o.socket} ${o.from} → ${o.to}`);
      } else if (o.type === 'error') {
        this.trace.push(`t=${fmt(this.now)} ${side}#${o.socket} error ${o.errno}`);
      }
    }
  }

  private push(e: DistributiveOmit<Event, 'order'>): void {
    const ev = { ...e, order: this.order++ } as Event;
    let i = this.queue.length;
    while (i > 0) {
      const prev = this.queue[i - 1] as Event;
      if (prev.at < ev.at || (prev.at === ev.at && prev.order < ev.order)) break;
      i--;
    }
    this.queue.splice(i, 0, ev);
  }
}

function fmt(t: number): string {
  return Number.isInteger(t) ? String(t) : t.toFixed(3);
}

/** Test fixture: B listens on 80, A connects; runs until both are ESTABLISHED. */
export function establishedPair(opts: PairOptions = {}): { pair: Pair; a: SocketId; b: SocketId } {
  const pair = new Pair(opts);
  const l = pair.call('B', { call: 'listen', port: 80 });
  const c = pair.call('A', { call: 'connect', remote: ADDRESS.B, remotePort: 80 });
  pair.settle();
  const acc = pair.call('B', { call: 'accept', socket: l.socket ?? -1 });
  if (c.socket === undefined || acc.socket === undefined) throw new Error('handshake failed');
  return { pair, a: c.socket, b: acc.socket };
}
