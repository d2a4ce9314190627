/**
 * Engine benchmark: segment arrivals processed per second on a bulk transfer and on many
 * short connections, against a bare loop that moves the same segment objects through the
 * same kind of event queue and does nothing else. Rates are from CPU time; engine and bare
 * samples alternate, and the ratio is the median of the pairs' ratios (docs/engine.md).
 */
import {
  createHost,
  handleCall,
  handlePacket,
  handleTimeout,
  nextDeadline,
  profiles,
  type AppCall,
  type Host,
  type Output,
  type Packet,
  type Profile,
  type SocketId,
} from '../src/engine';
import type { BenchRow } from './types';

type Side = 0 | 1;

type Event =
  | { at: number; order: number; kind: 0; to: Side; packet: Packet }
  /** The host's next deadline (nextDeadline) when it was queued: it may have work then. */
  | { at: number; order: number; kind: 1; side: Side };

/** A binary min-heap on (at, order): the event queue both loops use. */
class Heap<T extends { at: number; order: number }> {
  private items: T[] = [];
  get size(): number {
    return this.items.length;
  }
  push(x: T): void {
    const a = this.items;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const x = a[i] as T;
      const y = a[p] as T;
      if (!less(x, y)) break;
      a[i] = y; // plain stores: a destructuring swap would allocate an array per step
      a[p] = x;
      i = p;
    }
  }
  peek(): T | undefined {
    return this.items[0];
  }
  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && less(a[l] as T, a[m] as T)) m = l;
        if (r < a.length && less(a[r] as T, a[m] as T)) m = r;
        if (m === i) break;
        const x = a[i] as T;
        a[i] = a[m] as T;
        a[m] = x;
        i = m;
      }
    }
    return top;
  }
}

function less(a: { at: number; order: number }, b: { at: number; order: number }): boolean {
  return a.at < b.at || (a.at === b.at && a.order < b.order);
}

const ADDR = ['10.0.0.1', '10.0.0.2'] as const;
const DELAY = 5;
const BULK = Number(process.env.BENCH_BULK ?? 20_000_000);
const SHORT = Number(process.env.BENCH_SHORT ?? 2000);

interface World {
  hosts: [Host, Host];
  queue: Heap<Event>;
  order: number;
  now: number;
  /** When each host's earliest queued wake-up is due (Infinity: none queued). */
  wakeAt: [number, number];
  arrivals: number;
  /** The queue operations, recorded for the bare loop: an event pushed, or null for a pop. */
  record: (Event | null)[] | null;
}

function world(profile: Profile, record: boolean): World {
  return {
    hosts: [
      createHost({ address: ADDR[0], profile, isn: { mode: 'rfc', key: 1 } }),
      createHost({ address: ADDR[1], profile, isn: { mode: 'rfc', key: 2 } }),
    ],
    queue: new Heap<Event>(),
    order: 0,
    now: 0,
    wakeAt: [Infinity, Infinity],
    arrivals: 0,
    record: record ? [] : null,
  };
}

function absorb(
  w: World,
  side: Side,
  outputs: readonly Output[],
  react: (side: Side, o: Output) => void,
): void {
  let armed = false;
  for (const o of outputs) {
    if (o.type === 'packet') {
      const at = w.now + DELAY;
      const to: Side = side === 0 ? 1 : 0;
      const e: Event = { at, order: w.order++, kind: 0, to, packet: o.packet };
      w.queue.push(e);
      w.record?.push(e);
    } else if (o.type === 'timer') {
      armed ||= o.action === 'set';
    } else {
      react(side, o);
    }
  }
  if (armed) wakeWhenDue(w, side);
}

/**
 * Queues a wake-up at the host's next deadline when that is earlier than the one queued
 * (docs/engine.md, calling order: the caller keeps no copy of the timers). A timer re-armed
 * later leaves its wake-up early, which then finds nothing due and queues the next.
 */
function wakeWhenDue(w: World, side: Side): void {
  const due = nextDeadline(w.hosts[side]);
  if (due === null || due >= w.wakeAt[side]) return;
  w.wakeAt[side] = due;
  const e: Event = { at: due, order: w.order++, kind: 1, side };
  w.queue.push(e);
  w.record?.push(e);
}

/** A wake-up: every timer due by now fires, one handleTimeout call each. */
function wake(w: World, side: Side, react: (side: Side, o: Output) => void): void {
  const host = w.hosts[side];
  if (w.wakeAt[side] <= w.now) w.wakeAt[side] = Infinity;
  for (;;) {
    const due = nextDeadline(host);
    if (due === null || due > w.now) break;
    absorb(w, side, handleTimeout(host, w.now), react);
  }
  wakeWhenDue(w, side);
}

function call(w: World, side: Side, c: AppCall, react: (side: Side, o: Output) => void) {
  const r = handleCall(w.hosts[side], c, w.now);
  absorb(w, side, r.outputs, react);
  return r.result;
}

function drain(w: World, react: (side: Side, o: Output) => void, until = Infinity): void {
  for (;;) {
    const e = w.queue.peek();
    if (!e) return;
    if (e.at > until) {
      w.now = until;
      return;
    }
    w.queue.pop();
    w.record?.push(null);
    w.now = e.at;
    if (e.kind === 0) {
      w.arrivals++;
      absorb(w, e.to, handlePacket(w.hosts[e.to], e.packet, w.now), react);
    } else {
      wake(w, e.side, react);
    }
  }
}

let file = new Uint8Array(0);

/**
 * The bytes the bulk sender sends, as a file it has in memory: made once, never written, so
 * each send() hands its next slice over to the engine (a zero-copy send) and the slices lie
 * back to back, as sendfile() would pass a file's pages.
 */
function fileOf(bytes: number): Uint8Array {
  if (file.length < bytes) file = new Uint8Array(bytes);
  return file;
}

/**
 * A sends `bytes` to B, as a program with an event loop would: A fills its send buffer once
 * connected and again whenever the engine says it is `writable` (epoll's EPOLLOUT); B reads
 * once per millisecond of virtual time if the engine said something arrived (`readable`).
 */
export function bulk(bytes: number, record: boolean): World {
  const w = world(profiles.linux, record);
  const file = fileOf(bytes);
  let left = bytes;
  let server: SocketId = -1;
  let readable = false;
  const fill = (client: SocketId) => {
    while (left > 0) {
      const at = bytes - left;
      const data = file.subarray(at, at + Math.min(left, 65536));
      const r = call(w, 0, { call: 'send', socket: client, data, handOver: true }, react);
      if (r.result !== 'ok' || !r.bytes) break;
      left -= r.bytes;
      if (r.bytes < data.length) break; // the buffer is full: wait for `writable`
    }
  };
  const react = (side: Side, o: Output) => {
    if (side === 0 && (o.type === 'established' || o.type === 'writable')) fill(o.socket);
    if (side === 1 && o.type === 'acceptable') {
      server = call(w, 1, { call: 'accept', socket: o.listener }, react).socket ?? -1;
    }
    if (side === 1 && o.type === 'readable') readable = true;
  };
  call(w, 1, { call: 'listen', port: 80 }, react);
  call(w, 0, { call: 'connect', remote: ADDR[1], remotePort: 80 }, react);
  while (w.queue.size > 0) {
    drain(w, react, w.now + 1);
    if (server >= 0 && readable) {
      readable = false;
      call(w, 1, { call: 'receive', socket: server }, react);
    }
  }
  if (left > 0) throw new Error('bulk transfer did not finish');
  return w;
}

/**
 * `n` short connections, 8 at a time: connect, 100-byte request, 200-byte reply, close. The
 * client's TIME-WAIT sockets accumulate (60 s), as on a busy client.
 */
export function shortConnections(n: number, record: boolean): World {
  const w = world(profiles.linux, record);
  let started = 0;
  // Never written, so handed over (as the file in bulk).
  const request = new Uint8Array(100);
  const reply = new Uint8Array(200);
  const react = (side: Side, o: Output) => {
    if (side === 1 && o.type === 'acceptable')
      call(w, 1, { call: 'accept', socket: o.listener }, react);
    if (side === 0 && o.type === 'established')
      call(w, 0, { call: 'send', socket: o.socket, data: request, handOver: true }, react);
    if (o.type === 'readable') {
      call(w, side, { call: 'receive', socket: o.socket }, react);
      if (side === 1)
        call(w, 1, { call: 'send', socket: o.socket, data: reply, handOver: true }, react);
      else {
        call(w, 0, { call: 'close', socket: o.socket }, react);
        // The next connection starts at once, so TIME-WAIT sockets pile up on the client.
        if (started < n) start();
      }
    }
    if (side === 1 && o.type === 'eof') call(w, 1, { call: 'close', socket: o.socket }, react);
  };
  const start = () => {
    started++;
    call(w, 0, { call: 'connect', remote: ADDR[1], remotePort: 80 }, react);
  };
  call(w, 1, { call: 'listen', port: 80, backlog: 64 }, react);
  for (let i = 0; i < 8; i++) start();
  drain(w, react);
  return w;
}

/**
 * The bare loop: replays the run's exact sequence of queue operations (the same event
 * objects pushed, popped in the same order) and only reads each arriving segment.
 */
function bare(record: readonly (Event | null)[]): number {
  const q = new Heap<Event>();
  let sum = 0;
  for (const op of record) {
    if (op) {
      q.push(op);
    } else {
      const e = q.pop();
      if (e && e.kind === 0) sum += e.packet.segment.seq;
    }
  }
  return sum;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/**
 * CPU time of this process in milliseconds. The build machine is shared (load 6–14 on 2
 * cores), so wall-clock time mostly measures how long the scheduler kept us waiting; CPU
 * time (user + system, including the garbage collector's helper threads) measures the work.
 */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Rate of one sample: `run` repeated until it used at least 100 ms of CPU. */
export function sample(run: () => number): number {
  let count = 0;
  const t0 = cpuMs();
  let ms: number;
  do {
    count += run();
    ms = cpuMs() - t0;
  } while (ms < 100);
  return (count / ms) * 1000;
}

export async function benchEngine(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const RUNS = 9;
  const cases = [
    { name: 'bulk transfer, 20 MB, linux profile', make: (rec: boolean) => bulk(BULK, rec) },
    {
      name: '2,000 short connections, linux profile',
      make: (rec: boolean) => shortConnections(SHORT, rec),
    },
  ];
  for (const c of cases) {
    c.make(false); // warm-up
    const recordedWorld = c.make(true);
    const recorded = recordedWorld.record ?? [];
    const replay = () => {
      bare(recorded);
      return recordedWorld.arrivals;
    };
    // Engine and bare samples alternate, so that both meet the same load on the shared
    // machine; the ratio is the median of the pairs' ratios.
    const engine: number[] = [];
    const bareRates: number[] = [];
    const ratios: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const e = sample(() => c.make(false).arrivals);
      const b = sample(replay);
      engine.push(e);
      bareRates.push(b);
      ratios.push(b / e);
    }
    rows.push({
      name: `${c.name}: engine`,
      value: Math.round(median(engine)),
      unit: 'seg/s',
      note: `median of ${RUNS}, CPU time`,
    });
    rows.push({
      name: `${c.name}: bare loop`,
      value: Math.round(median(bareRates)),
      unit: 'seg/s',
    });
    rows.push({
      name: `${c.name}: bare / engine`,
      value: median(ratios),
      unit: '×',
      note: 'median of paired samples; target ≤ 3 bulk, ≤ 4 short',
    });
  }
  return rows;
}
