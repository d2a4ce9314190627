/**
 * Where the diagram stops telling the future. A break of the compressed time axis says how long
 * nothing happened ("⋯ 975 ms ⋯") and the ticks after it say when the next thing did; drawn
 * ahead of the run, they would answer "is the SYN lost?" before the class has seen it. A break
 * is shown once the run has reached it: when no event lies between the cursor and the break (the
 * quiet has begun). Ticks stop at the first break not yet reached.
 */
import type { Timeline, TimeAxis } from '../../store';

/** The start of the first break the run has not reached, or Infinity when it has reached all. */
export function firstUnreachedBreak(axis: TimeAxis, timeline: Timeline, cursor: number): number {
  const next = timeline.times[cursor + 1] ?? Infinity;
  for (const b of axis.breaks) if (b.from > next) return b.from;
  return Infinity;
}
