/**
 * The simulator's event queue: a binary min-heap ordered by (time, rank, insertion order).
 * The virtual clock jumps from one event to the next (DESIGN.md, "One run"); events at the same
 * time come out in the order they were inserted, so a run is deterministic. `rank` lets a class
 * of events (user interventions) go before ordinary events at the same instant without taking
 * insertion numbers from them, so adding an intervention never reorders the events before it.
 */

interface Entry<T> {
  readonly time: number;
  readonly rank: number;
  readonly order: number;
  readonly item: T;
}

export class EventQueue<T> {
  private readonly heap: Entry<T>[] = [];
  private inserted = 0;

  get size(): number {
    return this.heap.length;
  }

  /** Adds `item` due at `time`; a lower `rank` goes first among events at the same time. */
  push(time: number, item: T, rank = 1): void {
    const entry: Entry<T> = { time, rank, order: this.inserted++, item };
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as Entry<T>;
      if (!before(entry, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = entry;
  }

  /** The time of the earliest event, or undefined when the queue is empty. */
  peekTime(): number | undefined {
    return this.heap[0]?.time;
  }

  /** The earliest event without removing it (its entry itself: entries are never written). */
  peek(): { readonly time: number; readonly item: T } | undefined {
    return this.heap[0];
  }

  /** The first queued item, in no particular order, that `match` accepts. */
  find(match: (item: T) => boolean): T | undefined {
    for (const e of this.heap) if (match(e.item)) return e.item;
    return undefined;
  }

  /** An independent copy whose items are `copyItem` of these (a world snapshot's queue). */
  copy(copyItem: (item: T) => T): EventQueue<T> {
    const q = new EventQueue<T>();
    for (const e of this.heap)
      q.heap.push({ time: e.time, rank: e.rank, order: e.order, item: copyItem(e.item) });
    q.inserted = this.inserted;
    return q;
  }

  /** Removes and returns the earliest event with its time. */
  pop(): { readonly time: number; readonly item: T } | undefined {
    const heap = this.heap;
    const top = heap[0];
    if (top === undefined) return undefined;
    const last = heap.pop() as Entry<T>;
    if (heap.length > 0) {
      let i = 0;
      const n = heap.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        let child = l;
        if (r < n && before(heap[r] as Entry<T>, heap[l] as Entry<T>)) child = r;
        const c = heap[child] as Entry<T>;
        if (!before(c, last)) break;
        heap[i] = c;
        i = child;
      }
      heap[i] = last;
    }
    return top;
  }
}

function before<T>(a: Entry<T>, b: Entry<T>): boolean {
  if (a.time !== b.time) return a.time < b.time;
  if (a.rank !== b.rank) return a.rank < b.rank;
  return a.order < b.order;
}
