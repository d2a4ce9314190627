/**
 * The link a script runs over: its IP version (`--ip_version`) and MTU (`--mtu`). Both decide
 * the MSS the engine advertises, as a kernel derives it from the interface: the MTU less the IP
 * header (20 bytes for IPv4, 40 for IPv6, RFC 8200 §3) and the 20-byte TCP header (RFC 9293
 * §3.7.1; Linux tcp_mtu_to_mss(), FreeBSD tcp_mssopt()). The send MSS assumed when the peer's
 * SYN has no MSS option follows the family too: 536 for IPv4, 1220 for IPv6 (RFC 9293 §3.7.1
 * MUST-15; FreeBSD tcp_mssdflt / tcp_v6mssdflt, Linux's mss_clamp in tcp_v4_connect() and
 * tcp_v6_connect()).
 */
import { DEFAULT_SEND_MSS, IP_HEADER_BYTES, type IpFamily, type Profile } from '../../engine';

export type IpVersion = 'ipv4' | 'ipv6';

export interface Link {
  readonly ipVersion: IpVersion;
  /** Interface MTU in bytes; packetdrill's tun device uses 1500 unless `--mtu` says otherwise. */
  readonly mtu: number;
}

export const DEFAULT_LINK: Link = { ipVersion: 'ipv4', mtu: 1500 };

const TCP_HEADER_BYTES = 20;
const FAMILY: Readonly<Record<IpVersion, IpFamily>> = { ipv4: 4, ipv6: 6 };

/** Smallest MTU a TCP segment with one byte fits in; IPv6 links have at least 1280 (RFC 8200 §5). */
const MIN_MTU: Readonly<Record<IpVersion, number>> = { ipv4: 41, ipv6: 1280 };
/** The IPv4 total-length and IPv6 payload-length fields are 16 bits. */
const MAX_MTU = 65535;

/** The MSS a host advertises on this link. */
export function advertisedMss(link: Link): number {
  return link.mtu - IP_HEADER_BYTES[FAMILY[link.ipVersion]] - TCP_HEADER_BYTES;
}

/** The profile numbers the link decides; nothing when the link is packetdrill's default. */
export function linkProfile(link: Link): Partial<Profile> {
  if (link.ipVersion === DEFAULT_LINK.ipVersion && link.mtu === DEFAULT_LINK.mtu) return {};
  return { mss: advertisedMss(link), defaultPeerMss: DEFAULT_SEND_MSS[FAMILY[link.ipVersion]] };
}

export type LinkVerdict =
  | { readonly status: 'applied'; readonly reason: string }
  | { readonly status: 'not-applicable'; readonly reason: string };

/** `--ip_version=ipv4|ipv6`. packetdrill's ipv4-mapped-ipv6 is not modeled. */
export function ipVersionOption(value: string, link: { ipVersion: IpVersion }): LinkVerdict {
  if (value === 'ipv4' || value === 'ipv6') {
    link.ipVersion = value;
    const header = IP_HEADER_BYTES[FAMILY[value]];
    return {
      status: 'applied',
      reason:
        value === 'ipv4'
          ? 'IPv4'
          : `IPv6: the advertised MSS leaves room for the ${header}-byte IPv6 header, the default send MSS is 1220, and the addresses are packetdrill's IPv6 ones unless --local_ip / --remote_ip say otherwise`,
    };
  }
  return {
    status: 'not-applicable',
    reason: `--ip_version=${value}: only ipv4 and ipv6 are modeled; the script runs over IPv4`,
  };
}

/** `--mtu=N`: the tun device's MTU, from which the advertised MSS follows. */
export function mtuOption(value: string, link: { mtu: number }): LinkVerdict {
  const mtu = Number(value);
  if (!/^\d+$/.test(value) || mtu < MIN_MTU.ipv4 || mtu > MAX_MTU) {
    return {
      status: 'not-applicable',
      reason: `--mtu=${value}: an MTU is a whole number of bytes from ${MIN_MTU.ipv4} to ${MAX_MTU}`,
    };
  }
  link.mtu = mtu;
  return { status: 'applied', reason: `MTU ${mtu}: the advertised MSS follows from it` };
}

/** Checks the pair once both options are read: an IPv6 link needs an MTU of 1280 or more. */
export function linkProblem(link: Link): string | null {
  if (link.mtu < MIN_MTU[link.ipVersion]) {
    return `--mtu=${link.mtu} is below the ${MIN_MTU[link.ipVersion]} bytes every ${link.ipVersion === 'ipv6' ? 'IPv6' : 'IPv4'} link carries`;
  }
  return null;
}
