/**
 * Whether a question waits for the learner's answer (an open lesson step's, or predict mode's
 * about the next step). While one does, what would give the answer away stays hidden: the
 * scenario's title names what happens ("Lost SYN-ACK", "Connection refused (closed port)") and
 * its description tells it.
 */
import type { LabState } from '../../store';
import { nextQuestionStep } from '../../store/predict-steps';
import { openStep, stepViewOf } from '../../store/slices/lesson';

/** What the scenario's name reads while a question waits. */
export const HIDDEN_UNTIL_ANSWERED = 'Hidden until you answer';

export function selectQuestionOpen(s: LabState): boolean {
  if (s.lesson !== null) {
    const open = openStep(s);
    if (open === undefined) return false;
    const question = stepViewOf(open.kit, s.timeline, open.step).question;
    return question !== undefined && s.lesson.result === null;
  }
  const { predict, timeline, cursor, lessonKit } = s;
  if (!predict.on || lessonKit === null) return false;
  const fresh = predict.timeline === timeline;
  if (fresh && predict.result !== null) return false;
  const step = nextQuestionStep(lessonKit, timeline, fresh ? predict.revealedThrough : cursor);
  return step !== undefined && cursor <= step.holdCursor;
}
