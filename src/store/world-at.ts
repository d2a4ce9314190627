/**
 * "The world at a moment": pure queries over a Timeline. A moment is a playhead time `t` plus a
 * cursor (the index of the last event that has happened), because several events can share one
 * instant and stepping visits them one by one. Every query is a binary search.
 */
import type { TcpState } from '../engine';
import { eachEndingFrom } from './max-tree';
import { lowerBound, upperBound } from './search';
import type { SegmentSpan, StateChange, Timeline, TimerSpan } from './timeline';

/** The index of the last event at or before `t` (-1 when none has happened yet). */
export function lastEventAtOrBefore(timeline: Timeline, t: number): number {
  return upperBound(timeline.times, t) - 1;
}

/** The state change in force after the event at `cursor` has happened, if any. */
export function lastStateChange(
  timeline: Timeline,
  endpoint: string,
  cursor: number,
): StateChange | undefined {
  const indexes = timeline.stateIndexes.get(endpoint);
  if (!indexes) return undefined;
  const position = upperBound(indexes, cursor) - 1;
  return position >= 0 ? timeline.states.get(endpoint)?.[position] : undefined;
}

/** The RFC 9293 state of an endpoint once the event at `cursor` has happened. */
export function stateAt(timeline: Timeline, endpoint: string, cursor: number): TcpState {
  const change = lastStateChange(timeline, endpoint, cursor);
  if (change) return change.to;
  return timeline.initialStates.get(endpoint) ?? 'CLOSED';
}

/** Segment journeys that overlap the time window [from, to], in send order. */
export function spansInWindow(timeline: Timeline, from: number, to: number): SegmentSpan[] {
  const first = lowerBound(timeline.spanEndsMax, from);
  const last = upperBound(timeline.spanStarts, to);
  const result: SegmentSpan[] = [];
  for (let i = first; i < last; i++) {
    const span = timeline.spans[i] as SegmentSpan;
    if (span.endAt >= from) result.push(span);
  }
  return result;
}

/** Has this segment been sent once the event at `cursor` has happened? */
export function isSent(span: SegmentSpan, cursor: number): boolean {
  return span.sendIndex <= cursor;
}

/**
 * A segment is in flight (and so can be dropped by the user) when it has been sent, its journey
 * has not ended, and it is headed somewhere. At the very instant it is sent it is not yet on the
 * wire: a drop there would run before the send (interventions go first at an instant,
 * sim/queue.ts) and miss it. Predict mode waits there to ask whether a segment arrives.
 */
export function isInFlight(span: SegmentSpan, t: number, cursor: number): boolean {
  if (span.copy || !isSent(span, cursor) || t <= span.sentAt) return false;
  if (span.endIndex >= 0 && span.endIndex <= cursor) return false;
  return t < span.endAt || span.endIndex < 0;
}

/**
 * How far along its arrow a segment is at `t`: 0 at the sender, 1 at the receiver, never past
 * where it was lost (DESIGN.md: position = (now − sentAt) / (arrivesAt − sentAt)).
 */
export function progressAt(span: SegmentSpan, t: number): number {
  const duration = span.crossingEndsAt - span.sentAt;
  if (duration <= 0) return t >= span.sentAt ? span.reach : 0;
  const progress = (t - span.sentAt) / duration;
  return Math.max(0, Math.min(span.reach, progress));
}

/** Timers whose life overlaps the window [from, to], in the order they were set. */
export function timersInWindow(timeline: Timeline, from: number, to: number): TimerSpan[] {
  const result: TimerSpan[] = [];
  const setByThen = upperBound(timeline.timerStarts, to);
  eachEndingFrom(timeline.timerEnds, setByThen, from, (i) => {
    result.push(timeline.timers[i] as TimerSpan);
  });
  return result;
}

/** An endpoint's state changes at moments within [from, to]. */
export function stateChangesInWindow(
  timeline: Timeline,
  endpoint: string,
  from: number,
  to: number,
): readonly StateChange[] {
  const times = timeline.stateTimes.get(endpoint);
  const changes = timeline.states.get(endpoint);
  if (!times || !changes) return [];
  return changes.slice(lowerBound(times, from), upperBound(times, to));
}
