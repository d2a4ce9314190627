/**
 * Predict mode's steps of a timeline, computed once per run (the questions are a pure function
 * of the trace, src/lessons/predict.ts, which comes in the lesson kit), and where the run stands
 * among them.
 */
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

/**
 * Where the playhead waits for the question about `step`: just before its instant, or at the
 * earlier moment it is asked at (a segment's fate as it leaves, src/lessons/predict.ts).
 */
export function holdBefore(step: PredictStep): { t: number; cursor: number } {
  return { t: step.holdT, cursor: step.holdCursor };
}

/** Whether the playhead stands where the question about `step` still waits (or earlier). */
export function beforeQuestion(step: PredictStep, t: number, cursor: number): boolean {
  return cursor <= step.holdCursor && t <= step.holdT;
}
