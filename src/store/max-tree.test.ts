import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildMaxTree, eachEndingFrom } from './max-tree';

function collect(ends: number[], count: number, from: number): number[] {
  const found: number[] = [];
  eachEndingFrom(buildMaxTree(ends), count, from, (i) => found.push(i));
  return found;
}

describe('items still alive at a moment, among the first few', () => {
  it('finds exactly those a full scan would find, in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 70 }),
        fc.nat(80),
        fc.integer({ min: -5, max: 1005 }),
        (ends, count, from) => {
          const scan = ends.flatMap((end, i) => (i < count && end >= from ? [i] : []));
          expect(collect(ends, count, from)).toEqual(scan);
        },
      ),
    );
  });

  it('visits few nodes when one long-lived item spans the whole run', () => {
    // A keepalive timer set first and alive to the end, then 100,000 short timers.
    const ends = [1e9, ...Array.from({ length: 100_000 }, (_, i) => i * 10 + 5)];
    const tree = buildMaxTree(ends);
    let visits = 0;
    const max = tree.max;
    const counted = new Proxy(max, {
      get(target, key) {
        if (typeof key === 'string' && /^\d+$/.test(key)) visits++;
        const value = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const found: number[] = [];
    eachEndingFrom({ leaves: tree.leaves, max: counted }, 50_001, 499_990, (i) => found.push(i));
    expect(found).toEqual([0, 50_000]);
    expect(visits).toBeLessThan(200);
  });
});
