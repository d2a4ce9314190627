/**
 * Filler for `bytes: n` sends: a repeating alphabet, easy to recognise in a hex dump. Written
 * once and then doubled with copyWithin: a byte loop with a modulo was a visible share of a
 * multi-megabyte run. Every length's filler is a prefix of a longer one, and sends hand their
 * bytes over (nobody writes them), so all sends share the longest made so far: making 4 MB
 * afresh for each run was a tenth of a bulk transfer's time.
 */

/** Letters in one period of the filler: byte i is 'a' + i mod 26. */
export const FILLER_PERIOD = 26;

let filled = new Uint8Array(0);
/**
 * `filled`'s buffer, kept beside it: a typed array's `buffer` getter is not inlined by V8's
 * optimizing compiler and costs tens of nanoseconds, and fillerPhase runs once per segment.
 */
let filledBuffer: ArrayBufferLike = filled.buffer;

export function filler(n: number): Uint8Array {
  if (filled.length < n) {
    const bytes = new Uint8Array(n);
    const first = Math.min(n, FILLER_PERIOD);
    for (let i = 0; i < first; i++) bytes[i] = 97 + i;
    // Every filled prefix is a whole number of alphabets, so copying it onward keeps the period.
    for (let done = first; done < n; done *= 2) bytes.copyWithin(done, 0, done);
    filled = bytes;
    filledBuffer = bytes.buffer;
  }
  return filled.subarray(0, n);
}

/**
 * Where in the alphabet `bytes` starts (0 for "abc…", 1 for "bcd…"), when they are a view of
 * the filler; -1 otherwise. The filler is never written once made and the engine hands views
 * of sent bytes on without copying, so a segment's payload that is such a view is known by its
 * phase and length alone, without reading it.
 */
export function fillerPhase(bytes: Uint8Array): number {
  return bytes.buffer === filledBuffer ? bytes.byteOffset % FILLER_PERIOD : -1;
}
