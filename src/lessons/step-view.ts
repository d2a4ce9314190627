/**
 * What a lesson step shows of a run: its text with the facts filled in, the moment the playhead
 * stands at, its question, and whether its action is done. A pure function of the step and the
 * trace (and the loss setting, for an action that changes it).
 */
import type { TraceEvent } from '../sim/trace';
import { askAbout } from './ask';
import { askedBefore, holdTimeBefore, lastAtInstant } from './hold';
import type { LessonStep } from './lesson';
import { findMoment, parseMoment } from './moment';
import type { Question } from './question';
import { findSegment, parseSegmentRef } from './segment-ref';
import { renderTemplate, type Rendered } from './template';

export interface StepView {
  readonly text: Rendered;
  /** Where the playhead stands (ms). */
  readonly t: number;
  /** The question, when the step asks one and this run has its moment. */
  readonly question: Question | undefined;
  /** Set when the step's moment or question is not in this run (the learner changed settings). */
  readonly missing: boolean;
}

function momentIndex(trace: readonly TraceEvent[], text: string | undefined): number | undefined {
  if (text === undefined) return -1;
  const moment = parseMoment(text);
  return 'problem' in moment ? undefined : findMoment(trace, moment);
}

export function viewStep(
  step: LessonStep,
  trace: readonly TraceEvent[],
  endTime: number,
): StepView {
  if (step.ask !== undefined) {
    const about = momentIndex(trace, step.ask.about);
    const question = about === undefined ? undefined : askAbout(step.ask.kind, trace, about);
    const before = about === undefined ? undefined : askedBefore(trace, step.ask.kind, about);
    const hold = before === undefined ? 0 : holdTimeBefore(trace, before);
    if (step.at === undefined) {
      return {
        text: renderTemplate(step.text, trace, (before ?? 0) - 1),
        t: hold,
        question,
        missing: question === undefined,
      };
    }
    // The step pauses at an earlier moment of its own: just before the moment asked about, the
    // playhead's clock would show a time question's answer. A pause that is not earlier is missing.
    const at = momentIndex(trace, step.at);
    const t = at === undefined || at < 0 ? 0 : (trace[at] as TraceEvent).t;
    return {
      text: renderTemplate(step.text, trace, lastAtInstant(trace, at ?? -1)),
      t,
      question,
      missing: question === undefined || at === undefined || t >= hold,
    };
  }
  const at = momentIndex(trace, step.at);
  const index = at ?? -1;
  const last = trace[index];
  const t = step.at === 'end' ? endTime : index < 0 || last === undefined ? 0 : last.t;
  return {
    text: renderTemplate(step.text, trace, lastAtInstant(trace, index)),
    t,
    question: undefined,
    missing: at === undefined,
  };
}

/** The id of the segment a reference names in this run, for dropping it. */
export function segmentIdOf(trace: readonly TraceEvent[], ref: string): number | undefined {
  const parsed = parseSegmentRef(ref);
  if ('problem' in parsed) return undefined;
  const index = findSegment(trace, parsed);
  const e = index === undefined ? undefined : trace[index];
  return e?.type === 'send' ? e.id : undefined;
}

/** Whether the learner has done what the step asks, as the run shows it. */
export function actionDone(step: LessonStep, trace: readonly TraceEvent[], loss: number): boolean {
  const action = step.do;
  if (action === undefined) return true;
  if ('loss' in action) return loss === action.loss;
  const id = segmentIdOf(trace, action.drop);
  return trace.some((e) => e.type === 'drop' && e.id === id && e.reason === 'user');
}
