import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inWindow, seq, seqAdd, seqDiff, seqGt, seqLeq, seqLt, seqMax } from './seq';

describe('sequence arithmetic modulo 2^32 (RFC 9293 §3.4)', () => {
  it('wraps past 2^32 − 1 to 0', () => {
    expect(seqAdd(seq(4294967295), 1)).toBe(0);
    expect(seqAdd(seq(4294967294), 3)).toBe(1);
    expect(seqAdd(seq(0), -1)).toBe(4294967295);
  });

  it('orders numbers across the wrap: 2^32 − 1 comes before 0', () => {
    expect(seqLt(seq(4294967295), seq(0))).toBe(true);
    expect(seqGt(seq(5), seq(4294967290))).toBe(true);
    expect(seqDiff(seq(5), seq(4294967290))).toBe(11);
    expect(seqMax(seq(4294967295), seq(3))).toBe(3);
  });

  it('tests window membership across the wrap', () => {
    expect(inWindow(seq(2), seq(4294967290), 10)).toBe(true);
    expect(inWindow(seq(4), seq(4294967290), 10)).toBe(false);
    expect(inWindow(seq(7), seq(7), 0)).toBe(false);
  });

  it('agrees with plain arithmetic shifted by any base (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 0, max: 2 ** 30 }),
        fc.integer({ min: 0, max: 2 ** 30 }),
        (base, a, b) => {
          const x = seqAdd(seq(base), a);
          const y = seqAdd(seq(base), b);
          expect(seqLt(x, y)).toBe(a < b);
          expect(seqLeq(x, y)).toBe(a <= b);
          expect(seqDiff(y, x)).toBe(b - a);
        },
      ),
    );
  });
});
