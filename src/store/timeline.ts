/**
 * The recorded timeline: one run's trace, untouched, plus indexes built once so that "the world at
 * time t" is a binary search (DESIGN.md, "One run, start to end", step 5). Nothing here replays the
 * trace at seek time.
 */
import type { TcpState } from '../engine';
import type { DropReason, SendEvent, TimerName, TraceEvent } from '../sim/trace';
import { splitEndpoint } from '../wire/address';
import { buildMaxTree, type MaxTree } from './max-tree';
import { buildStates, buildTimers } from './timeline-records';
import { buildSpans } from './timeline-spans';
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
  readonly dropReason?: DropReason | undefined;
  /** For a SYN a listener refused (`queue-full`): the queue that was full. */
  readonly dropQueue?: 'syn' | 'accept' | undefined;
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
  /**
   * The first journey of each segment, at its id (ids count up from 1): an array rather than a
   * Map, as a fork rebuilds it and filling a Map of ten thousand cost milliseconds each time.
   */
  readonly spanById: readonly (SegmentSpan | undefined)[];
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

function orderEndpoints(run: RecordedRun): EndpointInfo[] {
  const known = new Map(run.endpoints.map((e) => [e.name, e]));
  const learn = (name: string, address: string) => {
    const { address: host, port } = splitEndpoint(address);
    known.set(name, { name, address: host, port: Number(port || '0'), profile: '' });
  };
  // A load balancer's backends: the ends its health checks probe.
  const backends = new Set<string>();
  for (const event of run.trace) {
    if (event.type !== 'send') continue;
    if (event.healthCheck && known.get(event.from)?.profile === 'balancer') backends.add(event.to);
    if (!known.has(event.from)) learn(event.from, event.src);
    if (!known.has(event.to)) learn(event.to, event.dst);
  }
  // Further named ends between the pair; a flood's spoofed sources outside it, right of the
  // server they target, so no client segment seems to meet the flood's marks on its way. A
  // load balancer stands between its clients and its backends, which sit right of it.
  const rank = (e: EndpointInfo) =>
    e.profile === 'balancer'
      ? 1.5
      : backends.has(e.name)
        ? 2.5
        : e.name === 'client'
          ? 0
          : e.name === 'server'
            ? 2
            : e.profile === 'spoofed'
              ? 3
              : 1;
  return [...known.values()].sort((a, b) => rank(a) - rank(b));
}

/**
 * How many first events `run` shares with the timeline of a previous run: the very same event
 * objects, as a run resumed from a checkpoint of that run reuses them (src/store/checkpoints.ts).
 * A timeline received from a worker shares none (its events are copies; its arrays may have
 * been handed over).
 */
function sharedPrefix(previous: Timeline, run: RecordedRun): number {
  if (previous.times.length !== previous.events.length) return 0;
  const a = previous.events;
  const b = run.trace;
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}

/**
 * The timeline of `run`. Given the timeline of a previous run that `run` continues (a fork: the
 * same first events, then a new future), the indexes of the shared events are taken from it and
 * only the new future is read, so a fork costs what its future costs.
 */
export function buildTimeline(run: RecordedRun, previous?: Timeline): Timeline {
  const events = run.trace;
  const kept = previous !== undefined ? sharedPrefix(previous, run) : 0;
  const from = kept > 0 ? previous : undefined;
  const times = eventTimes(events, from, kept);
  const lastEventAt = times.length > 0 ? (times[times.length - 1] as number) : 0;
  const endTime = Math.max(run.endTime, lastEventAt);
  const spans = buildSpans(events, endTime, from?.spans ?? [], kept);
  const timers = buildTimers(events, from?.timers ?? [], kept);
  return {
    run,
    events,
    times,
    endTime,
    endpoints: orderEndpoints(run),
    spans,
    ...spanIndexes(spans),
    ...buildStates(events, from, kept),
    timers,
    ...timerIndexes(timers),
  };
}

/*
 * The loops over every event, span and timer are functions of their own: V8 optimizes a long
 * loop in the middle of its function (on-stack replacement) together with the rest of the
 * function, and a fork's first lost segment then deoptimized all of buildTimeline.
 */

/** Each event's time; those of the first `kept` events are the previous timeline's. */
function eventTimes(
  events: readonly TraceEvent[],
  previous: Timeline | undefined,
  kept: number,
): Float64Array {
  const times = new Float64Array(events.length);
  if (previous !== undefined) times.set(previous.times.subarray(0, kept));
  for (let i = kept; i < events.length; i++) times[i] = (events[i] as TraceEvent).t;
  return times;
}

function spanIndexes(
  spans: readonly SegmentSpan[],
): Pick<Timeline, 'spanStarts' | 'spanEndsMax' | 'spanById'> {
  const spanStarts = new Float64Array(spans.length);
  const spanEndsMax = new Float64Array(spans.length);
  const spanById: SegmentSpan[] = [];
  let runningMax = -Infinity;
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i] as SegmentSpan;
    spanStarts[i] = span.sentAt;
    runningMax = Math.max(runningMax, span.endAt);
    spanEndsMax[i] = runningMax;
    if (!span.copy) spanById[span.id] = span;
  }
  return { spanStarts, spanEndsMax, spanById };
}

function timerIndexes(timers: readonly TimerSpan[]): Pick<Timeline, 'timerStarts' | 'timerEnds'> {
  const timerStarts = new Float64Array(timers.length);
  const timerEnds = new Float64Array(timers.length);
  for (let i = 0; i < timers.length; i++) {
    const timer = timers[i] as TimerSpan;
    timerStarts[i] = timer.setAt;
    timerEnds[i] = timer.endAt;
  }
  return { timerStarts, timerEnds: buildMaxTree(timerEnds) };
}
