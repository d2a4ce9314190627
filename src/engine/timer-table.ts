/**
 * A host's timer table, as quinn-proto keeps one: every timer a connection arms is entered
 * here with its due time, so the host can say when it next needs to run (nextDeadline) and
 * fire what is due itself (handleTimeout). The connection's own field (rtxAt, persistAt, …)
 * says whether a timer is still pending at that time; an entry that no longer matches it was
 * re-armed or cancelled and is dropped when it reaches the top. Timers due at the same time
 * fire in the order they were armed.
 */
import type { SocketId, TimerName } from './types';

export interface TimerEntry {
  readonly at: number;
  readonly order: number;
  readonly socket: SocketId;
  readonly timer: TimerName;
}

export class TimerTable {
  private heap: TimerEntry[] = [];
  private armed = 0;

  add(socket: SocketId, timer: TimerName, at: number): void {
    const entry: TimerEntry = { at, order: this.armed++, socket, timer };
    const heap = this.heap;
    let i = heap.length;
    heap.push(entry);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as TimerEntry;
      if (!before(entry, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = entry;
  }

  /** The earliest entry, live or not. */
  peek(): TimerEntry | undefined {
    return this.heap[0];
  }

  pop(): TimerEntry | undefined {
    const heap = this.heap;
    const top = heap[0];
    if (top === undefined) return undefined;
    const last = heap.pop() as TimerEntry;
    const n = heap.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        let child = l;
        if (r < n && before(heap[r] as TimerEntry, heap[l] as TimerEntry)) child = r;
        const c = heap[child] as TimerEntry;
        if (!before(c, last)) break;
        heap[i] = c;
        i = child;
      }
      heap[i] = last;
    }
    return top;
  }

  /** An independent copy (entries are never written, so they are shared). */
  copy(): TimerTable {
    const t = new TimerTable();
    t.heap = this.heap.slice();
    t.armed = this.armed;
    return t;
  }
}

function before(a: TimerEntry, b: TimerEntry): boolean {
  return a.at !== b.at ? a.at < b.at : a.order < b.order;
}
