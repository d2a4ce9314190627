/**
 * What a packet line says beyond the TCP header: the IP fields before its flags (`(ttl 4)`,
 * `(tos 0x20)`, `(hlim 6)`, `(class 0xe0)`, `[ect0]`). The TTL / hop limit and the TOS /
 * traffic class are the engine's (a socket's IP_TTL, IP_TOS and IPv6 twins, and the ECT(0)
 * mark of ECN data, ip-fields.ts) and are checked; the flow label and an arriving CE mark are
 * said not applicable, with the reason. The UDP encapsulation and the TCP-MD5 option are
 * md5-udp-lines.ts's.
 */
import { DEFAULT_IP_TTL, type IpFields } from '../../engine';
import type { IpSpec, PacketSpec } from '../../wire/packetdrill/ast';

const ECN_MASK = 0x03;
const CE = 0x03;

/** Why the runner cannot play or check this line, or null when it can. */
export function notModeled(spec: PacketSpec): string | null {
  const ip = spec.ip;
  if (!ip) return null;
  if (ip.flowLabel !== null) return 'the IPv6 flow label is not modeled';
  if (
    spec.direction === 'inbound' &&
    ip.tos !== null &&
    (ip.tos.value & ip.tos.mask & ECN_MASK) === CE
  ) {
    return 'a CE mark on an arriving packet (RFC 3168 §5) is not modeled';
  }
  return null;
}

/** The IP fields of a packet the script injects (the TTL and TOS it names, else the defaults). */
export function inboundIp(ip: IpSpec | undefined): IpFields | undefined {
  if (!ip || (ip.ttl === null && ip.tos === null)) return undefined;
  return { ttl: ip.ttl ?? DEFAULT_IP_TTL, tos: ip.tos?.value ?? 0 };
}

/** Differences between the IP fields the line names and those the engine's packet carries. */
export function ipMismatches(ip: IpSpec | undefined, actual: IpFields | undefined): string[] {
  if (!ip) return [];
  const ttl = actual?.ttl ?? DEFAULT_IP_TTL;
  const tos = actual?.tos ?? 0;
  const out: string[] = [];
  if (ip.ttl !== null && ip.ttl !== ttl) out.push(`ttl: expected ${ip.ttl} vs actual ${ttl}`);
  if (ip.tos !== null && (tos & ip.tos.mask) !== ip.tos.value) {
    out.push(`tos: expected ${hex(ip.tos.value)} vs actual ${hex(tos & ip.tos.mask)}`);
  }
  const ect = tos & ECN_MASK;
  if (ip.ect01 && ect !== 1 && ect !== 2) {
    out.push(`ecn: expected ECT(0) or ECT(1) vs actual ${hex(ect)}`);
  }
  return out;
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(2, '0')}`;
}
