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
import type { Timeline } from './timeline';

export interface ChildConnection {
  /** The connection's key, "endpoint local-remote" (as timerConnection writes it). */
  readonly key: string;
  /** 1, 2 … in order of first appearance on its endpoint. */
  readonly n: number;
  /** The remote "address:port". */
  readonly peer: string;
}

export interface LaneConnections {
  /** The connection of each state change, by its trace index (the endpoint alone if unknown). */
  readonly ofState: ReadonlyMap<number, string>;
  /**
   * Per endpoint that ran more than one connection, its connections numbered; an endpoint with
   * one connection (or none) is absent: its notes need no number.
   */
  readonly children: ReadonlyMap<string, readonly ChildConnection[]>;
}

/** The connection of an event at `endpoint`, when the event names one. */
function connectionOf(event: TraceEvent, endpoint: string, timeline: Timeline): string | null {
  if (event.type === 'timer' && event.endpoint === endpoint && event.action === 'fire') {
    return timerConnection(event);
  }
  if (event.type === 'deliver') {
    const send = timeline.spanById.get(event.id)?.send;
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
    if (!list.some((c) => c.key === key)) list.push({ key, at });
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
  const children = new Map<string, ChildConnection[]>();
  for (const [endpoint, list] of seen) {
    if (list.length < 2) continue;
    const ordered = [...list].sort((a, b) => a.at - b.at);
    children.set(
      endpoint,
      ordered.map((c, i) => ({ key: c.key, n: i + 1, peer: remoteOf(c.key) })),
    );
  }
  return { ofState, children };
}

/** A connection's number on its endpoint, or undefined (the listener, or a lone connection). */
export function childNumber(lanes: LaneConnections, endpoint: string, key: string) {
  return lanes.children.get(endpoint)?.find((c) => c.key === key)?.n;
}
