/**
 * The recorded timeline: one run's trace, untouched, plus indexes built once so that "the world at
 * time t" is a binary search (DESIGN.md, "One run, start to end", step 5). Nothing here replays the
 * trace at seek time.
 */
import type { TcpState } from '../engine';
import {
  timerConnection,
  type DropReason,
  type SendEvent,
  type TimerName,
  type TraceEvent,
} from '../sim/trace';
import { splitEndpoint } from '../wire/address';
import { buildMaxTree, type MaxTree } from './max-tree';
import type { EndpointInfo, RecordedRun } from './world';

/** One segment's journey: from its send to its arrival, its loss, or the end of the run. */
export interface SegmentSpan {
  readonly id: number;
  readonly send: SendEvent;
  /** Index of the send event in the trace. */
  readonly sendIndex: number;
  readonly sentAt: number;
  /** When it arrived, was dropped, or (if neither) the end of the run. */
  readonly endAt: number;
  /** Index of the event that ended the journey (deliver or drop), or -1. */
  readonly endIndex: number;
  readonly outcome: 'delivered' | 'lost' | 'in-flight';
  readonly dropReason?: DropReason;
  /** For a SYN a listener refused (`queue-full`): the queue that was full. */
  readonly dropQueue?: 'syn' | 'accept';
  /**
   * Where the journey ends as a fraction of a full crossing: 1 when delivered, less when the
   * segment was lost on the way (the UI draws it stopping there).
   */
  readonly reach: number;
  /** When a full crossing would have ended (its arrival, or the direction's typical delay). */
  readonly crossingEndsAt: number;
  /** A copy made by the link: this span is the copy's journey, `copyOf` the segment's id. */
  readonly copy: boolean;
}

export interface StateChange {
  readonly t: number;
  readonly index: number;
  readonly from: TcpState;
  readonly to: TcpState;
  readonly cause: string;
}

export interface TimerSpan {
  readonly endpoint: string;
  /** The connection it belongs to (timerConnection): each connection runs its own timers. */
  readonly connection: string;
  readonly timer: TimerName;
  readonly setAt: number;
  readonly setIndex: number;
  readonly expiresAt: number;
  /** When it fired, was cancelled or set again; the expiry when the run ended first. */
  readonly endAt: number;
  readonly endIndex: number;
  readonly outcome: 'fired' | 'cancelled' | 'reset' | 'pending';
}

export interface Timeline {
  readonly run: RecordedRun;
  readonly events: readonly TraceEvent[];
  /** Event times, ascending (the trace is in time order). */
  readonly times: Float64Array;
  readonly endTime: number;
  /** Lifelines, left to right: the client first, then the server, then any spoofed sources. */
  readonly endpoints: readonly EndpointInfo[];
  /** Segment journeys ordered by send time (copies right after their original's position). */
  readonly spans: readonly SegmentSpan[];
  readonly spanStarts: Float64Array;
  /** Running maximum of span ends: the first span that may still be visible is a binary search. */
  readonly spanEndsMax: Float64Array;
  /** The first journey of each segment, by id. */
  readonly spanById: ReadonlyMap<number, SegmentSpan>;
  readonly states: ReadonlyMap<string, readonly StateChange[]>;
  /** Per endpoint, the trace index of each state change (for binary search by cursor). */
  readonly stateIndexes: ReadonlyMap<string, Int32Array>;
  /** Per endpoint, the time of each state change (for binary search by time). */
  readonly stateTimes: ReadonlyMap<string, Float64Array>;
  readonly initialStates: ReadonlyMap<string, TcpState>;
  /** Timer lives in the order they were set (so by set time). */
  readonly timers: readonly TimerSpan[];
  readonly timerStarts: Float64Array;
  /** Maxima over the timers' end times: the timers alive in a window without a scan. */
  readonly timerEnds: MaxTree;
}

const FALLBACK_DELAY_MS = 50;

function orderEndpoints(run: RecordedRun): EndpointInfo[] {
  const known = new Map(run.endpoints.map((e) => [e.name, e]));
  for (const event of run.trace) {
    if (event.type !== 'send') continue;
    for (const [name, address] of [
      [event.from, event.src],
      [event.to, event.dst],
    ] as const) {
      if (known.has(name)) continue;
      const { address: host, port } = splitEndpoint(address);
      known.set(name, { name, address: host, port: Number(port || '0'), profile: '' });
    }
  }
  // Further named ends between the pair; a flood's spoofed sources outside it, right of the
  // server they target, so no client segment seems to meet the flood's marks on its way.
  const rank = (e: EndpointInfo) =>
    e.name === 'client' ? 0 : e.name === 'server' ? 2 : e.profile === 'spoofed' ? 3 : 1;
  return [...known.values()].sort((a, b) => rank(a) - rank(b));
}

/** The typical one-way delay per direction, so a segment lost at its send still gets an arrow. */
function typicalDelays(trace: readonly TraceEvent[]): Map<string, number> {
  const delays = new Map<string, number>();
  for (const event of trace) {
    if (event.type !== 'send' || event.arrivesAt === undefined) continue;
    const key = `${event.from}>${event.to}`;
    if (!delays.has(key)) delays.set(key, event.arrivesAt - event.t);
  }
  return delays;
}

function buildSpans(run: RecordedRun, endTime: number): SegmentSpan[] {
  const trace = run.trace;
  const delays = typicalDelays(trace);
  const sends = new Map<number, { event: SendEvent; index: number }>();
  const ends = new Map<
    number,
    { t: number; index: number; reason?: DropReason; queue?: 'syn' | 'accept' | undefined }
  >();
  const copies: { id: number; index: number; arrivesAt: number }[] = [];
  const copyArrivals = new Map<number, number[]>();
  trace.forEach((event, index) => {
    if (event.type === 'send') sends.set(event.id, { event, index });
    else if (event.type === 'drop' && !ends.has(event.id)) {
      ends.set(event.id, { t: event.t, index, reason: event.reason, queue: event.queue });
    } else if (event.type === 'deliver') {
      if (event.duplicate) {
        const list = copyArrivals.get(event.id) ?? [];
        list.push(index);
        copyArrivals.set(event.id, list);
      } else if (!ends.has(event.id)) ends.set(event.id, { t: event.t, index });
    } else if (event.type === 'duplicate') {
      copies.push({ id: event.id, index, arrivesAt: event.arrivesAt });
    }
  });

  const spans: SegmentSpan[] = [];
  for (const { event, index } of sends.values()) {
    const end = ends.get(event.id);
    const nominal = delays.get(`${event.from}>${event.to}`) ?? FALLBACK_DELAY_MS;
    const crossingEndsAt = event.arrivesAt ?? event.t + nominal;
    const base = { id: event.id, send: event, sendIndex: index, sentAt: event.t, crossingEndsAt };
    if (end && end.reason !== undefined) {
      const duration = crossingEndsAt - event.t;
      // A segment the link loses at its send is drawn stopping half way: where it was lost is
      // not observable, only that it never arrived.
      const reach =
        end.t > event.t && duration > 0 ? Math.min(1, (end.t - event.t) / duration) : 0.5;
      const endAt = Math.max(end.t, event.t + reach * duration);
      spans.push({
        ...base,
        endAt,
        endIndex: end.index,
        outcome: 'lost',
        dropReason: end.reason,
        ...(end.queue === undefined ? {} : { dropQueue: end.queue }),
        reach,
        copy: false,
      });
    } else if (end) {
      spans.push({
        ...base,
        endAt: end.t,
        endIndex: end.index,
        outcome: 'delivered',
        reach: 1,
        copy: false,
      });
    } else {
      spans.push({
        ...base,
        endAt: Math.max(endTime, event.t),
        endIndex: -1,
        outcome: 'in-flight',
        reach: 1,
        copy: false,
      });
    }
  }
  for (const copy of copies) {
    const original = sends.get(copy.id);
    if (!original) continue;
    const arrivals = copyArrivals.get(copy.id) ?? [];
    const arrivalIndex = arrivals.shift() ?? -1;
    spans.push({
      id: copy.id,
      send: original.event,
      sendIndex: original.index,
      sentAt: original.event.t,
      crossingEndsAt: copy.arrivesAt,
      endAt: copy.arrivesAt,
      endIndex: arrivalIndex,
      outcome: arrivalIndex >= 0 ? 'delivered' : 'in-flight',
      reach: 1,
      copy: true,
    });
  }
  spans.sort((a, b) => a.sentAt - b.sentAt || a.sendIndex - b.sendIndex || +a.copy - +b.copy);
  return spans;
}

function buildStates(trace: readonly TraceEvent[]) {
  const states = new Map<string, StateChange[]>();
  const initialStates = new Map<string, TcpState>();
  trace.forEach((event, index) => {
    if (event.type !== 'state') return;
    const list = states.get(event.endpoint) ?? [];
    if (list.length === 0) initialStates.set(event.endpoint, event.from);
    list.push({ t: event.t, index, from: event.from, to: event.to, cause: event.cause });
    states.set(event.endpoint, list);
  });
  const stateIndexes = new Map(
    [...states].map(([name, list]) => [name, Int32Array.from(list, (c) => c.index)]),
  );
  const stateTimes = new Map(
    [...states].map(([name, list]) => [name, Float64Array.from(list, (c) => c.t)]),
  );
  return { states, stateIndexes, stateTimes, initialStates };
}

function buildTimers(trace: readonly TraceEvent[]): TimerSpan[] {
  const open = new Map<string, Omit<TimerSpan, 'endAt' | 'endIndex' | 'outcome'>>();
  const spans: TimerSpan[] = [];
  trace.forEach((event, index) => {
    if (event.type !== 'timer') return;
    const connection = timerConnection(event);
    const key = `${connection}/${event.timer}`;
    const pending = open.get(key);
    if (pending) {
      const outcome =
        event.action === 'fire' ? 'fired' : event.action === 'cancel' ? 'cancelled' : 'reset';
      spans.push({ ...pending, endAt: event.t, endIndex: index, outcome });
      open.delete(key);
    }
    if (event.action === 'set') {
      open.set(key, {
        endpoint: event.endpoint,
        connection,
        timer: event.timer,
        setAt: event.t,
        setIndex: index,
        expiresAt: event.at ?? event.t,
      });
    }
  });
  for (const pending of open.values()) {
    spans.push({ ...pending, endAt: pending.expiresAt, endIndex: -1, outcome: 'pending' });
  }
  return spans.sort((a, b) => a.setIndex - b.setIndex);
}

export function buildTimeline(run: RecordedRun): Timeline {
  const events = run.trace;
  const times = Float64Array.from(events, (e) => e.t);
  const lastEventAt = times.length > 0 ? (times[times.length - 1] as number) : 0;
  const endTime = Math.max(run.endTime, lastEventAt);
  const spans = buildSpans(run, endTime);
  const spanStarts = Float64Array.from(spans, (s) => s.sentAt);
  const spanEndsMax = new Float64Array(spans.length);
  let runningMax = -Infinity;
  spans.forEach((span, i) => {
    runningMax = Math.max(runningMax, span.endAt);
    spanEndsMax[i] = runningMax;
  });
  const spanById = new Map<number, SegmentSpan>();
  for (const span of spans) if (!span.copy) spanById.set(span.id, span);
  const timers = buildTimers(events);
  return {
    run,
    events,
    times,
    endTime,
    endpoints: orderEndpoints(run),
    spans,
    spanStarts,
    spanEndsMax,
    spanById,
    ...buildStates(events),
    timers,
    timerStarts: Float64Array.from(timers, (timer) => timer.setAt),
    timerEnds: buildMaxTree(Float64Array.from(timers, (timer) => timer.endAt)),
  };
}
