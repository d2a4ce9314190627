/**
 * Ethernet II framing (IEEE 802.3 with a type field; ethertype 0x0800 is IPv4, RFC 894;
 * 0x86DD is IPv6, RFC 2464). The simulated hosts have no real interfaces, so each gets a
 * made-up MAC address that is locally administered and unicast (first byte 0x02), built from
 * its IP address so that the same endpoint always has the same MAC.
 */
import { addressBytes } from '../engine';

export const ETHERNET_HEADER_BYTES = 14;
export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_IPV6 = 0x86dd;

/** 02:00:a:b:c:d for the IPv4 address a.b.c.d, or for an IPv6 address ending in a:b:c:d. */
export function macForAddress(address: string): Uint8Array {
  return Uint8Array.of(0x02, 0x00, ...addressBytes(address).subarray(-4));
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
  etherType: number = ETHERTYPE_IPV4,
): Uint8Array {
  const frame = new Uint8Array(ETHERNET_HEADER_BYTES + payload.length);
  frame.set(dst, 0);
  frame.set(src, 6);
  frame[12] = etherType >>> 8;
  frame[13] = etherType & 0xff;
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
