/**
 * The IPv4 header (RFC 791 §3.1) for the packets this project writes: no options, so the
 * header is always 20 bytes. Values follow what a Linux host sends for TCP: DF set (path
 * MTU discovery, RFC 1191); the TTL and TOS the sending socket chose (engine ip-fields.ts),
 * else TTL 64 and DSCP/ECN zero.
 */
import { formatIpv4Address, parseIpv4Address } from './address';
import { DEFAULT_IP_TTL } from '../engine';
import { internetChecksum, PROTOCOL_TCP } from './checksum';

export const IPV4_HEADER_BYTES = 20;
const DONT_FRAGMENT = 0x4000;

export interface Ipv4HeaderFields {
  readonly src: string;
  readonly dst: string;
  /** The identification field; the caller numbers its packets (RFC 791 §3.2, RFC 6864). */
  readonly identification: number;
  /** Bytes after the IP header (the TCP segment). */
  readonly payloadLength: number;
  /** Time to live; DEFAULT_IP_TTL when absent. */
  readonly ttl?: number | undefined;
  /** The type-of-service byte (DSCP and ECN); 0 when absent. */
  readonly tos?: number | undefined;
  /** What the packet carries: TCP, or UDP for TCP over UDP (udp.ts). */
  readonly protocol?: number;
}

export function encodeIpv4Header(fields: Ipv4HeaderFields): Uint8Array {
  const totalLength = IPV4_HEADER_BYTES + fields.payloadLength;
  if (totalLength > 0xffff) {
    throw new Error(`an IPv4 packet is at most 65535 bytes, this one would be ${totalLength}`);
  }
  const bytes = new Uint8Array(IPV4_HEADER_BYTES);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, 0x45); // version 4, IHL 5 words
  view.setUint8(1, (fields.tos ?? 0) & 0xff);
  view.setUint16(2, totalLength);
  view.setUint16(4, fields.identification & 0xffff);
  view.setUint16(6, DONT_FRAGMENT);
  view.setUint8(8, fields.ttl ?? DEFAULT_IP_TTL);
  view.setUint8(9, fields.protocol ?? PROTOCOL_TCP);
  bytes.set(parseIpv4Address(fields.src), 12);
  bytes.set(parseIpv4Address(fields.dst), 16);
  // The header checksum covers the header only, computed with the field zero (RFC 791 §3.1).
  view.setUint16(10, internetChecksum(bytes));
  return bytes;
}

export interface DecodedIpv4 {
  readonly src: string;
  readonly dst: string;
  readonly identification: number;
  readonly ttl: number;
  readonly protocol: number;
  readonly dontFragment: boolean;
  readonly headerChecksumOk: boolean;
  /** The bytes the total length says the packet carries after its header. */
  readonly payload: Uint8Array;
}

export function decodeIpv4(bytes: Uint8Array): DecodedIpv4 {
  if (bytes.length < IPV4_HEADER_BYTES) {
    throw new Error(`an IPv4 header is at least 20 bytes, got ${bytes.length}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint8(0) >>> 4;
  if (version !== 4) throw new Error(`expected an IPv4 packet, found IP version ${version}`);
  const headerLength = (view.getUint8(0) & 0x0f) * 4;
  const totalLength = view.getUint16(2);
  if (headerLength < IPV4_HEADER_BYTES || totalLength < headerLength) {
    throw new Error(`IPv4 header length ${headerLength} or total length ${totalLength} is wrong`);
  }
  if (totalLength > bytes.length) {
    throw new Error(
      `IPv4 total length is ${totalLength} but only ${bytes.length} bytes were captured`,
    );
  }
  return {
    src: formatIpv4Address(bytes.subarray(12, 16)),
    dst: formatIpv4Address(bytes.subarray(16, 20)),
    identification: view.getUint16(4),
    ttl: view.getUint8(8),
    protocol: view.getUint8(9),
    dontFragment: (view.getUint16(6) & DONT_FRAGMENT) !== 0,
    headerChecksumOk: internetChecksum(bytes.subarray(0, headerLength)) === 0,
    payload: bytes.subarray(headerLength, totalLength),
  };
}
