/**
 * Segment journeys (SegmentSpan) from the trace. A journey whose send and end both lie in a
 * prefix of the trace that a new run shares with the previous one is the same journey in both
 * runs, so a fork rebuilds only the journeys still open where the runs part (timeline.ts).
 */
import type { DropReason, SendEvent, TraceEvent } from '../sim/trace';
import type { SegmentSpan } from './timeline';

const FALLBACK_DELAY_MS = 50;

/**
 * The typical one-way delay per direction, so a segment lost at its send still gets an arrow:
 * the crossing time of the direction's first segment that arrived. Looked up only for a send
 * without an arrival, so most timelines (and forks) never read the trace for it.
 */
class TypicalDelays {
  private readonly known = new Map<string, number>();

  constructor(private readonly trace: readonly TraceEvent[]) {}

  of(from: string, to: string): number {
    const key = `${from}>${to}`;
    let delay = this.known.get(key);
    if (delay === undefined) {
      delay = FALLBACK_DELAY_MS;
      for (const event of this.trace) {
        if (event.type !== 'send' || event.arrivesAt === undefined) continue;
        if (event.from === from && event.to === to) {
          delay = event.arrivesAt - event.t;
          break;
        }
      }
      this.known.set(key, delay);
    }
    return delay;
  }
}

interface Copy {
  readonly id: number;
  readonly arrivesAt: number;
  /** The send it copies, when a shared event (the copy's span) already said. */
  readonly original?: { readonly event: SendEvent; readonly index: number };
}

/**
 * A journey settled within the first `shared` events: it ends there, and its arrow does not
 * depend on the run's other segments (a segment lost at its send borrows the direction's
 * typical delay, which a later event may set).
 */
function settledWithin(span: SegmentSpan, shared: number): boolean {
  return (
    span.sendIndex < shared &&
    span.endIndex >= 0 &&
    span.endIndex < shared &&
    (span.copy || span.send.arrivesAt !== undefined)
  );
}

/** Journeys in display order: by send time, then trace order, a copy after its original. */
function order(a: SegmentSpan, b: SegmentSpan): number {
  return a.sentAt - b.sentAt || a.sendIndex - b.sendIndex || +a.copy - +b.copy;
}

/** Two ordered lists as one; on a tie the first list's journey first (as a stable sort keeps). */
function merge(kept: readonly SegmentSpan[], built: readonly SegmentSpan[]): SegmentSpan[] {
  if (built.length === 0) return kept.slice();
  const out: SegmentSpan[] = new Array<SegmentSpan>(kept.length + built.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < kept.length && j < built.length) {
    const a = kept[i] as SegmentSpan;
    const b = built[j] as SegmentSpan;
    if (order(b, a) < 0) {
      out[n++] = b;
      j++;
    } else {
      out[n++] = a;
      i++;
    }
  }
  while (i < kept.length) out[n++] = kept[i++] as SegmentSpan;
  while (j < built.length) out[n++] = built[j++] as SegmentSpan;
  return out;
}

/**
 * A journey, every one with the same fields in the same order (absent ones undefined): the
 * timeline's readers then meet one hidden class, not one per mix of optional fields, and do not
 * deoptimize when a fork brings the first lost or copied segment. Made by a constructor, not an
 * object literal: after a fork's first lost segment stored fractions where the run had held only
 * whole milliseconds, a CPU profile of a fork's timeline put ~40 % of it on the literal's line,
 * and with the constructor the same timeline takes less than half the time (presumably the
 * literal kept a template whose map those fractions had made stale).
 */
class Journey implements SegmentSpan {
  readonly id: number;
  readonly send: SendEvent;
  readonly sendIndex: number;
  readonly sentAt: number;
  readonly crossingEndsAt: number;
  readonly endAt: number;
  readonly endIndex: number;
  readonly outcome: SegmentSpan['outcome'];
  readonly dropReason: DropReason | undefined;
  readonly dropQueue: 'syn' | 'accept' | undefined;
  readonly reach: number;
  readonly copy: boolean;

  constructor(
    send: SendEvent,
    sendIndex: number,
    crossingEndsAt: number,
    endAt: number,
    endIndex: number,
    outcome: SegmentSpan['outcome'],
    dropReason: DropReason | undefined,
    dropQueue: 'syn' | 'accept' | undefined,
    reach: number,
    copy: boolean,
  ) {
    this.id = send.id;
    this.send = send;
    this.sendIndex = sendIndex;
    this.sentAt = send.t;
    this.crossingEndsAt = crossingEndsAt;
    this.endAt = endAt;
    this.endIndex = endIndex;
    this.outcome = outcome;
    this.dropReason = dropReason;
    this.dropQueue = dropQueue;
    this.reach = reach;
    this.copy = copy;
  }
}

function sendSpan(
  trace: readonly TraceEvent[],
  event: SendEvent,
  index: number,
  endIndex: number,
  endTime: number,
  delays: TypicalDelays,
): SegmentSpan {
  const crossingEndsAt = event.arrivesAt ?? event.t + delays.of(event.from, event.to);
  const end = endIndex >= 0 ? (trace[endIndex] as TraceEvent) : undefined;
  if (end !== undefined && end.type === 'drop') {
    const duration = crossingEndsAt - event.t;
    // A segment the link loses at its send is drawn stopping half way: where it was lost is
    // not observable, only that it never arrived.
    const reach = end.t > event.t && duration > 0 ? Math.min(1, (end.t - event.t) / duration) : 0.5;
    const endAt = Math.max(end.t, event.t + reach * duration);
    return new Journey(
      event,
      index,
      crossingEndsAt,
      endAt,
      endIndex,
      'lost',
      end.reason,
      end.queue,
      reach,
      false,
    );
  }
  return end !== undefined
    ? new Journey(
        event,
        index,
        crossingEndsAt,
        end.t,
        endIndex,
        'delivered',
        undefined,
        undefined,
        1,
        false,
      )
    : new Journey(
        event,
        index,
        crossingEndsAt,
        Math.max(endTime, event.t),
        -1,
        'in-flight',
        undefined,
        undefined,
        1,
        false,
      );
}

/**
 * Every journey of `trace`, reusing those of `previous` (the journeys of a run whose first
 * `shared` events are these very events) that were settled within them.
 */
export function buildSpans(
  trace: readonly TraceEvent[],
  endTime: number,
  previous: readonly SegmentSpan[],
  shared: number,
): SegmentSpan[] {
  const delays = new TypicalDelays(trace);
  const kept: SegmentSpan[] = [];
  // Segments whose journey is built here, by id in the order met, with their send's index and
  // the index of the event that ended the journey (-1 while none has): arrays indexed by id
  // (ids count up from 1), as a fork reads thousands and a Map per fork cost milliseconds.
  const open: number[] = [];
  const sendIndexOf: number[] = [];
  const endIndexOf: number[] = [];
  const copies: Copy[] = [];
  // Journeys still open where the runs part start from what the shared events said of them.
  for (const span of previous) {
    if (span.sendIndex >= shared) continue;
    if (settledWithin(span, shared)) {
      kept.push(span);
    } else if (span.copy) {
      copies.push({
        id: span.id,
        arrivesAt: span.crossingEndsAt,
        original: { event: span.send, index: span.sendIndex },
      });
    } else {
      open.push(span.id);
      sendIndexOf[span.id] = span.sendIndex;
      endIndexOf[span.id] = span.endIndex >= 0 && span.endIndex < shared ? span.endIndex : -1;
    }
  }
  const copyArrivals = new Map<number, number[]>();
  for (let index = shared; index < trace.length; index++) {
    const event = trace[index] as TraceEvent;
    if (event.type === 'send') {
      if (sendIndexOf[event.id] === undefined) open.push(event.id);
      sendIndexOf[event.id] = index;
      endIndexOf[event.id] = -1;
    } else if (event.type === 'drop') {
      if (!(endIndexOf[event.id]! >= 0)) endIndexOf[event.id] = index;
    } else if (event.type === 'deliver') {
      if (event.duplicate) {
        const list = copyArrivals.get(event.id);
        if (list) list.push(index);
        else copyArrivals.set(event.id, [index]);
      } else if (!(endIndexOf[event.id]! >= 0)) endIndexOf[event.id] = index;
    } else if (event.type === 'duplicate') {
      copies.push({ id: event.id, arrivesAt: event.arrivesAt });
    }
  }

  const built: SegmentSpan[] = [];
  for (const id of open) {
    const index = sendIndexOf[id] as number;
    const event = trace[index] as SendEvent;
    built.push(sendSpan(trace, event, index, endIndexOf[id] as number, endTime, delays));
  }
  const sends = (id: number) => {
    const index = sendIndexOf[id];
    return index === undefined ? undefined : { event: trace[index] as SendEvent, index };
  };
  // A copy made after the runs part of a segment sent and settled before (links that duplicate).
  let settled: Map<number, SegmentSpan> | undefined;
  const settledSend = (id: number) => {
    settled ??= new Map(kept.flatMap((span) => (span.copy ? [] : [[span.id, span] as const])));
    const span = settled.get(id);
    return span ? { event: span.send, index: span.sendIndex } : undefined;
  };
  for (const copy of copies) {
    const original = copy.original ?? sends(copy.id) ?? settledSend(copy.id);
    if (!original) continue;
    const arrivalIndex = copyArrivals.get(copy.id)?.shift() ?? -1;
    const outcome = arrivalIndex >= 0 ? 'delivered' : 'in-flight';
    const { event, index } = original;
    built.push(
      new Journey(
        event,
        index,
        copy.arrivesAt,
        copy.arrivesAt,
        arrivalIndex,
        outcome,
        undefined,
        undefined,
        1,
        true,
      ),
    );
  }
  built.sort(order);
  return merge(kept, built);
}
