/**
 * The open lesson and the learner's progress through the course. Opening a step runs the step's
 * preset with its settings (through the same actions the controls use, so history and forks
 * behave as usual) and places the playhead at the step's moment; a question step waits just
 * before the moment it asks about, as predict mode does. Progress is plain data; the page loads
 * and saves it (src/ui/lessons/use-lesson-progress.ts).
 */
import type { StateCreator } from 'zustand/vanilla';
import type { Lesson, LessonStep } from '../../lessons/lesson';
import {
  EMPTY_PROGRESS,
  withLesson,
  type Progress,
  type ReadProgress,
} from '../../lessons/progress';
import { isRight } from '../../lessons/question';
import type { StepView } from '../../lessons/step-view';
import { loadLessonKit, type LessonKit } from '../lesson-kit';
import type { Timeline } from '../timeline';
import type { LabState } from '../types';
import { RUN_SETTING_KEYS, type RunSettings, type RunSource } from '../world';
import { lastEventAtOrBefore } from '../world-at';

export interface LessonPlace {
  readonly id: string;
  /** 0-based; equal to the number of steps on the lesson's closing screen. */
  readonly step: number;
  /** The answer just revealed on this step, if any. */
  readonly result: LessonResult | null;
}

/**
 * A revealed answer: the learner's (`given`, scored), or shown to the room by a presenter's
 * clicker without an answer (`given` null, not scored).
 */
export interface LessonResult {
  readonly given: string | null;
  readonly right: boolean;
}

export interface LessonSlice {
  /** The course and its question makers, once loaded (null before a lesson or Predict is used). */
  lessonKit: LessonKit | null;
  /** Loads the kit if this store has none yet. */
  ensureLessons: () => Promise<LessonKit>;
  lesson: LessonPlace | null;
  progress: Progress;
  /** A quiet note about stored progress that could not be used. */
  progressNote: string | null;
  /**
   * Opens a lesson at a step (0-based); past the last step, its closing screen. Before the kit
   * is loaded it loads it first, and opens the lesson when it arrives.
   */
  openLesson: (id: string, step?: number) => void;
  nextLessonStep: () => void;
  previousLessonStep: () => void;
  /**
   * A presenter's "next" (PageDown, →): never skips what the step waits for. On a question not
   * yet answered it shows the answer first (unscored); on an action not yet done it does the
   * action; otherwise it opens the next step. On the closing screen it does nothing.
   */
  presentNextLessonStep: () => void;
  leaveLesson: () => void;
  /** Reveals the open question's answer; `given` null shows it without scoring (a presenter). */
  revealLessonAnswer: (given: string | null) => void;
  /** Does what the step asks the learner to do (drop the segment, set the loss). */
  doLessonAction: () => void;
  /** Keeps the playhead before an unanswered lesson question; the page calls it after every change. */
  holdForLesson: () => void;
  loadProgress: (read: ReadProgress) => void;
  resetProgress: () => void;
}

const views = new WeakMap<Timeline, Map<LessonStep, StepView>>();

/** The step as this run shows it, computed once per run and step. */
export function stepViewOf(kit: LessonKit, timeline: Timeline, step: LessonStep): StepView {
  let byStep = views.get(timeline);
  if (byStep === undefined) {
    byStep = new Map();
    views.set(timeline, byStep);
  }
  let view = byStep.get(step);
  if (view === undefined) {
    view = kit.viewStep(step, timeline.events, timeline.endTime);
    byStep.set(step, view);
  }
  return view;
}

/** The open lesson and step (undefined on the closing screen or outside a lesson). */
export function openStep(
  state: Pick<LabState, 'lesson' | 'lessonKit'>,
): { lesson: Lesson; step: LessonStep; kit: LessonKit } | undefined {
  const kit = state.lessonKit;
  const lesson = state.lesson === null ? undefined : kit?.getLesson(state.lesson.id);
  const step = lesson?.steps[state.lesson?.step ?? -1];
  return kit && lesson && step ? { lesson, step, kit } : undefined;
}

/** Whether the open step's action is done (true for a step without one). */
export function lessonActionDone(state: LabState): boolean {
  const open = openStep(state);
  return (
    open === undefined || open.kit.actionDone(open.step, state.timeline.events, state.run.loss)
  );
}

function runOf(world: RunSource, step: LessonStep): RunSettings {
  const { scenario, drop: _drop, ...settings } = step.run;
  return { ...world.defaults(scenario), ...settings };
}

const RUN_KEYS = ['preset', ...RUN_SETTING_KEYS] as const;

export function createLessonSlice(
  world: RunSource,
  kit: LessonKit | null,
): StateCreator<LabState, [], [], LessonSlice> {
  /** Runs the step's preset with its settings, unless that run is already on screen. */
  const loadRun = (get: () => LabState, step: LessonStep) => {
    const target = runOf(world, step);
    const state = get();
    const same =
      state.scriptRun === null &&
      state.interventions.length === 0 &&
      RUN_KEYS.every((key) => state.run[key] === target[key]);
    if (!same || step.run.drop !== undefined) {
      // One run (and one undo entry) for the step's preset with its settings.
      get().openRun(target, []);
    }
    if (step.run.drop !== undefined) dropNamed(get, step.run.drop);
  };

  return (set, get) => ({
    lessonKit: kit,
    ensureLessons: async () => {
      const have = get().lessonKit;
      if (have !== null) return have;
      const loaded = await loadLessonKit();
      if (get().lessonKit === null) set({ lessonKit: loaded });
      return loaded;
    },
    lesson: null,
    progress: EMPTY_PROGRESS,
    progressNote: null,
    openLesson: (id, stepIndex = 0) => {
      const kit = get().lessonKit;
      if (kit === null) {
        void get()
          .ensureLessons()
          .then(() => get().openLesson(id, stepIndex));
        return;
      }
      const lesson = kit.getLesson(id);
      if (lesson === undefined) return;
      const index = Math.max(0, Math.min(lesson.steps.length, Math.floor(stepIndex)));
      const step = lesson.steps[index];
      get().pause();
      if (step === undefined) {
        set({
          lesson: { id, step: index, result: null },
          progress: withLesson(get().progress, id, (p) => ({ ...p, finished: true })),
        });
        return;
      }
      loadRun(get, step);
      const view = stepViewOf(kit, get().timeline, step);
      get().seek(view.t);
      set({
        lesson: { id, step: index, result: null },
        selectedId: null,
        playing: false,
        progress: withLesson(get().progress, id, (p) =>
          p.seen.includes(index) ? p : { ...p, seen: [...p.seen, index].sort((a, b) => a - b) },
        ),
      });
    },
    nextLessonStep: () => {
      const place = get().lesson;
      if (place !== null) get().openLesson(place.id, place.step + 1);
    },
    previousLessonStep: () => {
      const place = get().lesson;
      if (place !== null && place.step > 0) get().openLesson(place.id, place.step - 1);
    },
    presentNextLessonStep: () => {
      const state = get();
      const open = openStep(state);
      if (state.lesson === null || open === undefined) return;
      const question = stepViewOf(open.kit, state.timeline, open.step).question;
      if (question !== undefined && state.lesson.result === null) state.revealLessonAnswer(null);
      else if (!lessonActionDone(state)) state.doLessonAction();
      else state.nextLessonStep();
    },
    leaveLesson: () => set({ lesson: null }),
    revealLessonAnswer: (given) => {
      const state = get();
      const open = openStep(state);
      const question = open && stepViewOf(open.kit, state.timeline, open.step).question;
      if (state.lesson === null || open === undefined || question === undefined) return;
      const right = given !== null && isRight(question.answer, given);
      const at = state.timeline.events[question.index];
      const step = state.lesson.step;
      set({
        lesson: { ...state.lesson, result: { given, right } },
        // An answer shown to the room is nobody's answer: the score counts only the learner's.
        ...(given !== null && {
          progress: withLesson(state.progress, state.lesson.id, (p) => ({
            ...p,
            answered: { ...p.answered, [step]: right },
          })),
        }),
      });
      if (at !== undefined) get().seek(at.t);
      set({ playing: false });
    },
    doLessonAction: () => {
      const open = openStep(get());
      const action = open?.step.do;
      if (action === undefined) return;
      if ('loss' in action) get().changeRunSettings({ loss: action.loss });
      else dropNamed(get, action.drop);
    },
    holdForLesson: () => {
      const state = get();
      if (state.lesson === null || state.lesson.result !== null) return;
      const open = openStep(state);
      if (open === undefined) return;
      const view = stepViewOf(open.kit, state.timeline, open.step);
      // Up to the moment of asking the playhead moves freely; past it only after Reveal.
      if (view.question === undefined || state.t <= view.t) return;
      set({ t: view.t, cursor: lastEventAtOrBefore(state.timeline, view.t), playing: false });
    },
    loadProgress: ({ progress, note }) => set({ progress, progressNote: note }),
    resetProgress: () => set({ progress: EMPTY_PROGRESS, progressNote: null }),
  });
}

/** Drops the named segment while it is in flight, moving the playhead onto its way if needed. */
function dropNamed(get: () => LabState, ref: string): void {
  const state = get();
  const id = state.lessonKit?.segmentIdOf(state.timeline.events, ref);
  const span = id === undefined ? undefined : state.timeline.spanById[id];
  if (id === undefined || span === undefined || span.outcome !== 'delivered') return;
  if (!(state.t > span.sentAt && state.t < span.endAt)) get().seek((span.sentAt + span.endAt) / 2);
  get().dropSegment(id);
}
