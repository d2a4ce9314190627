import { DEFAULT_IP_TTL } from '../../engine';
/**
 * The inspector's IP header rows: the header a segment travels under, as Download capture
 * writes it (src/wire/frame.ts builds both), each field with the reason for its value. IPv4
 * (RFC 791 §3.1) or IPv6 (RFC 8200 §3), by the endpoints' addresses.
 */
import type { SendEvent } from '../../sim/trace';
import { splitEndpoint } from '../../wire/address';
import { identificationOf } from '../../wire/capture';
import { ipHeaderOfSendEvent } from '../../wire/frame';
import type { TraceFacts } from '../format/trace-facts';
import { bytes, The, the } from '../format/words';
import type { FieldRow } from './field-rows';

export function ipRows(e: SendEvent, facts: TraceFacts, tcpLength: number): FieldRow[] {
  const header = ipHeaderOfSendEvent(e, identificationOf(facts.sends, e), tcpLength);
  return ((header[0] ?? 0) >> 4 === 6 ? ipv6Rows : ipv4Rows)(e, header, tcpLength);
}

const row = (id: string, name: string, value: string, why: string, alt?: string): FieldRow => ({
  id: `ip:${id}`,
  name,
  value,
  why,
  group: 'ip',
  ...(alt === undefined ? {} : { alt }),
});

/** An address row: a long IPv6 address may wrap in a narrow inspector. */
const address = (id: string, name: string, value: string, why: string): FieldRow => ({
  ...row(id, name, value, why),
  breakable: true,
});

const be16 = (b: Uint8Array, at: number) => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const hex = (n: number, digits: number) => `0x${n.toString(16).padStart(digits, '0')}`;

function addressRows(e: SendEvent): FieldRow[] {
  const src = splitEndpoint(e.src).address;
  const dst = splitEndpoint(e.dst).address;
  return [
    address('src', 'Source address', src, `${The(e.from)}'s address: replies come back to it.`),
    address(
      'dst',
      'Destination address',
      dst,
      `${The(e.to)}'s address; with the source, it is part of the pseudo-header the TCP checksum covers, so a segment delivered to the wrong host fails its checksum.`,
    ),
  ];
}

function ipv6Rows(e: SendEvent, h: Uint8Array, tcpLength: number): FieldRow[] {
  const first = ((h[0] ?? 0) << 24) | ((h[1] ?? 0) << 16) | ((h[2] ?? 0) << 8) | (h[3] ?? 0);
  const trafficClass = (first >>> 20) & 0xff;
  const flowLabel = first & 0xfffff;
  return [
    row(
      'version',
      'Version',
      '6',
      'IPv6 (RFC 8200 §3): both hosts have IPv6 addresses. The header is a fixed 40 bytes, twice IPv4’s 20, which is why the MSS is 20 bytes smaller on the same link.',
    ),
    row(
      'trafficClass',
      'Traffic class',
      hex(trafficClass, 2),
      e.ip?.tos
        ? `${tosWhy(e.ip.tos, 'IPV6_TCLASS')} (RFC 8200 §7). IPv4 carries the same byte as its type of service.`
        : 'DSCP 0, the default forwarding class, and ECN 0, not ECN-capable: the lab marks no packet (RFC 8200 §7, RFC 3168 §5). IPv4 carries the same byte as its type of service.',
    ),
    row(
      'flowLabel',
      'Flow label',
      hex(flowLabel, 5),
      `The same for every packet from ${the(e.from)} to ${the(e.to)} on this connection: a hash of its addresses and ports, as Linux sets one by default (net.ipv6.auto_flowlabels). Routers may use it to keep a flow on one path without reading the TCP header (RFC 6437 §3).`,
    ),
    row(
      'payloadLength',
      'Payload length',
      `${be16(h, 4)}`,
      `The ${bytes(tcpLength)} after this header: the TCP segment. Unlike IPv4’s total length, it does not count the header itself (RFC 8200 §3).`,
    ),
    row(
      'nextHeader',
      'Next header',
      `${h[6] ?? 0}`,
      '6, TCP: no extension headers come between this header and the segment (RFC 8200 §4). It is IPv4’s protocol field under another name.',
      'TCP',
    ),
    row(
      'hopLimit',
      'Hop limit',
      `${h[7] ?? 0}`,
      `Each router on the way takes one off and drops the packet at 0, so a routing loop cannot keep it forever; IPv4 calls it time to live. ${ttlSource(e, 'IPV6_UNICAST_HOPS')} (RFC 8200 §3).`,
    ),
    ...addressRows(e),
  ];
}

function ipv4Rows(e: SendEvent, h: Uint8Array, tcpLength: number): FieldRow[] {
  const flags = be16(h, 6);
  return [
    row('version', 'Version', '4', 'IPv4 (RFC 791 §3.1): both hosts have IPv4 addresses.'),
    row(
      'ihl',
      'Header length',
      `${(h[0] ?? 0) & 0xf}`,
      '5 × 4 = 20 bytes: the fixed header with no IP options (RFC 791 §3.1).',
      '20 bytes',
    ),
    row(
      'tos',
      'DSCP and ECN',
      hex(h[1] ?? 0, 2),
      e.ip?.tos
        ? `${tosWhy(e.ip.tos, 'IP_TOS')}.`
        : 'DSCP 0, the default forwarding class, and ECN 0, not ECN-capable: the lab marks no packet (RFC 2474, RFC 3168 §5).',
    ),
    row(
      'totalLength',
      'Total length',
      `${be16(h, 2)}`,
      `The 20-byte header plus the ${bytes(tcpLength)} of TCP segment (RFC 791 §3.1).`,
    ),
    row(
      'identification',
      'Identification',
      `${be16(h, 4)}`,
      `Numbers ${the(e.from)}’s packets in order. Only fragments are put back together by it, and this packet may not be fragmented (DF below), so any value serves (RFC 6864 §4.1).`,
    ),
    row(
      'flags',
      'IP flags',
      hex(flags >>> 13, 1),
      'DF, don’t fragment: a router that cannot forward the packet whole drops it and says so, which is how the path’s MTU is found (RFC 1191). More fragments is clear.',
      'DF',
    ),
    row(
      'fragmentOffset',
      'Fragment offset',
      `${flags & 0x1fff}`,
      '0: the packet is whole, not a fragment of a larger one (RFC 791 §3.1).',
    ),
    row(
      'ttl',
      'Time to live',
      `${h[8] ?? 0}`,
      `Each router on the way takes one off and drops the packet at 0, so a routing loop cannot keep it forever; ${ttlSource(e, 'IP_TTL')} (RFC 791 §3.2).`,
    ),
    row(
      'protocol',
      'Protocol',
      `${h[9] ?? 0}`,
      '6, TCP: what the IP payload is (RFC 791 §3.1).',
      'TCP',
    ),
    row(
      'headerChecksum',
      'Header checksum',
      hex(be16(h, 10), 4),
      'Covers the IP header only, recomputed by each router as the TTL changes; the data is the TCP checksum’s job (RFC 791 §3.1).',
    ),
    ...addressRows(e),
  ];
}

/** Where the TTL / hop limit came from: the socket's option, or the stacks' default. */
function ttlSource(e: SendEvent, option: string): string {
  return e.ip && e.ip.ttl !== DEFAULT_IP_TTL
    ? `the sending socket set ${e.ip.ttl} with ${option}`
    : `${DEFAULT_IP_TTL} is Linux’s and FreeBSD’s default`;
}

/** What a DSCP/ECN byte other than 0 says: the socket's option, the stack's ECT(0) mark. */
function tosWhy(tos: number, option: string): string {
  const dscp = tos >>> 2;
  const ecn = tos & 3;
  const parts: string[] = [];
  if (dscp !== 0) parts.push(`DSCP ${dscp}: the sending socket set it with ${option} (RFC 2474)`);
  if (ecn === 2) {
    parts.push(
      'ECN 2, ECT(0): the connection agreed ECN, so its new data says a router may mark it instead of dropping it (RFC 3168 §6.1.2)',
    );
  } else if (ecn !== 0) parts.push(`ECN ${ecn} (RFC 3168 §5)`);
  return parts.join('; ');
}
