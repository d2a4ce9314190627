/**
 * Where the playhead stands to ask about an event: just before the instant it happens, after
 * everything earlier, so the diagram shows the run up to the question and nothing of its answer.
 */
import type { TraceEvent } from '../sim/trace';
import type { QuestionKind } from './question';
import { timerSetIndexBefore } from './run-facts';

/** How far before the event's instant the run pauses, at most (ms). */
const HOLD_MS = 0.5;

/** The first trace index at the same instant as `index`. */
export function firstAtInstant(trace: readonly TraceEvent[], index: number): number {
  const t = (trace[index] as TraceEvent).t;
  let first = index;
  while (first > 0 && (trace[first - 1] as TraceEvent).t === t) first -= 1;
  return first;
}

/** The playhead time just before the instant of the event at `index` (0 for an event at 0). */
export function holdTimeBefore(trace: readonly TraceEvent[], index: number): number {
  const first = firstAtInstant(trace, index);
  const t = (trace[first] as TraceEvent).t;
  const previous = first > 0 ? (trace[first - 1] as TraceEvent).t : 0;
  return Math.max(0, t - Math.min(HOLD_MS, (t - previous) / 2));
}

/** The last trace index at the same instant as `index` (a negative index, the start, as it is). */
export function lastAtInstant(trace: readonly TraceEvent[], index: number): number {
  if (index < 0) return index;
  const t = (trace[index] as TraceEvent).t;
  let last = index;
  while (last + 1 < trace.length && (trace[last + 1] as TraceEvent).t === t) last += 1;
  return last;
}

/**
 * The trace index a question about the event at `index` must be asked before. Most questions
 * wait for their own event; a timer's firing waits for the moment the timer is set, because
 * from then on the narration ("starts its retransmission timer for 1 s") and the countdown
 * beside the lifeline show its length, and just before it fires the playhead's clock, less the
 * time it was set, is the answer.
 */
export function askedBefore(
  trace: readonly TraceEvent[],
  kind: QuestionKind,
  index: number,
): number {
  if (kind !== 'timer') return index;
  const set = timerSetIndexBefore(trace, index);
  return set < 0 ? index : set;
}
