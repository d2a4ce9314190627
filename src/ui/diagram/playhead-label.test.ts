import { describe, expect, it } from 'vitest';
import {
  placePlayheadLabel,
  playheadLabelBaseline,
  playheadLabelSize,
  tickGivesWay,
} from './playhead-label';

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

  it('keeps off a break of the time axis: above its line when the break ends there, below it otherwise', () => {
    // syn-timeout at 1.01 s: the break of the quiet second ends 4 px above the line.
    const band = Float64Array.from([186, 196]);
    expect(playheadLabelBaseline(200, ys(), 12, 13, band)).toBe(17);
    const place = placePlayheadLabel(200, { notes: ys(), bands: band }, 12, 13);
    expect(place.top).toBeGreaterThan(196);
    // A break starting just below the line: the label stays above.
    expect(playheadLabelBaseline(200, ys(), 12, 13, Float64Array.from([204, 214]))).toBe(-5);
  });

  it('goes further out when a break takes the place above and a note the one below', () => {
    const band = Float64Array.from([186, 196]);
    expect(playheadLabelBaseline(200, ys(215), 12, 13, band)).toBe(-22);
  });

  it("hides the tick's time it would touch, and only that one", () => {
    // The run's start: "0 ms" ticked at the line, the label just above it.
    const label = placePlayheadLabel(200, { notes: ys(), bands: ys() }, 12, 13);
    expect(tickGivesWay(200, 12, label)).toBe(true);
    expect(tickGivesWay(180, 12, label)).toBe(true);
    expect(tickGivesWay(250, 12, label)).toBe(false);
    expect(tickGivesWay(150, 12, label)).toBe(false);
  });
});
