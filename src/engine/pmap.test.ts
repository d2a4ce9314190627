import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PMap } from './pmap';

describe('PMap (persistent map for host tables)', () => {
  it('behaves like Map under random sets and deletes, and old versions never change', () => {
    const op = fc.record({
      del: fc.boolean(),
      key: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 2 ** 32 - 1 })),
      value: fc.integer(),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        let p = PMap.empty<number>();
        const m = new Map<number, number>();
        const history: [PMap<number>, string][] = [];
        for (const o of ops) {
          history.push([p, JSON.stringify([...p.entries()])]);
          if (o.del) {
            p = p.delete(o.key);
            m.delete(o.key);
          } else {
            p = p.set(o.key, o.value);
            m.set(o.key, o.value);
          }
          expect(p.size).toBe(m.size);
          expect(p.get(o.key)).toBe(m.get(o.key));
        }
        expect([...p.entries()]).toEqual([...m.entries()].sort((a, b) => a[0] - b[0]));
        for (const [old, snapshot] of history)
          expect(JSON.stringify([...old.entries()])).toBe(snapshot);
      }),
      { numRuns: 100 },
    );
  });
});
