import { describe, expect, it } from 'vitest';
import { createStream, deriveSeed, namedStream } from './rng';

function draws(n: number, stream = createStream(42)): number[] {
  return Array.from({ length: n }, () => stream.next());
}

describe('seeded random streams', () => {
  it('gives the same numbers for the same seed', () => {
    expect(draws(100)).toEqual(draws(100));
  });

  it('gives different numbers for different seeds', () => {
    expect(draws(10, createStream(1))).not.toEqual(draws(10, createStream(2)));
  });

  it('stays within [0, 1) and averages close to one half', () => {
    const values = draws(20000);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeGreaterThan(0.49);
    expect(mean).toBeLessThan(0.51);
  });

  it('skips n draws to where n draws would have left the stream', () => {
    const skipped = createStream(42);
    skipped.skip(5);
    expect(draws(3, skipped)).toEqual(draws(8).slice(5));
  });

  it('derives independent streams per name from one scenario seed', () => {
    expect(deriveSeed(7, 'link:c2s')).not.toBe(deriveSeed(7, 'link:s2c'));
    expect(draws(5, namedStream(7, 'link:c2s'))).not.toEqual(draws(5, namedStream(7, 'link:s2c')));
    expect(draws(5, namedStream(7, 'link:c2s'))).toEqual(draws(5, namedStream(7, 'link:c2s')));
  });
});
