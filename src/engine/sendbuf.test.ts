import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SendBuf } from './sendbuf';

describe('send buffer', () => {
  it('reads back exactly the bytes appended, after any drops (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(fc.integer({ min: 1, max: 40000 }), fc.integer({ min: -30000, max: -1 })),
          { maxLength: 30 },
        ),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 1, max: 5000 }),
        (ops, at, len) => {
          const buf = new SendBuf();
          let model: number[] = [];
          let next = 0;
          for (const op of ops) {
            if (op > 0) {
              const bytes = new Uint8Array(op).map(() => next++ % 256);
              buf.append(bytes);
              bytes.fill(0); // the caller may reuse its array
              model = model.concat(Array.from({ length: op }, (_, i) => (next - op + i) % 256));
            } else {
              const n = Math.min(-op, model.length);
              buf.drop(n);
              model = model.slice(n);
            }
            expect(buf.length).toBe(model.length);
          }
          const start = Math.min(at, model.length);
          const n = Math.min(len, model.length - start);
          expect(Array.from(buf.read(start, n))).toEqual(model.slice(start, start + n));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('a copy and the original go their own ways, and payloads already read stay as they were', () => {
    const bytes = (n: number, v: number) => new Uint8Array(n).fill(v);
    const base = new SendBuf();
    base.append(bytes(3000, 1));
    base.append(bytes(300, 2));
    base.drop(100);
    const inFlight = base.read(2890, 20); // a segment's payload, a view into the buffer
    const copy = base.copy();
    base.append(bytes(300, 3));
    copy.append(bytes(300, 4));
    copy.drop(200);
    expect(base.length).toBe(3500);
    expect(base.read(3200, 300).every((x) => x === 3)).toBe(true);
    expect(copy.length).toBe(3300);
    expect(copy.read(3000, 300).every((x) => x === 4)).toBe(true);
    expect(Array.from(inFlight)).toEqual([...bytes(10, 1), ...bytes(10, 2)]);
  });
});
