/**
 * The UDP header (RFC 768) around a TCP segment that travels over UDP (FreeBSD's TCP over UDP,
 * engine udp-tunnel.ts). As FreeBSD sends it, the UDP checksum covers the datagram and the
 * TCP checksum inside is zero (tcp_output() and tcp_respond() set th_sum to 0 and offload
 * CSUM_UDP; tcp_input() does not check a tunneled segment's own checksum).
 */
import type { UdpPorts } from '../engine';
import { internetChecksum, pseudoHeader } from './checksum';
import { PROTOCOL_UDP } from './protocols';

export const UDP_HEADER_BYTES = 8;
const TCP_CHECKSUM_AT = 16;

/**
 * The datagram carrying `tcp` between the UDP ports: the TCP checksum zeroed, the UDP one
 * computed, and a computed 0 sent as 0xffff (RFC 768: zero means "no checksum").
 */
export function encapsulateInUdp(
  tcp: Uint8Array,
  ports: UdpPorts,
  src: string,
  dst: string,
): Uint8Array {
  const length = UDP_HEADER_BYTES + tcp.length;
  if (length > 0xffff) throw new Error(`a UDP datagram is at most 65535 bytes, not ${length}`);
  const datagram = new Uint8Array(length);
  const view = new DataView(datagram.buffer);
  view.setUint16(0, ports.srcPort);
  view.setUint16(2, ports.dstPort);
  view.setUint16(4, length);
  datagram.set(tcp, UDP_HEADER_BYTES);
  view.setUint16(UDP_HEADER_BYTES + TCP_CHECKSUM_AT, 0);
  const sum = internetChecksum(pseudoHeader(src, dst, length, PROTOCOL_UDP), datagram);
  view.setUint16(6, sum === 0 ? 0xffff : sum);
  return datagram;
}

/** Whether a datagram's checksum verifies (a correct one sums to zero, RFC 1071 §1). */
export function udpChecksumOk(datagram: Uint8Array, src: string, dst: string): boolean {
  return internetChecksum(pseudoHeader(src, dst, datagram.length, PROTOCOL_UDP), datagram) === 0;
}
