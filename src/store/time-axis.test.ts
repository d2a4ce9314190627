import { describe, expect, it } from 'vitest';
import { createSimWorld } from './sim-world';
import {
  advancePlayhead,
  BREAK_PLAY_MS,
  compressedAxis,
  fromAxis,
  timeAxisOf,
  toAxis,
  trueAxis,
} from './time-axis';
import { buildTimeline } from './timeline';

const world = createSimWorld();

function timelineOf(preset: string) {
  return buildTimeline(world.run(world.defaults(preset), []));
}

describe('the true-scale axis', () => {
  it('maps every moment to itself', () => {
    const axis = trueAxis(60_610);
    expect([toAxis(axis, 0), toAxis(axis, 1234.5), fromAxis(axis, 777)]).toEqual([0, 1234.5, 777]);
    expect(axis.end).toBe(60_610);
  });
});

describe('the compressed axis', () => {
  it('keeps a handshake, with nothing quiet in it, at true scale', () => {
    const axis = compressedAxis(timelineOf('handshake'));
    expect(axis.breaks).toEqual([]);
    expect(axis.end).toBe(160);
  });

  it("turns active-close's minute of TIME-WAIT into one short break that says how long it is", () => {
    const timeline = timelineOf('active-close');
    const axis = compressedAxis(timeline);
    expect(axis.breaks).toHaveLength(1);
    const [timeWait] = axis.breaks;
    // The last segment (the client's ACK of the FIN) arrives at 660 ms; TIME-WAIT ends at 60.61 s.
    expect(timeWait?.quiet).toBeCloseTo(59_950, 6);
    expect(axis.end).toBeLessThan(1_000);
    // Before the break, true scale; inside, squeezed; after, true scale again.
    expect(toAxis(axis, 300)).toBe(300);
    expect(toAxis(axis, timeline.endTime)).toBeCloseTo(axis.end, 6);
  });

  it('shows a SYN backoff as a row of breaks: a second each while linear, then each twice as long as the one before', () => {
    const axis = compressedAxis(timelineOf('syn-timeout'));
    const quiet = axis.breaks.map((b) => Math.round(b.quiet / 1000));
    expect(quiet).toEqual([1, 1, 1, 1, 1, 2, 4, 8, 16, 32, 64]);
    // Every break takes the same short length, so the whole run fits one screen.
    expect(axis.end).toBeLessThan(1_500);
  });

  it('is monotonic and fromAxis undoes toAxis, inside breaks and out', () => {
    const timeline = timelineOf('syn-timeout');
    const axis = compressedAxis(timeline);
    let previous = -Infinity;
    for (let t = 0; t <= timeline.endTime; t += timeline.endTime / 997) {
      const u = toAxis(axis, t);
      expect(u).toBeGreaterThanOrEqual(previous);
      expect(fromAxis(axis, u)).toBeCloseTo(t, 6);
      previous = u;
    }
  });

  it('is computed once per run, in either mode', () => {
    const timeline = timelineOf('active-close');
    expect(timeAxisOf(timeline, 'compressed')).toBe(timeAxisOf(timeline, 'compressed'));
    expect(timeAxisOf(timeline, 'true')).toBe(timeAxisOf(timeline, 'true'));
  });
});

describe('playback across a break', () => {
  const timeline = timelineOf('active-close');
  const axis = compressedAxis(timeline);
  const [timeWait] = axis.breaks;

  it('keeps the chosen slow motion where the axis is true scale', () => {
    expect(advancePlayhead(axis, 100, 2_000, 1 / 40)).toBeCloseTo(150, 9);
  });

  it('crosses a break in about a second of wall clock at any slow speed', () => {
    if (!timeWait) throw new Error('no break');
    const across = advancePlayhead(axis, timeWait.from, BREAK_PLAY_MS, 1 / 100);
    expect(across).toBeCloseTo(timeWait.to, 6);
    const half = advancePlayhead(axis, timeWait.from, BREAK_PLAY_MS / 2, 1 / 40);
    expect(half).toBeCloseTo((timeWait.from + timeWait.to) / 2, 6);
  });

  it('runs on at the chosen speed once past the break', () => {
    if (!timeWait) throw new Error('no break');
    const after = advancePlayhead(axis, timeWait.from, BREAK_PLAY_MS + 400, 1 / 40);
    expect(after).toBeCloseTo(timeWait.to + 10, 6);
  });

  it('never slows a break down below the chosen speed', () => {
    if (!timeWait) throw new Error('no break');
    const fast = advancePlayhead(axis, timeWait.from, 10, 100);
    expect(fast).toBeCloseTo(timeWait.from + 1_000, 6);
  });
});
