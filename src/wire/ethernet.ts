/**
 * Ethernet II framing (IEEE 802.3 with a type field; ethertype 0x0800 is IPv4, RFC 894).
 * The simulated hosts have no real interfaces, so each gets a made-up MAC address that is
 * locally administered and unicast (first byte 0x02), built from its IPv4 address so that
 * the same endpoint always has the same MAC.
 */
import { parseIpv4Address } from './address';

export const ETHERNET_HEADER_BYTES = 14;
export const ETHERTYPE_IPV4 = 0x0800;

/** 02:00:a:b:c:d for the IPv4 address a.b.c.d. */
export function macForAddress(ipv4: string): Uint8Array {
  return Uint8Array.of(0x02, 0x00, ...parseIpv4Address(ipv4));
}

export function formatMac(mac: Uint8Array): string {
  return Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join(':');
}

/**
 * A frame without preamble and FCS, as libpcap stores it. Frames shorter than Ethernet's
 * 60-byte minimum are not padded: captures taken on the sending host look the same way.
 */
export function encodeEthernetFrame(
  src: Uint8Array,
  dst: Uint8Array,
  payload: Uint8Array,
): Uint8Array {
  const frame = new Uint8Array(ETHERNET_HEADER_BYTES + payload.length);
  frame.set(dst, 0);
  frame.set(src, 6);
  frame[12] = ETHERTYPE_IPV4 >>> 8;
  frame[13] = ETHERTYPE_IPV4 & 0xff;
  frame.set(payload, ETHERNET_HEADER_BYTES);
  return frame;
}

export interface DecodedEthernetFrame {
  readonly dst: string;
  readonly src: string;
  readonly etherType: number;
  readonly payload: Uint8Array;
}

export function decodeEthernetFrame(frame: Uint8Array): DecodedEthernetFrame {
  if (frame.length < ETHERNET_HEADER_BYTES) {
    throw new Error(`an Ethernet frame has a 14-byte header, got ${frame.length} bytes`);
  }
  return {
    dst: formatMac(frame.subarray(0, 6)),
    src: formatMac(frame.subarray(6, 12)),
    etherType: ((frame[12] ?? 0) << 8) | (frame[13] ?? 0),
    payload: frame.subarray(ETHERNET_HEADER_BYTES),
  };
}
