/**
 * The lesson format (docs/lessons.md is the author's guide). A lesson is plain data, like a
 * scenario: a title, what the learner will be able to explain afterwards, and steps. Each step
 * runs a preset (with a few settings changed), points at a moment of that run, shows a text whose
 * facts are placeholders filled from the run (template.ts), and may ask a question (answered from
 * the run by ask.ts) or ask the learner to act (drop a segment, change the loss).
 */
import type { QuestionKind } from './question';

export interface LessonRun {
  /** A preset's name (src/sim/presets). */
  readonly scenario: string;
  readonly profile?: 'rfc' | 'linux' | 'freebsd';
  readonly isn?: 'textbook' | 'random';
  /** Loss in percent, both directions. */
  readonly loss?: number;
  /** One-way delay in ms, both directions. */
  readonly delay?: number;
  readonly seed?: number;
  /** A segment dropped on its way, as if the learner had dropped it (REF as in segment-ref.ts). */
  readonly drop?: string;
}

export interface LessonQuestion {
  readonly kind: QuestionKind;
  /** The moment the question is about (moment.ts): the run pauses just before it. */
  readonly about: string;
}

/** What a step asks the learner to do; the step is done when the run shows it done. */
export type LessonAction =
  /** Drop this segment while it is in flight (click it, or press its Drop button). */
  | { readonly drop: string }
  /** Set the link's loss to this percentage. */
  | { readonly loss: number };

export interface LessonStep {
  readonly run: LessonRun;
  /**
   * The moment the step shows (moment.ts). A question step pauses just before its `about`, or
   * here when given (an earlier moment: a time question is asked ahead of its moment).
   */
  readonly at?: string;
  /** What the step says; facts of the run are placeholders (template.ts). */
  readonly text: string;
  readonly ask?: LessonQuestion;
  readonly do?: LessonAction;
}

export interface Lesson {
  /** Lowercase words joined by hyphens: the `lesson` URL parameter. */
  readonly id: string;
  readonly title: string;
  /** What the learner will be able to explain afterwards (shown first and on the closing screen). */
  readonly goal: string;
  readonly steps: readonly LessonStep[];
}
