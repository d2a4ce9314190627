/**
 * Predict mode's questions: before each visible step of a run (sim/visible-steps.ts) one
 * question the trace can answer, chosen to fit what happens at that step. The same code path for
 * every run, whatever made it (a preset, a fork, a packetdrill script): only the trace is read.
 */
import type { TraceEvent } from '../sim/trace';
import { visibleStepIndices } from '../sim/visible-steps';
import { askAbout, isConnectOutcome } from './ask';
import { holdTimeBefore, lastAtInstant } from './hold';
import type { Question, QuestionKind } from './question';
import { sendById } from './run-facts';

export interface PredictStep {
  /** The trace index of the step's first event (the first at its instant). */
  readonly first: number;
  /** The trace index of its last event: revealing moves the cursor here. */
  readonly last: number;
  readonly t: number;
  /** Undefined when nothing at this step makes a question (a duplicate copy on its way). */
  readonly question: Question | undefined;
  /** While the question waits, the run shows everything through this trace index, */
  readonly holdCursor: number;
  /** and the playhead stands here (ms): before anything on screen tells the answer. */
  readonly holdT: number;
}

/** Where a question waits: the last trace index shown and the playhead's time. */
interface Hold {
  readonly cursor: number;
  readonly t: number;
}

/**
 * The moment a question is asked at. Most wait just before their step. A segment's fate waits
 * at the moment it leaves, before any of its flight is drawn: held just before its arrival or
 * loss, the arrow is nearly across (it arrives) or stopped half-way (it is lost), which tells
 * the answer.
 */
function holdFor(trace: readonly TraceEvent[], question: Question, first: number): Hold {
  const event = trace[question.index] as TraceEvent;
  const sent =
    question.kind === 'fate' && (event.type === 'deliver' || event.type === 'drop')
      ? sendById(trace, event.id)
      : undefined;
  if (sent !== undefined) return { cursor: lastAtInstant(trace, trace.indexOf(sent)), t: sent.t };
  return { cursor: first - 1, t: holdTimeBefore(trace, first) };
}

/** The kinds that fit an event, most telling first. */
function kindsFor(event: TraceEvent): QuestionKind[] {
  switch (event.type) {
    case 'send':
      return event.retransmit > 0 ? ['retransmission', 'flags'] : ['flags', 'ack', 'seq'];
    case 'state':
      return ['state'];
    case 'deliver':
    case 'drop':
      return ['fate'];
    case 'timer':
      // No "how long does the timer run?": from the moment it is set, its length is on screen
      // (the narration's "starts its retransmission timer for 1 s", the countdown beside the
      // lifeline), and just before it fires the playhead's clock less the set time is the answer.
      // Its firing is asked about through the retransmission it causes.
      return [];
    case 'call':
      return isConnectOutcome(event) ? ['connect'] : [];
    default:
      return [];
  }
}

/** Ranking of kinds within one step: what a learner should think about first. */
const PRIORITY: readonly QuestionKind[] = [
  'connect',
  'state',
  'retransmission',
  'flags',
  'ack',
  'seq',
  'fate',
];

/** Every question that fits the step's events, in priority order. */
function questionsFor(trace: readonly TraceEvent[], first: number, last: number): Question[] {
  const found: Question[] = [];
  for (let i = first; i <= last; i += 1) {
    for (const kind of kindsFor(trace[i] as TraceEvent)) {
      const question = askAbout(kind, trace, i);
      if (question !== undefined) found.push(question);
    }
  }
  const rank = (q: Question) => PRIORITY.indexOf(q.kind);
  found.sort((a, b) => rank(a) - rank(b) || a.index - b.index);
  return found;
}

/**
 * The steps in order, each with the question the step's ordinal picks among those that fit (so
 * consecutive steps of one kind still ask different things). A question asked at an earlier
 * moment fits only when no question is asked between that moment and its step, and the moment
 * is before the step: the playhead never goes back to ask.
 */
export function predictSteps(trace: readonly TraceEvent[]): PredictStep[] {
  const steps: PredictStep[] = [];
  let askedThrough = -1;
  visibleStepIndices(trace).forEach((last, ordinal) => {
    const t = (trace[last] as TraceEvent).t;
    let first = last;
    while (first > 0 && (trace[first - 1] as TraceEvent).t === t) first -= 1;
    const fitting = questionsFor(trace, first, last)
      .map((question) => ({ question, hold: holdFor(trace, question, first) }))
      .filter(({ hold }) => hold.cursor >= askedThrough && hold.cursor < first);
    const picked = fitting[ordinal % Math.max(1, fitting.length)];
    const hold = picked?.hold ?? { cursor: first - 1, t: holdTimeBefore(trace, first) };
    if (picked !== undefined) askedThrough = last;
    steps.push({
      first,
      last,
      t,
      question: picked?.question,
      holdCursor: hold.cursor,
      holdT: hold.t,
    });
  });
  return steps;
}
