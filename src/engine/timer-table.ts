/**
 * A host's timer table, as quinn-proto keeps one: every timer a connection arms is entered
 * here with its due time, so the host can say when it next needs to run (nextDeadline) and
 * fire what is due itself (handleTimeout). The connection's own field (rtxAt, persistAt, …)
 * says whether a timer is still pending at that time; an entry that no longer matches it was
 * re-armed or cancelled and is dropped when it reaches the top. Timers due at the same time
 * fire in the order they were armed.
 *
 * The binary heap keeps its entries' fields in typed arrays, one per field, rather than an
 * object per entry: a busy client's table holds an entry for each of its thousands of
 * TIME-WAIT sockets, and every arm and every drop walks about log2(n) levels comparing due
 * times, which read adjacent numbers here instead of objects strewn over the heap (and an arm
 * makes no garbage).
 */
import type { SocketId, TimerName } from './types';

/** The timer names by their number in the table. */
const NAMES: readonly TimerName[] = [
  'retransmit',
  'loss-probe',
  'time-wait',
  'delayed-ack',
  'fin-wait-2',
  'persist',
  'keepalive',
];

/** Each timer name's number, derived from NAMES (declared once). */
const NUMBER_OF = Object.fromEntries(NAMES.map((name, i) => [name, i])) as Readonly<
  Record<TimerName, number>
>;

export class TimerTable {
  /** Entry i's due time, arm order, socket and timer number; entries 0 … size − 1 form the heap. */
  private at: Float64Array;
  private order: Float64Array;
  private socket: Int32Array;
  private timer: Uint8Array;
  private size = 0;
  private armed = 0;

  constructor(room = 16) {
    this.at = new Float64Array(room);
    this.order = new Float64Array(room);
    this.socket = new Int32Array(room);
    this.timer = new Uint8Array(room);
  }

  add(socket: SocketId, timer: TimerName, at: number): void {
    if (this.size === this.at.length) this.grow();
    const order = this.armed++;
    const ats = this.at;
    const orders = this.order;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      // Arm orders are unique, so the new entry is due first exactly when its parent is not.
      if (this.before(parent, at, order)) break;
      this.move(parent, i);
      i = parent;
    }
    ats[i] = at;
    orders[i] = order;
    this.socket[i] = socket;
    this.timer[i] = NUMBER_OF[timer];
  }

  /** Whether no entry, live or not, is left. */
  get empty(): boolean {
    return this.size === 0;
  }

  /** The earliest entry's due time, socket and timer (live or not); only while not empty. */
  get topAt(): number {
    return this.at[0] as number;
  }

  get topSocket(): SocketId {
    return this.socket[0] as number;
  }

  get topTimer(): TimerName {
    return NAMES[this.timer[0] as number] as TimerName;
  }

  /** Drops the earliest entry. */
  pop(): void {
    if (this.size === 0) return;
    const n = --this.size;
    if (n === 0) return;
    const ats = this.at;
    const orders = this.order;
    const lastAt = ats[n] as number;
    const lastOrder = orders[n] as number;
    const lastSocket = this.socket[n] as number;
    const lastTimer = this.timer[n] as number;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let child = l;
      if (r < n && this.before(r, ats[l] as number, orders[l] as number)) child = r;
      if (!this.before(child, lastAt, lastOrder)) break;
      this.move(child, i);
      i = child;
    }
    ats[i] = lastAt;
    orders[i] = lastOrder;
    this.socket[i] = lastSocket;
    this.timer[i] = lastTimer;
  }

  /** An independent copy. */
  copy(): TimerTable {
    const t = new TimerTable(this.at.length);
    t.at.set(this.at);
    t.order.set(this.order);
    t.socket.set(this.socket);
    t.timer.set(this.timer);
    t.size = this.size;
    t.armed = this.armed;
    return t;
  }

  /** Entry i is due before (at, order). */
  private before(i: number, at: number, order: number): boolean {
    const a = this.at[i] as number;
    return a !== at ? a < at : (this.order[i] as number) < order;
  }

  private move(from: number, to: number): void {
    this.at[to] = this.at[from] as number;
    this.order[to] = this.order[from] as number;
    this.socket[to] = this.socket[from] as number;
    this.timer[to] = this.timer[from] as number;
  }

  private grow(): void {
    const room = this.at.length * 2;
    const at = new Float64Array(room);
    const order = new Float64Array(room);
    const socket = new Int32Array(room);
    const timer = new Uint8Array(room);
    at.set(this.at);
    order.set(this.order);
    socket.set(this.socket);
    timer.set(this.timer);
    this.at = at;
    this.order = order;
    this.socket = socket;
    this.timer = timer;
  }
}
