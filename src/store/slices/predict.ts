/**
 * Predict mode: before each visible step of the run, the playhead waits while the learner
 * answers one question about it; Reveal plays the step and scores the answer. Works on every run
 * the store holds (a preset, a fork, a script run): the questions come from the trace alone.
 * Steps up to `revealedThrough` have been seen and play freely when the learner goes back. The
 * question makers come in the lesson kit: switching Predict on loads it first when needed.
 */
import type { StateCreator } from 'zustand/vanilla';
import { isRight } from '../../lessons/question';
import { beforeQuestion, holdBefore, nextQuestionStep } from '../predict-steps';
import type { Timeline } from '../timeline';
import type { LabState } from '../types';

export interface PredictResult {
  /** The trace index the question was about. */
  readonly index: number;
  readonly given: string;
  readonly right: boolean;
}

export interface PredictState {
  readonly on: boolean;
  readonly right: number;
  readonly asked: number;
  /** The run the marks below belong to: a new run (a fork, another preset) starts afresh. */
  readonly timeline: Timeline | null;
  /** Every step whose last event is at or before this trace index has been seen. */
  readonly revealedThrough: number;
  /** The answer to the question just revealed, shown until the learner moves on. */
  readonly result: PredictResult | null;
}

export interface PredictSlice {
  predict: PredictState;
  setPredict: (on: boolean) => void;
  /** Scores `given` against the waiting question and plays its step. */
  revealPrediction: (given: string) => void;
  /** Moves the playhead to the next question (or the end of the run when there is none). */
  nextPrediction: () => void;
  /** Keeps the playhead before an unanswered question; the page calls it after every change. */
  holdForPrediction: () => void;
}

const OFF: PredictState = {
  on: false,
  right: 0,
  asked: 0,
  timeline: null,
  revealedThrough: -1,
  result: null,
};

/** The state's marks, started afresh (at the playhead) when the run changed under them. */
function current(state: LabState): PredictState {
  const { predict, timeline, cursor } = state;
  if (predict.timeline === timeline) return predict;
  return { ...predict, timeline, revealedThrough: cursor, result: null };
}

export const createPredictSlice: StateCreator<LabState, [], [], PredictSlice> = (set, get) => ({
  predict: OFF,
  setPredict: (on) => {
    const state = get();
    if (!on) return set({ predict: { ...state.predict, on: false, result: null } });
    if (state.lessonKit === null) {
      void state.ensureLessons().then(() => get().setPredict(true));
      return;
    }
    set({
      predict: {
        ...state.predict,
        on: true,
        timeline: state.timeline,
        revealedThrough: state.cursor,
        result: null,
      },
    });
    get().holdForPrediction();
  },
  revealPrediction: (given) => {
    const state = get();
    const predict = current(state);
    const kit = state.lessonKit;
    if (!predict.on || kit === null) return;
    const step = nextQuestionStep(kit, state.timeline, predict.revealedThrough);
    if (step?.question === undefined) return;
    const right = isRight(step.question.answer, given);
    set({
      predict: {
        ...predict,
        right: predict.right + (right ? 1 : 0),
        asked: predict.asked + 1,
        revealedThrough: step.last,
        result: { index: step.question.index, given, right },
      },
      t: step.t,
      cursor: step.last,
      playing: false,
    });
  },
  nextPrediction: () => {
    const state = get();
    if (state.lessonKit === null) return;
    const predict = { ...current(state), result: null };
    const through = Math.max(predict.revealedThrough, state.cursor);
    const step = nextQuestionStep(state.lessonKit, state.timeline, through);
    if (step === undefined) {
      set({ predict });
      get().toEnd();
      return;
    }
    set({
      predict: { ...predict, revealedThrough: Math.max(predict.revealedThrough, step.holdCursor) },
      ...holdBefore(step),
      playing: false,
    });
  },
  holdForPrediction: () => {
    const state = get();
    if (!state.predict.on || state.lesson !== null || state.lessonKit === null) return;
    const predict = current(state);
    const step = nextQuestionStep(state.lessonKit, state.timeline, predict.revealedThrough);
    if (predict !== state.predict) set({ predict });
    if (step === undefined || beforeQuestion(step, state.t, state.cursor)) return;
    set({
      ...holdBefore(step),
      playing: false,
      predict: { ...predict, result: null },
    });
  },
});
