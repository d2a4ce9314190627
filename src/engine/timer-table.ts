/**
 * A host's timer table, as quinn-proto keeps one: every timer a connection arms is entered
 * here with its due time, so the host can say when it next needs to run (nextDeadline) and
 * fire what is due itself (handleTimeout). Each (socket, timer) has at most one entry: arming
 * a timer again moves its entry in place (the retransmission timer is re-armed by every ACK,
 * RFC 6298 §5.3), so re-arming makes no garbage and the heap holds no stale copies. The
 * connection's own field (rtxAt, persistAt, …) says whether the timer is still pending at
 * that time; an entry that no longer matches it was cancelled and leaves when it reaches the
 * top. Timers due at the same time fire in the order they were last armed.
 */
import type { SocketId, TimerName } from './types';

export interface TimerEntry {
  at: number;
  /** When it was last armed, counted per table: the tie-break between timers due together. */
  order: number;
  readonly socket: SocketId;
  readonly timer: TimerName;
  /** Its position in the heap. */
  index: number;
}

/** The slot key of a (socket, timer): socket ids are never reused within a host. */
function slotOf(socket: SocketId, timer: TimerName): number {
  return socket * 8 + TIMER_SLOT[timer];
}

const TIMER_SLOT: Readonly<Record<TimerName, number>> = {
  retransmit: 0,
  persist: 1,
  'delayed-ack': 2,
  'time-wait': 3,
  'fin-wait-2': 4,
};

export class TimerTable {
  private heap: TimerEntry[] = [];
  /** The entry of each (socket, timer) in the heap, by slotOf. */
  private slots = new Map<number, TimerEntry>();
  private armed = 0;

  /** Arms the timer for `at`: its entry moves if it has one, else a new one is made. */
  add(socket: SocketId, timer: TimerName, at: number): void {
    const slot = slotOf(socket, timer);
    const entry = this.slots.get(slot);
    if (entry === undefined) {
      const fresh: TimerEntry = { at, order: this.armed++, socket, timer, index: this.heap.length };
      this.heap.push(fresh);
      this.slots.set(slot, fresh);
      this.up(fresh);
      return;
    }
    entry.at = at;
    entry.order = this.armed++;
    // A later (at, order) than before unless `at` moved earlier: one of the two moves nothing.
    this.up(entry);
    this.down(entry);
  }

  /** The earliest entry, live or not. */
  peek(): TimerEntry | undefined {
    return this.heap[0];
  }

  pop(): TimerEntry | undefined {
    const heap = this.heap;
    const top = heap[0];
    if (top === undefined) return undefined;
    this.slots.delete(slotOf(top.socket, top.timer));
    const last = heap.pop() as TimerEntry;
    if (heap.length > 0) {
      heap[0] = last;
      last.index = 0;
      this.down(last);
    }
    return top;
  }

  /** An independent copy (entries move in place, so each is copied). */
  copy(): TimerTable {
    const t = new TimerTable();
    for (const e of this.heap) {
      const c: TimerEntry = {
        at: e.at,
        order: e.order,
        socket: e.socket,
        timer: e.timer,
        index: e.index,
      };
      t.heap.push(c);
      t.slots.set(slotOf(c.socket, c.timer), c);
    }
    t.armed = this.armed;
    return t;
  }

  private up(entry: TimerEntry): void {
    const heap = this.heap;
    let i = entry.index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as TimerEntry;
      if (!before(entry, p)) break;
      heap[i] = p;
      p.index = i;
      i = parent;
    }
    heap[i] = entry;
    entry.index = i;
  }

  private down(entry: TimerEntry): void {
    const heap = this.heap;
    const n = heap.length;
    let i = entry.index;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let child = l;
      if (r < n && before(heap[r] as TimerEntry, heap[l] as TimerEntry)) child = r;
      const c = heap[child] as TimerEntry;
      if (!before(c, entry)) break;
      heap[i] = c;
      c.index = i;
      i = child;
    }
    heap[i] = entry;
    entry.index = i;
  }
}

function before(a: TimerEntry, b: TimerEntry): boolean {
  return a.at !== b.at ? a.at < b.at : a.order < b.order;
}
