/**
 * A small seeded pseudo-random generator: mulberry32 (Tommy Ettinger's 32-bit state mixer).
 * The simulator never uses the global random number generator (DESIGN.md): the same seed gives
 * the same run. Each consumer gets its own stream, derived from (seed, stream name), so that a
 * change in how often one direction of the link draws does not reshuffle the other direction.
 */
// Stream seeds are derived with the engine's 32-bit avalanche mix (MurmurHash3's finalizer).
import { mix32 } from '../engine';

/** One independent stream of uniform numbers in [0, 1). */
export interface RandomStream {
  /** The next uniform number in [0, 1). */
  next(): number;
  /** The next unsigned 32-bit integer. */
  nextUint32(): number;
  /** Moves on `n` draws without making them: the stream continues as after `n` calls of next. */
  skip(n: number): void;
  /** An independent stream that continues from where this one is (a world snapshot's). */
  copy(): RandomStream;
}

/** A stable 32-bit hash of the scenario seed and a stream name such as "link:c2s". */
export function deriveSeed(seed: number, stream: string): number {
  let h = mix32(seed ^ 0x9e3779b9);
  for (let i = 0; i < stream.length; i++) {
    h = mix32(h ^ stream.charCodeAt(i)) + 0x6d2b79f5;
  }
  return mix32(h);
}

/** A mulberry32 stream seeded by `seed` (any 32-bit value, 0 included). */
export function createStream(seed: number): RandomStream {
  return new Mulberry32(seed);
}

/**
 * The stream's state is a field of one class rather than a closure's variable: V8 inlines the
 * draws into the link's step (five per segment), and keeping the state as a signed 32-bit
 * value (the same bits as the unsigned one: every operation below is imul, xor, shift or a
 * 32-bit add) keeps it a small integer instead of a boxed double.
 */
class Mulberry32 implements RandomStream {
  private state: number;

  constructor(seed: number) {
    this.state = seed | 0;
  }

  nextUint32(): number {
    const state = (this.state + 0x6d2b79f5) | 0;
    this.state = state;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Each draw adds the same constant to the state (mod 2^32); only the output is mixed. */
  skip(n: number): void {
    this.state = (this.state + Math.imul(n, 0x6d2b79f5)) | 0;
  }

  copy(): RandomStream {
    return new Mulberry32(this.state);
  }
}

/** The stream named `stream` of the scenario seeded with `seed`. */
export function namedStream(seed: number, stream: string): RandomStream {
  return createStream(deriveSeed(seed, stream));
}
