/**
 * The Internet checksum (RFC 1071) and the TCP pseudo-header (RFC 9293 §3.1). Pure byte
 * arithmetic on Uint8Array, so the browser and Node compute the same values.
 */
import { parseIpv4Address } from './address';
import { ipv6PseudoHeader, isIpv6Address } from './ipv6';
import { PROTOCOL_TCP } from './protocols';

/** IANA protocol number of TCP, written into the IPv4 header and the pseudo-header. */
export { PROTOCOL_TCP };

/**
 * The 16-bit one's complement of the one's complement sum of the data taken as big-endian
 * 16-bit words, an odd last byte padded with a zero on the right (RFC 1071 §1, §4.1).
 * Several chunks are summed as if they were one run of bytes.
 */
export function internetChecksum(...chunks: readonly Uint8Array[]): number {
  let sum = 0;
  let odd = false; // whether the previous chunk ended in the middle of a 16-bit word
  for (const chunk of chunks) {
    for (const byte of chunk) {
      sum += odd ? byte : byte << 8;
      odd = !odd;
    }
    // Fold the carries early so the sum never leaves exact integer range (RFC 1071 §2(B)).
    sum = (sum & 0xffff) + (sum >>> 16);
  }
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/**
 * The 96-bit pseudo-header the TCP checksum covers besides the segment: source address,
 * destination address, a zero byte, the protocol (6) and the TCP length (RFC 9293 §3.1). UDP's
 * is the same with its own protocol number and length (RFC 768).
 */
export function pseudoHeader(
  src: string,
  dst: string,
  length: number,
  protocol: number = PROTOCOL_TCP,
): Uint8Array {
  // Over IPv6 the pseudo-header is 40 bytes with a 32-bit length (RFC 8200 §8.1).
  if (isIpv6Address(src) || isIpv6Address(dst)) {
    return ipv6PseudoHeader(src, dst, length, protocol);
  }
  const bytes = new Uint8Array(12);
  bytes.set(parseIpv4Address(src), 0);
  bytes.set(parseIpv4Address(dst), 4);
  bytes[9] = protocol;
  bytes[10] = length >>> 8;
  bytes[11] = length & 0xff;
  return bytes;
}

/**
 * The TCP checksum of a segment whose checksum field is zero (or, when verifying, the
 * value found there: a correct segment then sums to zero, RFC 1071 §1 step (3)).
 */
export function tcpChecksum(src: string, dst: string, segment: Uint8Array): number {
  return internetChecksum(pseudoHeader(src, dst, segment.length), segment);
}
