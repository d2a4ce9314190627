/**
 * Predict mode's questions: before each visible step of a run (sim/visible-steps.ts) one
 * question the trace can answer, chosen to fit what happens at that step. The same code path for
 * every run, whatever made it (a preset, a fork, a packetdrill script): only the trace is read.
 */
import type { TraceEvent } from '../sim/trace';
import { visibleStepIndices } from '../sim/visible-steps';
import { askAbout, isConnectOutcome } from './ask';
import type { Question, QuestionKind } from './question';

export interface PredictStep {
  /** The trace index of the step's first event (the first at its instant). */
  readonly first: number;
  /** The trace index of its last event: revealing moves the cursor here. */
  readonly last: number;
  readonly t: number;
  /** Undefined when nothing at this step makes a question (a duplicate copy on its way). */
  readonly question: Question | undefined;
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
      return event.action === 'fire' ? ['timer'] : [];
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
  'timer',
  'seq',
  'fate',
];

/**
 * Every question that fits the step's events, in priority order; the step's ordinal picks one
 * of them, so consecutive steps of one kind still ask different things.
 */
function questionFor(
  trace: readonly TraceEvent[],
  first: number,
  last: number,
  ordinal: number,
): Question | undefined {
  const found: Question[] = [];
  for (let i = first; i <= last; i += 1) {
    for (const kind of kindsFor(trace[i] as TraceEvent)) {
      const question = askAbout(kind, trace, i);
      if (question !== undefined) found.push(question);
    }
  }
  const rank = (q: Question) => PRIORITY.indexOf(q.kind);
  found.sort((a, b) => rank(a) - rank(b) || a.index - b.index);
  return found.length === 0 ? undefined : found[ordinal % found.length];
}

export function predictSteps(trace: readonly TraceEvent[]): PredictStep[] {
  const steps: PredictStep[] = [];
  visibleStepIndices(trace).forEach((last, ordinal) => {
    const t = (trace[last] as TraceEvent).t;
    let first = last;
    while (first > 0 && (trace[first - 1] as TraceEvent).t === t) first -= 1;
    steps.push({ first, last, t, question: questionFor(trace, first, last, ordinal) });
  });
  return steps;
}
