/**
 * From a captured frame to its TCP segment, whatever link it was captured on: Ethernet II (with
 * 802.1Q/802.1ad VLAN tags), Linux cooked capture v1 and v2 (tcpdump -i any), raw IP and BSD
 * loopback; IPv4 or IPv6 inside. Link-type numbers are tcpdump.org's LINKTYPE_ values.
 */
import type { Segment } from '../engine';
import { formatEndpoint } from './address';
import { PROTOCOL_TCP } from './protocols';
import { decodeIpv4 } from './ipv4';
import { decodeIpv6 } from './ipv6';
import { decodeSegment } from './tcp-header';

export const LINKTYPE = {
  NULL: 0,
  ETHERNET: 1,
  RAW: 101,
  /** DLT_RAW as OpenBSD and some old libpcaps number it in files. */
  RAW_BSD: 12,
  RAW_BSD_ALT: 14,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

const SUPPORTED = new Set<number>(Object.values(LINKTYPE));

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const VLAN_TAGS = new Set([0x8100, 0x88a8, 0x9100]);

export function linkTypeSupported(linkType: number): boolean {
  return SUPPORTED.has(linkType);
}

export interface TcpPacket {
  /** "address:port", IPv6 addresses in brackets. */
  readonly src: string;
  readonly dst: string;
  readonly ipVersion: 4 | 6;
  readonly segment: Segment;
  /** The TCP checksum (and IPv4's header checksum) verify. Offloaded sends often do not. */
  readonly checksumsOk: boolean;
  /** Time to live (IPv4) or hop limit (IPv6). */
  readonly ttl: number;
}

/** Why a frame holds no TCP segment the lab can draw, or the segment. */
export type DecodedPacket =
  | { readonly kind: 'tcp'; readonly packet: TcpPacket }
  | { readonly kind: 'other'; readonly what: string };

/** The IP packet inside a frame, by link type; `other` for anything that is not IP. */
function ipPayload(linkType: number, frame: Uint8Array): Uint8Array | string {
  const be16 = (at: number) => ((frame[at] ?? 0) << 8) | (frame[at + 1] ?? 0);
  const short = (n: number, what: string) => {
    if (frame.length < n) throw new Error(`a ${what} header is ${n} bytes, got ${frame.length}`);
  };
  let etherType: number;
  let at: number;
  switch (linkType) {
    case LINKTYPE.ETHERNET:
      short(14, 'Ethernet');
      at = 12;
      while (VLAN_TAGS.has(be16(at))) {
        short(at + 6, 'VLAN-tagged Ethernet');
        at += 4;
      }
      etherType = be16(at);
      at += 2;
      break;
    case LINKTYPE.LINUX_SLL:
      short(16, 'Linux cooked capture');
      etherType = be16(14);
      at = 16;
      break;
    case LINKTYPE.LINUX_SLL2:
      short(20, 'Linux cooked capture v2');
      etherType = be16(0);
      at = 20;
      break;
    case LINKTYPE.NULL: {
      short(4, 'loopback');
      // The address family, in the byte order of the machine that captured it.
      const family = frame[0] === 0 ? be16(2) : (frame[0] ?? 0);
      if (family === 2) return frame.subarray(4);
      if ([24, 28, 30].includes(family)) return frame.subarray(4);
      return `loopback family ${family}`;
    }
    default:
      return frame;
  }
  if (etherType === ETHERTYPE_IPV4 || etherType === ETHERTYPE_IPV6) return frame.subarray(at);
  return `ethertype 0x${etherType.toString(16).padStart(4, '0')}`;
}

export function decodePacket(linkType: number, frame: Uint8Array): DecodedPacket {
  const ip = ipPayload(linkType, frame);
  if (typeof ip === 'string') return { kind: 'other', what: ip };
  const version = (ip[0] ?? 0) >>> 4;
  if (version === 4) {
    const v4 = decodeIpv4(ip);
    if (v4.protocol !== PROTOCOL_TCP)
      return { kind: 'other', what: `IPv4 protocol ${v4.protocol}` };
    const tcp = decodeSegment(v4.payload, { src: v4.src, dst: v4.dst });
    return {
      kind: 'tcp',
      packet: {
        src: formatEndpoint(v4.src, tcp.segment.srcPort),
        dst: formatEndpoint(v4.dst, tcp.segment.dstPort),
        ipVersion: 4,
        segment: tcp.segment,
        checksumsOk: v4.headerChecksumOk && tcp.checksumOk === true,
        ttl: v4.ttl,
      },
    };
  }
  if (version === 6) {
    const v6 = decodeIpv6(ip);
    if (v6.protocol !== PROTOCOL_TCP)
      return { kind: 'other', what: `IPv6 next header ${v6.protocol}` };
    const tcp = decodeSegment(v6.payload, { src: v6.src, dst: v6.dst });
    return {
      kind: 'tcp',
      packet: {
        src: formatEndpoint(v6.src, tcp.segment.srcPort),
        dst: formatEndpoint(v6.dst, tcp.segment.dstPort),
        ipVersion: 6,
        segment: tcp.segment,
        checksumsOk: tcp.checksumOk === true,
        ttl: v6.hopLimit,
      },
    };
  }
  throw new Error(`the packet is neither IPv4 nor IPv6 (version ${version})`);
}
