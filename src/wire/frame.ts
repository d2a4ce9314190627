/** A whole frame for one segment: Ethernet II + IPv4 or IPv6 + TCP, and back. */
import { formatEndpoint, ipFamily, type Segment } from '../engine';
import type { SendEvent } from '../sim/trace';
import { parseEndpoint } from './address';
import { PROTOCOL_TCP } from './checksum';
import { PROTOCOL_UDP } from './protocols';
import { encapsulateInUdp } from './udp';
import {
  decodeEthernetFrame,
  encodeEthernetFrame,
  ETHERTYPE_IPV4,
  ETHERTYPE_IPV6,
  macForAddress,
} from './ethernet';
import { decodeIpv4, encodeIpv4Header } from './ipv4';
import { decodeIpv6, encodeIpv6Header, flowLabelOf } from './ipv6';
import { bytesOfSendEvent } from './send-event';
import { decodeSegment } from './tcp-header';

/**
 * The IP header a send event's segment travels under, with the TTL and TOS its sender chose.
 * Over IPv4 it carries the identification given; over IPv6 there is none (RFC 8200 §3), and
 * the flow label is the connection's.
 */
export function ipHeaderOfSendEvent(
  e: SendEvent,
  identification: number,
  tcpLength: number,
  protocol = PROTOCOL_TCP,
): Uint8Array {
  const src = parseEndpoint(e.src).address;
  const dst = parseEndpoint(e.dst).address;
  const ttl = e.ip?.ttl;
  const tos = e.ip?.tos;
  return ipFamily(src) === 6
    ? encodeIpv6Header({
        src,
        dst,
        payloadLength: tcpLength,
        flowLabel: flowLabelOf(e.src, e.dst),
        hopLimit: ttl,
        trafficClass: tos,
        protocol,
      })
    : encodeIpv4Header({ src, dst, identification, payloadLength: tcpLength, ttl, tos, protocol });
}

/**
 * The frame a send event puts on the wire: Ethernet II, the IP header, the TCP segment, in a
 * UDP datagram when the segment travels over UDP (udp.ts).
 */
export function frameOfSendEvent(e: SendEvent, identification: number): Uint8Array {
  // The segment first: its errors name the send event (bytesOfSendEvent).
  const tcp = bytesOfSendEvent(e).bytes;
  const src = parseEndpoint(e.src).address;
  const dst = parseEndpoint(e.dst).address;
  const body = e.udp ? encapsulateInUdp(tcp, e.udp, src, dst) : tcp;
  const ip = ipHeaderOfSendEvent(
    e,
    identification,
    body.length,
    e.udp ? PROTOCOL_UDP : PROTOCOL_TCP,
  );
  const packet = new Uint8Array(ip.length + body.length);
  packet.set(ip, 0);
  packet.set(body, ip.length);
  const etherType = ipFamily(src) === 6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4;
  return encodeEthernetFrame(macForAddress(src), macForAddress(dst), packet, etherType);
}

export interface DecodedFrame {
  /** "address:port" as the trace writes it (an IPv6 address in brackets). */
  readonly src: string;
  readonly dst: string;
  readonly ipVersion: 4 | 6;
  /** The IPv4 identification; 0 over IPv6, whose header has none. */
  readonly identification: number;
  /** Time to live (IPv4) or hop limit (IPv6). */
  readonly ttl: number;
  readonly segment: Segment;
  /** The TCP checksum verifies, and over IPv4 the header checksum too. */
  readonly checksumsOk: boolean;
}

/** Reads an Ethernet II frame carrying IPv4 or IPv6 and TCP; anything else is a clear error. */
export function decodeFrame(frame: Uint8Array): DecodedFrame {
  const ethernet = decodeEthernetFrame(frame);
  const { etherType } = ethernet;
  if (etherType !== ETHERTYPE_IPV4 && etherType !== ETHERTYPE_IPV6) {
    throw new Error(
      `frame carries ethertype 0x${etherType.toString(16).padStart(4, '0')}, not IPv4 or IPv6`,
    );
  }
  const v6 = etherType === ETHERTYPE_IPV6;
  const ip = v6 ? decodeIpv6(ethernet.payload) : decodeIpv4(ethernet.payload);
  if (ip.protocol !== PROTOCOL_TCP) {
    throw new Error(`${v6 ? 'IPv6' : 'IPv4'} packet carries protocol ${ip.protocol}, not TCP (6)`);
  }
  const tcp = decodeSegment(ip.payload, { src: ip.src, dst: ip.dst });
  return {
    src: formatEndpoint(ip.src, tcp.segment.srcPort),
    dst: formatEndpoint(ip.dst, tcp.segment.dstPort),
    ipVersion: v6 ? 6 : 4,
    identification: 'identification' in ip ? ip.identification : 0,
    ttl: 'ttl' in ip ? ip.ttl : ip.hopLimit,
    segment: tcp.segment,
    checksumsOk: ('headerChecksumOk' in ip ? ip.headerChecksumOk : true) && tcp.checksumOk === true,
  };
}
