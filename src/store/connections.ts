/**
 * Which connection each state change and timer of an endpoint belongs to, for an endpoint that
 * runs several at once (a listener and its children under a SYN flood). Timers name their
 * connection in the trace; a state change is tied to the step that caused it: the segment that
 * arrived just before it, the timer that fired, or else the segment it sent at that moment. A
 * connection's children are numbered 1, 2 … in the order they first appear, so the diagram can
 * say "2: SYN-RECEIVED" and a legend whom 2 is with; the listening socket itself (the state a
 * listen() call set, with no 4-tuple yet) has no number.
 */
import { sendConnection, timerConnection, type TraceEvent } from '../sim/trace';
import type { TcpState } from '../engine';
import type { StateChange, Timeline } from './timeline';
import { lastStateChange, stateAt } from './world-at';

export interface ChildConnection {
  /** The connection's key, "endpoint local-remote" (as timerConnection writes it). */
  readonly key: string;
  /** 1, 2 … in order of first appearance on its endpoint. */
  readonly n: number;
  /** The remote "address:port". */
  readonly peer: string;
  /** Index of the trace event where the connection first shows (a state change, a timer). */
  readonly firstIndex: number;
  /**
   * A load balancer's health-check probe (a SYN, the SYN-ACK back, a reset), not a client's
   * connection: the legend groups these, and the lane's state badge does not follow them.
   */
  readonly probe: boolean;
}

export interface LaneConnections {
  /** The connection of each state change, by its trace index (the endpoint alone if unknown). */
  readonly ofState: ReadonlyMap<number, string>;
  /**
   * Per endpoint that ran more than one connection, its connections numbered; an endpoint with
   * one connection (or none) is absent: its notes need no number.
   */
  readonly children: ReadonlyMap<string, readonly ChildConnection[]>;
  /** The keys of every connection, on either end, that carried a health-check probe. */
  readonly probes: ReadonlySet<string>;
}

/** The connection of an event at `endpoint`, when the event names one. */
function connectionOf(event: TraceEvent, endpoint: string, timeline: Timeline): string | null {
  if (event.type === 'timer' && event.endpoint === endpoint && event.action === 'fire') {
    return timerConnection(event);
  }
  if (event.type === 'deliver') {
    const send = timeline.spanById[event.id]?.send;
    if (send?.to === endpoint) return `${endpoint} ${send.dst}-${send.src}`;
  }
  return null;
}

/** The state change's connection, from the events of the same moment around it. */
function stateConnection(timeline: Timeline, index: number, endpoint: string): string {
  const { events } = timeline;
  const t = events[index]?.t;
  // The cause comes first: the arrival or the timer just before the change.
  for (let i = index - 1; i >= 0 && events[i]?.t === t; i--) {
    const event = events[i] as TraceEvent;
    if (event.type === 'state' || event.type === 'call') break;
    const found = connectionOf(event, endpoint, timeline);
    if (found) return found;
  }
  // A change a call made (connect(), close()) shows in the segment it sends.
  for (let i = index + 1; i < events.length && events[i]?.t === t; i++) {
    const event = events[i] as TraceEvent;
    if (event.type === 'state') break;
    if (event.type === 'send' && event.from === endpoint) return sendConnection(event);
  }
  return endpoint;
}

const remoteOf = (key: string) => key.slice(key.lastIndexOf('-') + 1);

export function laneConnections(timeline: Timeline): LaneConnections {
  const ofState = new Map<number, string>();
  const seen = new Map<string, { key: string; at: number }[]>();
  const note = (endpoint: string, key: string, at: number) => {
    if (key === endpoint) return;
    const list = seen.get(endpoint) ?? [];
    const known = list.find((c) => c.key === key);
    if (known === undefined) list.push({ key, at });
    else known.at = Math.min(known.at, at);
    seen.set(endpoint, list);
  };
  for (const [endpoint, changes] of timeline.states) {
    for (const change of changes) {
      const key = stateConnection(timeline, change.index, endpoint);
      ofState.set(change.index, key);
      note(endpoint, key, change.index);
    }
  }
  for (const timer of timeline.timers) note(timer.endpoint, timer.connection, timer.setIndex);
  const probes = probeConnections(timeline);
  const children = new Map<string, ChildConnection[]>();
  for (const [endpoint, list] of seen) {
    if (list.length < 2) continue;
    const ordered = [...list].sort((a, b) => a.at - b.at);
    children.set(
      endpoint,
      ordered.map((c, i) => ({
        key: c.key,
        n: i + 1,
        peer: remoteOf(c.key),
        firstIndex: c.at,
        probe: probes.has(c.key),
      })),
    );
  }
  return { ofState, children, probes };
}

/** Both ends' keys of each connection a health check's segments belong to. */
function probeConnections(timeline: Timeline): Set<string> {
  const keys = new Set<string>();
  for (const event of timeline.events) {
    if (event.type !== 'send' || event.healthCheck !== true) continue;
    keys.add(sendConnection(event));
    keys.add(`${event.to} ${event.dst}-${event.src}`);
  }
  return keys;
}

const cache = new WeakMap<Timeline, LaneConnections>();

/** The run's connections per lifeline, computed once per run. */
export function connectionsOf(timeline: Timeline): LaneConnections {
  let found = cache.get(timeline);
  if (!found) {
    found = laneConnections(timeline);
    cache.set(timeline, found);
  }
  return found;
}

/**
 * The state a lifeline's badge shows once the event at `cursor` has happened: its latest state
 * change, passing over the changes of health-check probes (a balancer's SYN, SYN-ACK and reset
 * take a backend through SYN-RECEIVED and back every few hundred milliseconds), which say
 * nothing about the server's listening socket or its clients' connections.
 */
export function headStateAt(timeline: Timeline, endpoint: string, cursor: number): TcpState {
  const changes = timeline.states.get(endpoint);
  const last = lastStateChange(timeline, endpoint, cursor);
  if (changes === undefined || last === undefined) return stateAt(timeline, endpoint, cursor);
  const { ofState, probes } = connectionsOf(timeline);
  if (probes.size === 0) return last.to;
  for (let i = changes.indexOf(last); i >= 0; i--) {
    const change = changes[i] as StateChange;
    if (!probes.has(ofState.get(change.index) ?? endpoint)) return change.to;
  }
  return timeline.initialStates.get(endpoint) ?? 'CLOSED';
}

/** A connection's number on its endpoint, or undefined (the listener, or a lone connection). */
export function childNumber(lanes: LaneConnections, endpoint: string, key: string) {
  return lanes.children.get(endpoint)?.find((c) => c.key === key)?.n;
}

/** The connections an event belongs to, as (endpoint, key) pairs: its sender's side first. */
function eventConnections(
  timeline: Timeline,
  lanes: LaneConnections,
  index: number,
): [string, string][] {
  const event = timeline.events[index] as TraceEvent;
  if (event.type === 'state') return [[event.endpoint, lanes.ofState.get(index) ?? '']];
  if (event.type === 'timer') return [[event.endpoint, timerConnection(event)]];
  const send =
    event.type === 'send'
      ? event
      : event.type === 'deliver' || event.type === 'drop'
        ? timeline.spanById[event.id]?.send
        : undefined;
  if (send === undefined) return [];
  return [
    [send.from, sendConnection(send)],
    [send.to, `${send.to} ${send.dst}-${send.src}`],
  ];
}

/**
 * The numbered connection the run was last busy with once the event at `cursor` has happened
 * (a segment it sent or received, a timer, a state change), passing over a balancer's health
 * checks, which repeat all run long; undefined before any. A collapsed legend keeps its entry
 * in view.
 */
export function currentConnection(timeline: Timeline, cursor: number): ChildConnection | undefined {
  const lanes = connectionsOf(timeline);
  if (lanes.children.size === 0) return undefined;
  for (let i = Math.min(cursor, timeline.events.length - 1); i >= 0; i--) {
    for (const [endpoint, key] of eventConnections(timeline, lanes, i)) {
      const child = lanes.children.get(endpoint)?.find((c) => c.key === key);
      if (child !== undefined && !child.probe && child.firstIndex <= cursor) return child;
    }
  }
  return undefined;
}
