/**
 * Endpoints that send segments but keep no TCP state of their own: a SYN flood's spoofed sources,
 * the peer a packetdrill script plays, and a load balancer (a middlebox that rewrites and forwards
 * segments). They get a lifeline but no state badge or marker.
 */
export function keepsNoTcpState(profile: string): boolean {
  return profile === 'spoofed' || profile === 'packetdrill' || profile === 'balancer';
}
