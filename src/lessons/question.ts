/**
 * A question about one event of a run, with its answer read from that event. Predict mode and the
 * lessons ask the same kinds, built by the same functions (ask.ts), so an answer is never typed in.
 */

/**
 * - flags: which control bits a segment carries; seq and ack: its numbers;
 * - retransmission: whether a segment is a first transmission or a retransmission;
 * - count: how many times a segment is sent in all;
 * - state: the state an end moves to; fate: whether a segment arrives or is lost;
 * - timer: how long a timer runs before it fires; connect: what connect() returns;
 * - time: when something happens.
 */
export type QuestionKind =
  | 'flags'
  | 'seq'
  | 'ack'
  | 'retransmission'
  | 'count'
  | 'state'
  | 'fate'
  | 'timer'
  | 'connect'
  | 'time';

export const QUESTION_KINDS: readonly QuestionKind[] = [
  'flags',
  'seq',
  'ack',
  'retransmission',
  'count',
  'state',
  'fate',
  'timer',
  'connect',
  'time',
];

export type Answer =
  | { readonly type: 'choice'; readonly choices: readonly string[]; readonly correct: string }
  | {
      readonly type: 'number';
      readonly correct: number;
      /** Other values that are right too (a sequence number relative to the ISN). */
      readonly alsoRight: readonly number[];
      /** How far from `correct` an answer may be and still be right. */
      readonly tolerance: number;
      /** "ms" for times, "" for sequence numbers and counts. */
      readonly unit: string;
    };

export interface Question {
  readonly kind: QuestionKind;
  readonly prompt: string;
  readonly answer: Answer;
  /** The trace index of the event the question is about: revealing plays up to its moment. */
  readonly index: number;
  /**
   * How the answer follows from what the run showed before, where the narration's sentence for
   * the event does not already say it ('' then).
   */
  readonly hint: string;
}

/** Whether a learner's answer (a choice's text, or a typed number) is right. */
export function isRight(answer: Answer, given: string): boolean {
  if (answer.type === 'choice') return given === answer.correct;
  const text = given.trim();
  if (!/^-?\d+(\.\d+)?$/.test(text)) return false;
  const value = Number(text);
  return [answer.correct, ...answer.alsoRight].some(
    (right) => Math.abs(value - right) <= answer.tolerance,
  );
}

/** The right answer as a sentence fragment: "SYN-ACK", "701", "1000 ms". */
export function answerText(answer: Answer): string {
  if (answer.type === 'choice') return answer.correct;
  return answer.unit === '' ? String(answer.correct) : `${answer.correct} ${answer.unit}`;
}
