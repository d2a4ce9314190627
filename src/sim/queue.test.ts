import { describe, expect, it } from 'vitest';
import { EventQueue } from './queue';

function drain<T>(queue: EventQueue<T>): T[] {
  const out: T[] = [];
  for (let e = queue.pop(); e; e = queue.pop()) out.push(e.item);
  return out;
}

describe('event queue', () => {
  it('pops events in time order', () => {
    const q = new EventQueue<string>();
    q.push(30, 'c');
    q.push(10, 'a');
    q.push(20, 'b');
    expect(q.peekTime()).toBe(10);
    expect(drain(q)).toEqual(['a', 'b', 'c']);
  });

  it('keeps insertion order among events at the same time', () => {
    const q = new EventQueue<number>();
    for (let i = 0; i < 50; i++) q.push(i % 3 === 0 ? 5 : 1, i);
    const popped = drain(q);
    const ones = popped.filter((i) => i % 3 !== 0);
    const fives = popped.filter((i) => i % 3 === 0);
    expect(popped).toEqual([...ones, ...fives]);
    expect(ones).toEqual([...ones].sort((a, b) => a - b));
    expect(fives).toEqual([...fives].sort((a, b) => a - b));
  });

  it('puts a lower rank first at the same time without reordering the others', () => {
    const q = new EventQueue<string>();
    q.push(5, 'first ordinary');
    q.push(5, 'second ordinary');
    q.push(5, 'intervention', 0);
    q.push(4, 'earlier');
    expect(drain(q)).toEqual(['earlier', 'intervention', 'first ordinary', 'second ordinary']);
  });

  it('matches a sorted order on many random times', () => {
    const q = new EventQueue<number>();
    const times: number[] = [];
    let x = 12345;
    for (let i = 0; i < 2000; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      times.push(x % 1000);
      q.push(x % 1000, i);
    }
    const popped = drain(q).map((i) => times[i]);
    expect(popped).toEqual([...times].sort((a, b) => a - b));
    expect(q.size).toBe(0);
  });
});
