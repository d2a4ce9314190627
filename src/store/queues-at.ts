/**
 * A listener's queues at the cursor, read from the trace's `queue` events (src/sim/
 * listener-queues.ts): what the diagram's queue gauges draw. Looked up by binary search over
 * each endpoint's queue events, built once per timeline.
 */
import type { QueueEvent } from '../sim/trace';
import type { Timeline } from './timeline';

interface EndpointQueues {
  readonly indexes: number[];
  readonly events: QueueEvent[];
  /** Before the first event: the listener with both queues empty (one object, for selectors). */
  empty?: QueueEvent;
}

const built = new WeakMap<Timeline, Map<string, EndpointQueues>>();

function queuesBy(timeline: Timeline): Map<string, EndpointQueues> {
  let byEndpoint = built.get(timeline);
  if (byEndpoint) return byEndpoint;
  byEndpoint = new Map();
  timeline.events.forEach((e, index) => {
    if (e.type !== 'queue') return;
    const list = byEndpoint?.get(e.endpoint) ?? { indexes: [], events: [] };
    list.indexes.push(index);
    list.events.push(e);
    byEndpoint?.set(e.endpoint, list);
  });
  built.set(timeline, byEndpoint);
  return byEndpoint;
}

/**
 * The endpoint's listener queues as of trace index `cursor`: the latest queue event at or before
 * it; before the first, the same listener with both queues empty. Undefined for an endpoint whose
 * queues the run never shows changing.
 */
export function queuesAt(
  timeline: Timeline,
  endpoint: string,
  cursor: number,
): QueueEvent | undefined {
  const list = queuesBy(timeline).get(endpoint);
  const first = list?.events[0];
  if (list === undefined || first === undefined) return undefined;
  let lo = 0;
  let hi = list.indexes.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((list.indexes[mid] as number) <= cursor) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found >= 0) return list.events[found];
  list.empty ??= { ...first, syn: [], accept: [] };
  return list.empty;
}

/**
 * Whether the run makes an endpoint's queues worth drawing: they held several connections at
 * once or filled. A single handshake's one passing entry is no lesson.
 */
export function queuesMatter(timeline: Timeline, endpoint: string): boolean {
  const list = queuesBy(timeline).get(endpoint);
  return (list?.events ?? []).some(
    (e) => e.syn.length + e.accept.length > 1 || e.syn.length >= e.room,
  );
}
