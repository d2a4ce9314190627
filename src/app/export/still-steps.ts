/**
 * The numbered stills: one per visible step of the run (src/sim/visible-steps.ts) between two
 * moments, the same steps the presenter's Next step visits, named 01.svg, 02.svg … in order
 * (wider numbers when there are more than 99, so the names sort as the steps do).
 */
import { visibleSteps, type Timeline } from '../../store';

/** The trace index each still shows (the last event of its step), for steps within [from, to]. */
export function stillSteps(timeline: Timeline, from: number, to: number): number[] {
  return [...visibleSteps(timeline)].filter((index) => {
    const t = timeline.times[index] as number;
    return t >= from && t <= to;
  });
}

export function stillNames(count: number, extension: 'svg' | 'png'): string[] {
  const digits = Math.max(2, String(count).length);
  return Array.from(
    { length: count },
    (_, i) => `${String(i + 1).padStart(digits, '0')}.${extension}`,
  );
}
