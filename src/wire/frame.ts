/** A whole frame for one segment: Ethernet II + IPv4 + TCP, and back. */
import type { Segment } from '../engine';
import type { SendEvent } from '../sim/trace';
import { parseEndpoint } from './address';
import { PROTOCOL_TCP } from './checksum';
import {
  decodeEthernetFrame,
  encodeEthernetFrame,
  ETHERTYPE_IPV4,
  macForAddress,
} from './ethernet';
import { decodeIpv4, encodeIpv4Header } from './ipv4';
import { bytesOfSendEvent } from './send-event';
import { decodeSegment } from './tcp-header';

/** The frame a send event puts on the wire, with the IPv4 identification given. */
export function frameOfSendEvent(e: SendEvent, identification: number): Uint8Array {
  const tcp = bytesOfSendEvent(e).bytes;
  const src = parseEndpoint(e.src).address;
  const dst = parseEndpoint(e.dst).address;
  const ip = encodeIpv4Header({ src, dst, identification, payloadLength: tcp.length });
  const packet = new Uint8Array(ip.length + tcp.length);
  packet.set(ip, 0);
  packet.set(tcp, ip.length);
  return encodeEthernetFrame(macForAddress(src), macForAddress(dst), packet);
}

export interface DecodedFrame {
  /** "address:port" as the trace writes it. */
  readonly src: string;
  readonly dst: string;
  readonly identification: number;
  readonly ttl: number;
  readonly segment: Segment;
  /** Both the IPv4 header checksum and the TCP checksum verify. */
  readonly checksumsOk: boolean;
}

/** Reads an Ethernet II frame carrying IPv4 and TCP; anything else is a clear error. */
export function decodeFrame(frame: Uint8Array): DecodedFrame {
  const ethernet = decodeEthernetFrame(frame);
  if (ethernet.etherType !== ETHERTYPE_IPV4) {
    throw new Error(
      `frame carries ethertype 0x${ethernet.etherType.toString(16).padStart(4, '0')}, not IPv4`,
    );
  }
  const ip = decodeIpv4(ethernet.payload);
  if (ip.protocol !== PROTOCOL_TCP) {
    throw new Error(`IPv4 packet carries protocol ${ip.protocol}, not TCP (6)`);
  }
  const tcp = decodeSegment(ip.payload, { src: ip.src, dst: ip.dst });
  return {
    src: `${ip.src}:${tcp.segment.srcPort}`,
    dst: `${ip.dst}:${tcp.segment.dstPort}`,
    identification: ip.identification,
    ttl: ip.ttl,
    segment: tcp.segment,
    checksumsOk: ip.headerChecksumOk && tcp.checksumOk === true,
  };
}
