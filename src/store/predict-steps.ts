/**
 * Predict mode's steps of a timeline, computed once per run (the questions are a pure function
 * of the trace, src/lessons/predict.ts), and where the run stands among them.
 */
import { predictSteps, type PredictStep } from '../lessons';
import type { Timeline } from './timeline';
import type { LabState } from './types';

const cache = new WeakMap<Timeline, readonly PredictStep[]>();

export function predictStepsOf(timeline: Timeline): readonly PredictStep[] {
  let steps = cache.get(timeline);
  if (steps === undefined) {
    steps = predictSteps(timeline.events);
    cache.set(timeline, steps);
  }
  return steps;
}

/** The first step after trace index `through` that asks a question, or undefined. */
export function nextQuestionStep(timeline: Timeline, through: number): PredictStep | undefined {
  return predictStepsOf(timeline).find((s) => s.last > through && s.question !== undefined);
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

/**
 * The trace index of the timer setting whose run the waiting question asks about ("how long
 * after it was set does it fire?"), or undefined: the diagram hides that timer's planned length
 * and countdown until Reveal, for they state the answer.
 */
export function timerAskedAbout(state: LabState): number | undefined {
  const { predict, timeline } = state;
  if (!predict.on || state.lesson !== null || predict.result !== null) return undefined;
  if (predict.timeline !== timeline) return undefined;
  const step = nextQuestionStep(timeline, predict.revealedThrough);
  if (step?.question?.kind !== 'timer') return undefined;
  const fire = timeline.events[step.question.index];
  if (fire?.type !== 'timer') return undefined;
  for (let i = step.question.index - 1; i >= 0; i -= 1) {
    const e = timeline.events[i];
    if (e?.type === 'timer' && e.endpoint === fire.endpoint && e.timer === fire.timer) {
      return e.action === 'set' ? i : undefined;
    }
  }
  return undefined;
}
