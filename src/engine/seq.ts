/**
 * Sequence-number arithmetic modulo 2^32 (RFC 9293 §3.4: "all arithmetic dealing with
 * sequence numbers must be performed modulo 2**32"). Comparisons use the signed 32-bit
 * difference (RFC 1982 serial-number style), so an ISN of 2^32 − 1 behaves like 700.
 */
import type { Seq } from './types';

/** Brands a plain number as a sequence number, reducing it modulo 2^32. */
export function seq(n: number): Seq {
  return (n >>> 0) as Seq;
}

/** a + n modulo 2^32 (n may be negative). */
export function seqAdd(a: Seq, n: number): Seq {
  return ((a + n) >>> 0) as Seq;
}

/** The signed distance b → a, i.e. a − b interpreted in (−2^31, 2^31]. */
export function seqDiff(a: Seq, b: Seq): number {
  return (a - b) | 0;
}

export function seqLt(a: Seq, b: Seq): boolean {
  return ((a - b) | 0) < 0;
}

export function seqLeq(a: Seq, b: Seq): boolean {
  return ((a - b) | 0) <= 0;
}

export function seqGt(a: Seq, b: Seq): boolean {
  return ((a - b) | 0) > 0;
}

export function seqGeq(a: Seq, b: Seq): boolean {
  return ((a - b) | 0) >= 0;
}

export function seqMax(a: Seq, b: Seq): Seq {
  return seqGt(a, b) ? a : b;
}

export function seqMin(a: Seq, b: Seq): Seq {
  return seqLt(a, b) ? a : b;
}

/** start ≤ x < start + size, modulo 2^32 (size 0 contains nothing). */
export function inWindow(x: Seq, start: Seq, size: number): boolean {
  const d = (x - start) >>> 0;
  return d < size;
}
