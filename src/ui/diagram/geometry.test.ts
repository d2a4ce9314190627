import { describe, expect, it } from 'vitest';
import { viewStartAt } from './geometry';

describe('the view follows the playhead', () => {
  it('keeps the playhead about two thirds down a long run, never before 0 nor past the end', () => {
    expect(viewStartAt(100, 1000, 10_000)).toBe(0);
    expect(viewStartAt(5000, 1000, 10_000)).toBe(4350);
    expect(viewStartAt(10_000, 1000, 10_000)).toBe(9200);
  });

  it('does not scroll a run that nearly fits, so its first notes are not cut at the top edge', () => {
    // 1.16 s of lost-syn-ack in a 1.35 s view: scrolling would gain 80 ms at the bottom only.
    expect(viewStartAt(1160, 1350, 1160)).toBe(0);
    expect(viewStartAt(1160, 1350, 1200)).toBe(0);
    // A run a fifth longer than the view does scroll, to keep room below its end.
    expect(viewStartAt(1600, 1350, 1600)).toBe(520);
  });
});
