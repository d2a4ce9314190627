/**
 * The IP-level fields a socket chooses for the packets it sends: the IPv4 TTL or IPv6 hop
 * limit, and the IPv4 type of service or IPv6 traffic class (RFC 791 §3.1; RFC 8200 §3). A
 * socket sets them with IP_TTL and IP_TOS (IPv4) or IPV6_UNICAST_HOPS and IPV6_TCLASS (IPv6);
 * unset, the stack's default TTL (profile ipTtl) and TOS 0 apply. Every segment the socket
 * sends carries them, its RSTs included (FreeBSD tcp_respond() takes inp_ip_ttl and
 * inp_ip_tos from the connection's inpcb; Linux ip_send_unicast_reply() from the socket).
 */
import type { Profile } from './profiles';

/** The default TTL and hop limit of every profile: Linux net.ipv4.ip_default_ttl and
 * net.ipv6.conf.*.hop_limit, FreeBSD net.inet.ip.ttl (IPDEFTTL) and net.inet6.ip6.hlim
 * (IPV6_DEFHLIM), and the value RFC 1700 ("Assigned Numbers") recommends: 64. */
export const DEFAULT_IP_TTL = 64;

/** What a packet's IP header says beyond its addresses. */
export interface IpFields {
  /** IPv4 TTL or IPv6 hop limit. */
  readonly ttl: number;
  /** IPv4 type-of-service byte or IPv6 traffic class (DSCP and the ECN bits). */
  readonly tos: number;
}

/** A socket's IP options; an option not set leaves the stack's default. */
export interface IpOptions {
  readonly ttl?: number;
  readonly tos?: number;
}

/** ECT(0), the ECN codepoint of an ECN-capable transport (RFC 3168 §5). */
export const ECT0 = 0x02;
const ECN_MASK = 0x03;

/**
 * The IP fields of a packet sent under these options, or undefined for the default header
 * (TTL DEFAULT_IP_TTL, TOS 0), which a packet leaves unsaid. `ect` marks the packet ECT(0) in
 * the ECN bits, whatever the socket's TOS has there (FreeBSD tcp_ecn_output_flags(), Linux
 * INET_ECN_xmit(); a TOS option sets the DSCP, the stack owns the ECN field).
 */
export function ipFieldsFor(
  options: IpOptions | null,
  profile: Profile,
  ect = false,
): IpFields | undefined {
  const ttl = options?.ttl ?? profile.ipTtl;
  const dscp = (options?.tos ?? 0) & ~ECN_MASK;
  const tos = ect ? dscp | ECT0 : (options?.tos ?? 0);
  return ttl === DEFAULT_IP_TTL && tos === 0 ? undefined : { ttl, tos };
}
