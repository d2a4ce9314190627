/**
 * Predict mode's steps of a timeline, computed once per run (the questions are a pure function
 * of the trace, src/lessons/predict.ts, which comes in the lesson kit), and where the run stands
 * among them.
 */
import { holdTimeBefore } from '../lessons/hold';
import type { PredictStep } from '../lessons/predict';
import type { LessonKit } from './lesson-kit';
import type { Timeline } from './timeline';

const cache = new WeakMap<Timeline, readonly PredictStep[]>();

export function predictStepsOf(kit: LessonKit, timeline: Timeline): readonly PredictStep[] {
  let steps = cache.get(timeline);
  if (steps === undefined) {
    steps = kit.predictSteps(timeline.events);
    cache.set(timeline, steps);
  }
  return steps;
}

/** The first step after trace index `through` that asks a question, or undefined. */
export function nextQuestionStep(
  kit: LessonKit,
  timeline: Timeline,
  through: number,
): PredictStep | undefined {
  return predictStepsOf(kit, timeline).find((s) => s.last > through && s.question !== undefined);
}

/** Where the playhead waits for a question about `step`: just before its instant. */
export function holdBefore(timeline: Timeline, step: PredictStep): { t: number; cursor: number } {
  return { t: holdTimeBefore(timeline.events, step.first), cursor: step.first - 1 };
}
