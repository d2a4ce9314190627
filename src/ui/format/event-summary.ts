/**
 * One event as an event-log row: who, what, and short details, the textual twin of what the
 * diagram draws (an arrow's label, a badge's new state, a lost segment's cross).
 */
import type { TraceEvent } from '../../sim/trace';
import { balancerSummary } from './narrate-balancer';
import { queueSummary } from './narrate-queue';
import { segmentLabel } from './segment-label';
import { formatDuration } from './timer-lookup';
import type { TraceFacts } from './trace-facts';
import { bytes, quote } from './words';

export interface EventSummary {
  /** "client", "client → server", "link → server". */
  readonly who: string;
  /** "send", "retransmit", "deliver", "lost", "state", "timer set", … */
  readonly what: string;
  readonly details: string;
  /** The segment this row is about, so the row can select it. */
  readonly segmentId?: number;
}

export function summarizeEvent(e: TraceEvent, facts: TraceFacts): EventSummary {
  switch (e.type) {
    case 'send':
      return {
        who: `${e.from} → ${e.to}`,
        what: e.retransmit > 0 ? 'retransmit' : 'send',
        details: `${segmentLabel(e, facts)}${e.retransmit > 0 && e.original !== undefined ? ` (again #${e.original})` : ''}`,
        segmentId: e.id,
      };
    case 'deliver':
    case 'drop':
    case 'duplicate': {
      const seg = facts.segments.get(e.id);
      const label = seg === undefined ? `#${e.id}` : `#${e.id} ${segmentLabel(seg, facts)}`;
      const to = seg === undefined ? '' : ` → ${seg.to}`;
      if (e.type === 'deliver') {
        return {
          who: `link${to}`,
          what: e.duplicate ? 'arrive (copy)' : 'arrive',
          details: label,
          segmentId: e.id,
        };
      }
      if (e.type === 'drop') {
        return {
          who: `link${to}`,
          what: 'lost',
          details: `${label}: ${e.reason}`,
          segmentId: e.id,
        };
      }
      return {
        who: `link${to}`,
        what: 'duplicate',
        details: `${label}, copy due t=${e.arrivesAt} ms`,
        segmentId: e.id,
      };
    }
    case 'state':
      return { who: e.endpoint, what: 'state', details: `${e.from} → ${e.to}` };
    case 'timer': {
      const lasting =
        e.action === 'set' && e.at !== undefined ? ` ${formatDuration(e.at - e.t)}` : '';
      return { who: e.endpoint, what: `timer ${e.action}`, details: `${e.timer}${lasting}` };
    }
    case 'call': {
      const result = e.result === 'ok' ? (e.async === true ? ' returns' : '') : ` → ${e.result}`;
      return { who: e.endpoint, what: 'call', details: `${e.call}()${result}` };
    }
    case 'queue':
      return { who: e.endpoint, what: 'queues', details: queueSummary(e) };
    case 'data':
      return {
        who: e.endpoint,
        what: 'data',
        details: `${bytes(e.len)} to the application ${quote(e.bytes, 16)}`,
      };
    case 'balancer':
      return balancerSummary(e);
    case 'outage':
      return {
        who: e.endpoint,
        what: 'outage',
        details: e.how === 'silent' ? 'stops answering' : 'loses its TCP state',
      };
  }
}
