/**
 * The inspector's reasons for a segment a load balancer forwarded (LVS-NAT, RFC 2391): it
 * rewrites one end's address and port and nothing else, so every other field is the sender's.
 */
import type { SendEvent } from '../../sim/trace';
import type { TraceFacts } from '../format/trace-facts';
import { isIpv6Endpoint, portOf, the } from '../format/words';

/** Why a field the balancer left alone has its value; undefined for a segment it did not forward. */
export function explainUnchanged(
  e: SendEvent,
  facts: TraceFacts,
  field: string,
): string | undefined {
  const r = e.rewrite;
  if (r === undefined) return undefined;
  const sender = facts.segments.get(r.of)?.from ?? 'its sender';
  return `unchanged from #${r.of}: ${the(r.by)} rewrites only the ${side(r.field)} address and port, so the ${field} is ${the(sender)}'s (RFC 2391).`;
}

/** Why a port the balancer rewrote (or kept) has its value; undefined when it forwarded nothing. */
export function explainNatPort(e: SendEvent, which: 'src' | 'dst'): string | undefined {
  const r = e.rewrite;
  if (r === undefined) return undefined;
  const port = portOf(which === 'src' ? e.src : e.dst);
  if (r.field !== which) return `${port}: ${explainKept(r.by, r.of, r.field)}`;
  const now = which === 'src' ? e.src : e.dst;
  const how =
    which === 'dst'
      ? `destination NAT sends the flow to its backend ${e.to}`
      : `source NAT puts back the virtual address ${the(e.to)} connected to, so it only ever sees that address`;
  const checksums = isIpv6Endpoint(now)
    ? 'the TCP checksum covers the addresses through its pseudo-header (IPv6 has no header checksum) and is computed anew (RFC 2391, RFC 8200 §8.1)'
    : 'the IPv4 and TCP checksums cover the addresses and are computed anew (RFC 2391, RFC 9293 §3.1)';
  return `${port}: ${the(r.by)} rewrote ${r.was} to ${now}: ${how}; ${checksums}.`;
}

/** A health check's SYN: a connection attempt of the balancer's own. */
export function explainProbeSeq(e: SendEvent): string | undefined {
  if (!e.healthCheck || !e.flags.includes('SYN') || e.flags.includes('ACK')) return undefined;
  return `${e.seq}: the health check's own initial sequence number: the probe is a connection attempt of ${the(e.from)}'s (RFC 9293 §3.4.1).`;
}

function explainKept(by: string, of: number, rewritten: 'src' | 'dst'): string {
  return `unchanged from #${of}: ${the(by)} rewrites only the ${side(rewritten)} (RFC 2391).`;
}

function side(field: 'src' | 'dst'): string {
  return field === 'dst' ? 'destination' : 'source';
}
