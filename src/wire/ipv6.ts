/**
 * The IPv6 header (RFC 8200 §3) and the pseudo-header the TCP checksum covers over IPv6
 * (RFC 8200 §8.1). Addresses are read and written in RFC 5952's canonical text form
 * (lowercase, the longest run of zero groups shortened to "::").
 *
 *   | Version | Traffic Class |           Flow Label                  |
 *   |         Payload Length        |  Next Header  |   Hop Limit   |
 *   |                      Source Address (128 bits)                  |
 *   |                   Destination Address (128 bits)                |
 */
import { DEFAULT_IP_TTL, formatIpv6Address, ipFamily, mix32, parseIpv6Address } from '../engine';
import { PROTOCOL_TCP } from './protocols';

export const IPV6_HEADER_BYTES = 40;

export { formatIpv6Address, parseIpv6Address };

export function isIpv6Address(text: string): boolean {
  return ipFamily(text) === 6;
}

/** The 40-byte pseudo-header for an upper-layer checksum over IPv6 (RFC 8200 §8.1). */
export function ipv6PseudoHeader(
  src: string,
  dst: string,
  upperLength: number,
  protocol = PROTOCOL_TCP,
): Uint8Array {
  const bytes = new Uint8Array(40);
  bytes.set(parseIpv6Address(src), 0);
  bytes.set(parseIpv6Address(dst), 16);
  new DataView(bytes.buffer).setUint32(32, upperLength);
  bytes[39] = protocol;
  return bytes;
}

/**
 * The flow label of a connection's packets in one direction: one value for all of them, drawn
 * from a hash of the addresses and ports so that it looks uniformly distributed (RFC 6437 §3),
 * as Linux labels TCP packets by default from the flow's hash (net.ipv6.auto_flowlabels = 1,
 * ip6_make_flowlabel()). Never 0, which means "no label". `src` and `dst` are the trace's
 * "[address]:port" labels.
 */
export function flowLabelOf(src: string, dst: string): number {
  let h = 0x811c9dc5; // FNV-1a over the two labels, then a 32-bit avalanche
  for (const text of [src, dst]) {
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  return mix32(h) & 0xfffff || 1;
}

export interface Ipv6HeaderFields {
  readonly src: string;
  readonly dst: string;
  /** Bytes after the header (the TCP segment). */
  readonly payloadLength: number;
  readonly flowLabel?: number;
  /** Hop limit; DEFAULT_IP_TTL when absent. */
  readonly hopLimit?: number | undefined;
  /** Traffic class (DSCP and ECN); 0 when absent. */
  readonly trafficClass?: number | undefined;
  /** Next Header: TCP, or UDP for TCP over UDP (udp.ts). */
  readonly protocol?: number;
}

/**
 * A header with no extension headers: Next Header is TCP, the hop limit and traffic class the
 * sending socket chose (else 64 and 0, as Linux and FreeBSD send).
 */
export function encodeIpv6Header(fields: Ipv6HeaderFields): Uint8Array {
  if (fields.payloadLength > 0xffff) {
    throw new Error(
      `an IPv6 payload is at most 65535 bytes without a jumbogram, got ${fields.payloadLength}`,
    );
  }
  const bytes = new Uint8Array(IPV6_HEADER_BYTES);
  const view = new DataView(bytes.buffer);
  const trafficClass = (fields.trafficClass ?? 0) & 0xff;
  view.setUint32(0, ((6 << 28) | (trafficClass << 20) | ((fields.flowLabel ?? 0) & 0xfffff)) >>> 0);
  view.setUint16(4, fields.payloadLength);
  view.setUint8(6, fields.protocol ?? PROTOCOL_TCP);
  view.setUint8(7, fields.hopLimit ?? DEFAULT_IP_TTL);
  bytes.set(parseIpv6Address(fields.src), 8);
  bytes.set(parseIpv6Address(fields.dst), 24);
  return bytes;
}

export interface DecodedIpv6 {
  readonly src: string;
  readonly dst: string;
  readonly hopLimit: number;
  readonly flowLabel: number;
  /** The upper-layer protocol after any extension headers skipped (6 for TCP). */
  readonly protocol: number;
  /** The upper-layer bytes. */
  readonly payload: Uint8Array;
}

/** Extension headers that share the generic "next header, length in 8-byte units" shape. */
const EXTENSIONS_WITH_LENGTH = new Set([0, 43, 60]); // hop-by-hop, routing, destination options
const FRAGMENT = 44;

export function decodeIpv6(bytes: Uint8Array): DecodedIpv6 {
  if (bytes.length < IPV6_HEADER_BYTES) {
    throw new Error(`an IPv6 header is 40 bytes, got ${bytes.length}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const first = view.getUint32(0);
  const version = first >>> 28;
  if (version !== 6) throw new Error(`expected an IPv6 packet, found IP version ${version}`);
  const payloadLength = view.getUint16(4);
  if (IPV6_HEADER_BYTES + payloadLength > bytes.length) {
    throw new Error(
      `IPv6 payload length is ${payloadLength} but only ${bytes.length - IPV6_HEADER_BYTES} bytes were captured`,
    );
  }
  let next = view.getUint8(6);
  let at = IPV6_HEADER_BYTES;
  const end = IPV6_HEADER_BYTES + payloadLength;
  // RFC 8200 §4.1: extension headers come in a chain before the upper-layer header.
  while (EXTENSIONS_WITH_LENGTH.has(next) || next === FRAGMENT) {
    if (at + 8 > end) throw new Error('an IPv6 extension header is cut off');
    if (next === FRAGMENT && (view.getUint16(at + 2) & 0xfff9) !== 0) {
      throw new Error('the IPv6 packet is a fragment; fragments are not reassembled');
    }
    const length = next === FRAGMENT ? 8 : (view.getUint8(at + 1) + 1) * 8;
    next = view.getUint8(at);
    at += length;
  }
  if (at > end) throw new Error('an IPv6 extension header is cut off');
  return {
    src: formatIpv6Address(bytes.subarray(8, 24)),
    dst: formatIpv6Address(bytes.subarray(24, 40)),
    hopLimit: view.getUint8(7),
    flowLabel: first & 0xfffff,
    protocol: next,
    payload: bytes.subarray(at, end),
  };
}
