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

/**
 * The IP fields of a packet sent under these options, or undefined for the default header
 * (TTL DEFAULT_IP_TTL, TOS 0), which a packet leaves unsaid.
 */
export function ipFieldsFor(options: IpOptions | null, profile: Profile): IpFields | undefined {
  const ttl = options?.ttl ?? profile.ipTtl;
  const tos = options?.tos ?? 0;
  return ttl === DEFAULT_IP_TTL && tos === 0 ? undefined : { ttl, tos };
}
