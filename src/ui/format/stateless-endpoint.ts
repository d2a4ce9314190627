/**
 * Endpoints that send segments but keep no TCP state of their own: a SYN flood's spoofed sources,
 * and the peer a packetdrill script plays. They get a lifeline but no state badge or marker.
 */
export function keepsNoTcpState(profile: string): boolean {
  return profile === 'spoofed' || profile === 'packetdrill';
}
