/**
 * The events a host page hears as the playhead moves forward: each segment sent, delivered or
 * dropped and each state change it passes, in trace order, labelled as the diagram labels them.
 */
import type { Timeline } from '../../store';
import type { SendEvent } from '../../sim/trace';
import { segmentLabel, type TraceFacts } from '../../ui/format/segment-label';
import type { LabEvent } from './host-protocol';

/** A long jump forward (a seek to the end of a long run) reports at most this many events. */
export const MAX_EVENTS_PER_MOVE = 200;

function segmentEvent(
  kind: 'sent' | 'delivered' | 'dropped',
  send: SendEvent,
  facts: TraceFacts,
  t: number,
  reason?: string,
): LabEvent {
  return {
    event: 'segment',
    kind,
    id: send.id,
    label: segmentLabel(send, facts),
    from: send.from,
    to: send.to,
    ...(reason !== undefined ? { reason } : {}),
    t,
  };
}

/** The events between two cursors: after `from` (exclusive) up to `to` (inclusive). */
export function eventsPassed(
  timeline: Timeline,
  from: number,
  to: number,
  facts: TraceFacts,
): LabEvent[] {
  const out: LabEvent[] = [];
  const last = Math.min(to, from + MAX_EVENTS_PER_MOVE);
  for (let index = Math.max(0, from + 1); index <= last; index++) {
    const event = timeline.events[index];
    if (!event) break;
    if (event.type === 'send') out.push(segmentEvent('sent', event, facts, event.t));
    else if (event.type === 'deliver' || event.type === 'drop') {
      const send = timeline.spanById[event.id]?.send;
      if (!send) continue;
      if (event.type === 'deliver') out.push(segmentEvent('delivered', send, facts, event.t));
      else out.push(segmentEvent('dropped', send, facts, event.t, event.reason));
    } else if (event.type === 'state') {
      out.push({
        event: 'state',
        endpoint: event.endpoint,
        from: event.from,
        to: event.to,
        t: event.t,
      });
    }
  }
  return out;
}
