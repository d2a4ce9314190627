import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFork, writeFork, type ForkStep } from './fork-param';

const moment = fc.double({ min: 0, max: 1e6, noNaN: true });
const step: fc.Arbitrary<ForkStep> = fc.oneof(
  fc.record({
    at: moment,
    kind: fc.constant('drop' as const),
    id: fc.integer({ min: 1, max: 1e6 }),
  }),
  fc.record({
    at: moment,
    kind: fc.constant('link' as const),
    link: fc
      .record(
        {
          delay: fc.double({ min: 0, max: 60000, noNaN: true }),
          jitter: fc.double({ min: 0, max: 60000, noNaN: true }),
          loss: fc.double({ min: 0, max: 100, noNaN: true }),
        },
        { requiredKeys: [] },
      )
      .filter((link) => Object.keys(link).length > 0),
  }),
);

describe('the fork parameter', () => {
  it('round-trips every fork in the order it happened, with characters a URL never escapes', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 8 }), (steps) => {
        const ordered = [...steps].sort((a, b) => a.at - b.at);
        const text = writeFork(ordered);
        expect(text).toMatch(/^[a-z0-9._-]+$/);
        expect(readFork(text)).toEqual({ value: ordered });
      }),
    );
  });

  it('names the step and the problem of a malformed fork', () => {
    expect(readFork('35-drop-1_1200-loss-400')).toEqual({
      problem: 'step 2: loss expected a number from 0 to 100 %',
    });
    expect(readFork('35-drop')).toEqual({ problem: 'step 1: expected drop-ID' });
    expect(readFork('abc-drop-1')).toEqual({ problem: 'step 1: expected a moment' });
    expect(readFork('50-drop-1_20-drop-2')).toEqual({
      problem: 'step 2: expected steps in the order they happened',
    });
    expect(readFork('5-mtu-9')).toEqual({
      problem: 'step 1: expected drop, delay, jitter or loss, each once',
    });
  });
});
