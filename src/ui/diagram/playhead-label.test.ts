import { describe, expect, it } from 'vitest';
import { playheadLabelBaseline, playheadLabelSize } from './playhead-label';

const ys = (...values: number[]) => Float64Array.from(values);

describe("the playhead's time label", () => {
  it('sits just above its line when nothing is there', () => {
    expect(playheadLabelBaseline(200, ys(), 12, 13)).toBe(-5);
    expect(playheadLabelBaseline(200, ys(100, 400), 12, 13)).toBe(-5);
  });

  it('moves below the line when a state tag is written at that moment', () => {
    // "ESTABLISHED" at 160 ms, on the line itself.
    expect(playheadLabelBaseline(200, ys(100, 200, 400), 12, 13)).toBe(17);
  });

  it('moves further out when tags are stacked on both sides of the line', () => {
    expect(playheadLabelBaseline(200, ys(186, 200, 215), 12, 13)).toBe(34);
    expect(playheadLabelBaseline(200, ys(200, 215, 230), 12, 13)).toBe(-22);
  });

  it('is never smaller than 11 px', () => {
    expect(playheadLabelSize(12)).toBe(11);
    expect(playheadLabelSize(15)).toBe(12);
  });
});
