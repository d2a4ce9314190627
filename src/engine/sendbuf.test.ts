import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendBytes, dropFront, EMPTY_SEND_BUF, readBytes } from './sendbuf';

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
          let buf = EMPTY_SEND_BUF;
          let model: number[] = [];
          let next = 0;
          for (const op of ops) {
            if (op > 0) {
              const bytes = new Uint8Array(op).map(() => next++ % 256);
              buf = appendBytes(buf, bytes);
              bytes.fill(0); // the caller may reuse its array
              model = model.concat(Array.from({ length: op }, (_, i) => (next - op + i) % 256));
            } else {
              const n = Math.min(-op, model.length);
              buf = dropFront(buf, n);
              model = model.slice(n);
            }
            expect(buf.length).toBe(model.length);
          }
          const start = Math.min(at, model.length);
          const n = Math.min(len, model.length - start);
          expect(Array.from(readBytes(buf, start, n))).toEqual(model.slice(start, start + n));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('keeps every version intact when two appends fork from the same one', () => {
    const bytes = (n: number, v: number) => new Uint8Array(n).fill(v);
    const base = dropFront(
      appendBytes(appendBytes(EMPTY_SEND_BUF, bytes(3000, 1)), bytes(3000, 2)),
      100,
    );
    const a = appendBytes(base, bytes(3000, 3));
    const b = appendBytes(base, bytes(3000, 4));
    expect(base.length).toBe(5900);
    expect(readBytes(a, 5900, 3000).every((x) => x === 3)).toBe(true);
    expect(readBytes(b, 5900, 3000).every((x) => x === 4)).toBe(true);
    expect(Array.from(readBytes(base, 2890, 20))).toEqual([...bytes(10, 1), ...bytes(10, 2)]);
  });
});
