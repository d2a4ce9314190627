/**
 * Segment labels as textbooks and Wireshark write them: "SYN seq=700", "SYN-ACK seq=200
 * ack=701", "PSH-ACK seq=701 ack=201 len=18", "RST seq=0". The diagram's arrows, the event log
 * and the narration all use these, so one segment reads the same everywhere.
 */
import type { FlagName } from '../../engine';
import type { SendEvent } from '../../sim/trace';
import { mismatchSuffix } from './script-verdict';
import { displaySeq, type TraceFacts } from './trace-facts';

export { deriveTraceFacts, displaySeq, relativeSeq } from './trace-facts';
export type { Numbering, TraceFacts } from './trace-facts';

/**
 * The order flags are named in: the control bit that gives the segment its role first (SYN,
 * FIN, RST), then PSH and URG, then ACK, then the ECN bits (RFC 3168) — so "SYN-ACK",
 * "FIN-ACK", "PSH-ACK", "FIN-PSH-ACK", "SYN-ECE-CWR" as people say them.
 */
const LABEL_ORDER: readonly FlagName[] = ['SYN', 'FIN', 'RST', 'PSH', 'URG', 'ACK', 'ECE', 'CWR'];

/** "SYN-ACK", "PSH-ACK", … ; a segment with no control bits at all reads "no flags". */
export function flagsLabel(flags: readonly FlagName[]): string {
  const named = LABEL_ORDER.filter((f) => flags.includes(f));
  return named.length === 0 ? 'no flags' : named.join('-');
}

/**
 * "SYN-ACK seq=200 ack=701": flags, seq, ack only when the ACK bit is set (otherwise the field
 * is not meaningful, RFC 9293 §3.1), len only when the segment carries payload.
 */
export function segmentLabel(e: SendEvent, facts: TraceFacts): string {
  const parts = [flagsLabel(e.flags), `seq=${displaySeq(e.seq, e.from, facts)}`];
  if (e.flags.includes('ACK')) parts.push(`ack=${displaySeq(e.ack, e.to, facts)}`);
  if (e.len > 0) parts.push(`len=${e.len}`);
  return parts.join(' ');
}

/**
 * The label plus its direction, e.g. "SYN seq=700 client to server": an arrow's accessible name.
 * In a script run a segment its line rejected adds ", mismatch: expected ack 11".
 */
export function segmentAccessibleName(e: SendEvent, facts: TraceFacts): string {
  return `${segmentLabel(e, facts)} ${e.from} to ${e.to}${rewriteSuffix(e)}${mismatchSuffix(e)}`;
}

/** ", destination 10.0.0.100:80 rewritten to 10.0.1.11:80" for a load balancer's NAT. */
function rewriteSuffix(e: SendEvent): string {
  const r = e.rewrite;
  if (r === undefined) return e.healthCheck ? ', health check' : '';
  const now = r.field === 'dst' ? e.dst : e.src;
  return `, ${r.field === 'dst' ? 'destination' : 'source'} ${r.was} rewritten to ${now}`;
}
