/**
 * Sentences for a load balancer's work (src/sim/load-balancer.ts): its decisions (which
 * backend a new flow gets and why, what it drops, each health check and each backend marked
 * up or down), the segments it forwards with an address rewritten, its health-check probes,
 * and a backend's outage.
 */
import type { BalancerEvent, OutageEvent, SendEvent } from '../../sim/trace';
import { segmentLabel } from './segment-label';
import type { TraceFacts } from './trace-facts';
import { isIpv6Endpoint, The, the } from './words';

/** The profile a balancer's lane carries in the run's endpoints. */
export const BALANCER_PROFILE = 'balancer';

export function narrateBalancer(e: BalancerEvent): string {
  switch (e.action) {
    case 'assign':
      return `${The(e.balancer)} opens a flow for ${e.flow} (#${e.id}) and sends it to ${e.backend}: ${e.why}. Its connection table keeps every later segment of the flow on ${e.backend} (load sharing by NAT, RFC 2391).`;
    case 'refuse':
      return `${The(e.balancer)} drops #${e.id} of ${e.flow}: ${e.why}; its sender hears nothing and retransmits (RFC 6298 §5).`;
    case 'probe':
      return `${capitalize(e.why)} (a TCP connect probe: SYN, and a SYN-ACK back means the port accepts connections, RFC 9293 §3.5).`;
    case 'health':
      return `${The(e.balancer)} marks ${e.backend} ${e.health}: ${e.why} (load sharing by NAT, RFC 2391).`;
  }
}

export function narrateOutage(e: OutageEvent): string {
  const lost =
    e.lost.length === 0
      ? 'It had no connection.'
      : `Its connections with ${e.lost.join(', ')} are gone; their clients learn of it only from what comes back, or does not.`;
  return e.how === 'silent'
    ? `${The(e.endpoint)} goes down and stops answering (powered off, cable pulled): it sends nothing, not even a reset, so its peers retransmit until they give up (RFC 9293 §3.8.3). ${lost}`
    : `${The(e.endpoint)}'s service dies and its TCP state is lost: the port is closed, so it answers every segment with RST (RFC 9293 §3.10.7.1). ${lost}`;
}

/** A segment the balancer forwards with its destination (inbound) or source (outbound) rewritten. */
export function narrateForward(e: SendEvent, facts: TraceFacts): string | undefined {
  const r = e.rewrite;
  if (r === undefined) return undefined;
  const label = segmentLabel(e, facts);
  // IPv6 has no header checksum: only TCP's covers the addresses, through its pseudo-header.
  const checksums = isIpv6Endpoint(e.src)
    ? 'it computes the TCP checksum anew, since its pseudo-header covers the addresses (IPv6 has no header checksum; RFC 8200 §8.1)'
    : 'it computes the IPv4 and TCP checksums anew, since both cover the addresses (RFC 791, RFC 9293 §3.1)';
  return r.field === 'dst'
    ? `${The(r.by)} forwards #${r.of} to ${e.to} as #${e.id} (${label}): destination NAT rewrites ${r.was} to ${e.dst}, and ${checksums}.`
    : `${The(r.by)} forwards ${the(facts.segments.get(r.of)?.from ?? 'backend')}'s reply #${r.of} to ${e.to} as #${e.id} (${label}): source NAT rewrites ${r.was} to ${e.src}, so ${the(e.to)} only ever sees the virtual address; ${checksums}.`;
}

/** A health-check probe or a backend's answer to one. */
export function narrateProbeSegment(e: SendEvent): string | undefined {
  if (!e.healthCheck) return undefined;
  if (e.flags.includes('RST')) {
    return `${The(e.from)} resets the probe's half-open connection on ${e.to}: the SYN-ACK was all the health check needed, and the RST frees the backend's SYN-RECEIVED entry (RFC 9293 §3.10.7.4).`;
  }
  if (e.flags.includes('SYN') && !e.flags.includes('ACK')) {
    return `${The(e.from)} sends a health-check SYN to ${e.to} (${e.dst}): a SYN-ACK back means the service accepts connections (RFC 9293 §3.5).`;
  }
  return `${The(e.from)} answers the health check with ${e.flags.join(',')} (RFC 9293 §3.10.7).`;
}

export function balancerSummary(e: BalancerEvent): { who: string; what: string; details: string } {
  switch (e.action) {
    case 'assign':
      return { who: e.balancer, what: 'assign', details: `${e.flow} → ${e.backend}` };
    case 'refuse':
      return { who: e.balancer, what: 'drop', details: `#${e.id} of ${e.flow}` };
    case 'probe':
      return { who: e.balancer, what: 'health check', details: `${e.backend}: ${e.result}` };
    case 'health':
      return { who: e.balancer, what: 'mark', details: `${e.backend} ${e.health}` };
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
