/**
 * TCP over UDP, as FreeBSD carries it (draft-ietf-tsvwg-tcp-over-udp's encapsulation; FreeBSD
 * net.inet.tcp.udp_tunneling_port, tcp_subr.c tcp_recv_udp_tunneled_packet()): segments that
 * arrive in UDP at the host's tunneling port (profile udpTunnelingPort) are taken out and
 * handled as TCP, remembering the UDP port they came from. A connection runs over UDP when
 * its SYN came so (syncache_add(): sc_port) or when TCP_REMOTE_UDP_ENCAPS_PORT named the
 * peer's port before connect (t_port); it then sends every segment in UDP from the tunneling
 * port to that port, and resets a segment that comes on any other (tcp_input(): t_port !=
 * port past LISTEN goes to dropwithreset). A reply without a connection (tcp_respond() with
 * the arriving mbuf) goes back the way its segment came.
 */
import type { Profile } from './profiles';
import type { Errno, Packet, TcpState } from './types';

const UDP_PORT_MAX = 0xffff;

/**
 * setsockopt(TCP_REMOTE_UDP_ENCAPS_PORT): the error FreeBSD tcp_ctloutput() returns, or null.
 * EINVAL for a port outside 0..65535, for a port other than 0 while no tunneling port is set
 * ("You have to have enabled a UDP tunneling port first"), and once the socket left CLOSED
 * ("You can't change after you are connected").
 */
export function udpEncapsPortError(profile: Profile, port: number, state: TcpState): Errno | null {
  if (!Number.isInteger(port) || port < 0 || port > UDP_PORT_MAX) return 'EINVAL';
  if (profile.udpTunnelingPort === 0 && port !== 0) return 'EINVAL';
  if (state !== 'CLOSED') return 'EINVAL';
  return null;
}

/**
 * The UDP port a segment came from: 0 for plain TCP, null for UDP that is no TCP of ours (not
 * to the tunneling port, or no tunneling port set: FreeBSD has no UDP socket there then).
 */
export function arrivalPort(profile: Profile, packet: Packet): number | null {
  if (!packet.udp) return 0;
  const tunnel = profile.udpTunnelingPort;
  if (tunnel === 0 || packet.udp.dstPort !== tunnel) return null;
  return packet.udp.srcPort;
}

/** The packet carried in UDP from the tunneling port to `peerPort`; plain when it is 0. */
export function inUdp(packet: Packet, profile: Profile, peerPort: number): Packet {
  if (peerPort === 0) return packet;
  return { ...packet, udp: { srcPort: profile.udpTunnelingPort, dstPort: peerPort } };
}

/**
 * The send MSS of a connection over UDP gives up the UDP header, net.inet.tcp.
 * udp_tunneling_overhead bytes (FreeBSD tcp_mss_update() takes it off when t_port is set).
 */
export function tunnelOverhead(profile: Profile, udpPort: number): number {
  return udpPort === 0 ? 0 : profile.udpTunnelingOverhead;
}
