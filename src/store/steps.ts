/**
 * Stepping by what a viewer can see (src/sim/visible-steps.ts): the next or previous moment at
 * which a segment leaves, arrives or is lost, a state changes or a timer fires. Presenter keys
 * and the Previous step / Next step buttons move by these; the event buttons still visit every
 * event. The steps of a run are computed once and kept beside its timeline.
 */
import { visibleStepIndices } from '../sim/visible-steps';
import { upperBound } from './search';
import type { Timeline } from './timeline';

const cache = new WeakMap<Timeline, Int32Array>();

/** For each visible step of the run, the index of its last event, ascending. */
export function visibleSteps(timeline: Timeline): Int32Array {
  let steps = cache.get(timeline);
  if (!steps) {
    steps = Int32Array.from(visibleStepIndices(timeline.events));
    cache.set(timeline, steps);
  }
  return steps;
}

/** The event index the next visible step ends on, or undefined when none is left. */
export function nextVisibleStep(timeline: Timeline, cursor: number): number | undefined {
  const steps = visibleSteps(timeline);
  const position = upperBound(steps, cursor);
  return position < steps.length ? steps[position] : undefined;
}

/**
 * The event index the previous visible step ends on (-1: back to the start). Between two events
 * the step just passed counts as previous, as a media player returns to the chapter it is in.
 */
export function previousVisibleStep(timeline: Timeline, t: number, cursor: number): number {
  if (cursor < 0) return -1;
  const steps = visibleSteps(timeline);
  const between = t > (timeline.times[cursor] as number);
  const position = upperBound(steps, between ? cursor : cursor - 1) - 1;
  return position >= 0 ? (steps[position] as number) : -1;
}
