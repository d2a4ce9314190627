/**
 * The firewall's log, computed from the trace: every segment a firewall rule stopped, when,
 * on which connection (its 4-tuple), by which rule, and what the sender got back: nothing
 * (drop, a filtered port) or a reset forged in the destination's name (reject, as Linux's
 * iptables REJECT --reject-with tcp-reset answers).
 */
import type { SendEvent, Trace } from '../../sim/trace';
import { segmentLabel } from './segment-label';
import type { TraceFacts } from './trace-facts';

export interface FirewallLogEntry {
  /** Index in the trace of the drop, so the log can show what has happened by the playhead. */
  readonly index: number;
  readonly t: number;
  readonly id: number;
  /** "SYN seq=700". */
  readonly segment: string;
  /** "10.0.0.1:49152 → 10.0.0.2:80". */
  readonly tuple: string;
  readonly verdict: 'dropped' | 'refused';
  /** "rule 1: drop every segment c2s to port 80". */
  readonly rule: string;
  /** What the sender gets back, in words. */
  readonly answer: string;
}

export function firewallLog(trace: Trace, facts: TraceFacts): FirewallLogEntry[] {
  const entries: FirewallLogEntry[] = [];
  const forged: SendEvent[] = [];
  trace.forEach((e) => {
    if (e.type === 'send' && e.forgedBy === 'firewall') forged.push(e);
  });
  trace.forEach((e, index) => {
    if (e.type !== 'drop' || e.reason !== 'firewall') return;
    const sent = facts.segments.get(e.id);
    if (sent === undefined) return;
    // A rejecting rule's reset leaves where the segment was stopped, at that moment, back to its sender.
    const reset = forged.find((f) => f.t === e.t && f.dst === sent.src && f.src === sent.dst);
    entries.push({
      index,
      t: e.t,
      id: e.id,
      segment: segmentLabel(sent, facts),
      tuple: `${sent.src} → ${sent.dst}`,
      verdict: reset === undefined ? 'dropped' : 'refused',
      rule: e.rule ?? 'a firewall rule',
      answer:
        reset === undefined
          ? `nothing: ${sent.from} cannot tell it from a loss and retries`
          : `a forged ${segmentLabel(reset, facts)} (#${reset.id}) in ${sent.to}'s name`,
    });
  });
  return entries;
}
