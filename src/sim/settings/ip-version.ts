/**
 * The IP version setting: the same scenario between IPv4 hosts or IPv6 hosts. TCP does not
 * change with the IP version, only the header under it (RFC 8200 §3), so the MSS a host
 * announces on a 1500-byte MTU (1460 over IPv4, 1440 over IPv6, RFC 9293 §3.7.1) and the
 * pseudo-header its checksum covers (RFC 8200 §8.1); the engine derives both from the
 * addresses, so an IPv6 run needs only IPv6 addresses.
 *
 * Each IPv4 address a.b.c.d becomes 2001:db8:a:b:c::d in the documentation prefix
 * 2001:db8::/32 (RFC 3849), each byte's decimal digits written as one group, so a reader finds
 * 10.0.1.11 in 2001:db8:10:0:1::11. Distinct IPv4 addresses give distinct IPv6 ones, so a load
 * balancer's virtual and internal addresses stay apart from its backends, and a spoofed range
 * from 198.51.100.1 becomes the consecutive IPv6 range from 2001:db8:198:51:100::1, which no
 * endpoint's address falls in either.
 */
import { canonicalAddress, ethernetMss, ipFamily } from '../../engine';
import type { Scenario } from '../scenario';

export const IP_VERSIONS = ['ipv4', 'ipv6'] as const;
export type IpVersionName = (typeof IP_VERSIONS)[number];

/** RFC 3849: the IPv6 prefix reserved for documentation, as IPv4's 10/8 and TEST-NETs are used here. */
export const DOCUMENTATION_PREFIX = '2001:db8';

/** 10.0.0.1 → 2001:db8:10::1 (each byte's decimal digits as one group; canonical, RFC 5952). */
export function ipv6OfIpv4(address: string): string {
  const groups = address.split('.');
  const mapped = canonicalAddress(
    `${DOCUMENTATION_PREFIX}:${groups.slice(0, 3).join(':')}::${groups[3] ?? ''}`,
  );
  if (ipFamily(address) !== 4 || groups.length !== 4 || mapped === undefined) {
    throw new Error(`"${address}" is not a dotted-quad IPv4 address such as 10.0.0.1`);
  }
  return mapped;
}

/** Every address a scenario gives a host or a packet: endpoints, load balancer, spoofed sources. */
function addressesOf(scenario: Scenario): string[] {
  return [
    ...scenario.endpoints.map((e) => e.address),
    ...(scenario.balancer ? [scenario.balancer.address, scenario.balancer.internalAddress] : []),
    ...scenario.inject.map((i) => i.fromAddress),
  ];
}

/** The version a scenario runs over: IPv6 as soon as one of its addresses is. */
export function ipVersionOf(scenario: Scenario): IpVersionName {
  return addressesOf(scenario).some((a) => ipFamily(a) === 6) ? 'ipv6' : 'ipv4';
}

/**
 * Why a scenario cannot run over `version` (a clause after its name: "handshake-ipv6 runs over
 * IPv6 only: …"), or undefined when it can. Every IPv4 address has an
 * IPv6 form, but an IPv6 address has no IPv4 one: a scenario written with IPv6 addresses runs
 * over IPv6 only.
 */
export function ipVersionProblem(scenario: Scenario, version: IpVersionName): string | undefined {
  if (version === 'ipv6' || ipVersionOf(scenario) === 'ipv4') return undefined;
  return 'runs over IPv6 only: its hosts have IPv6 addresses, which have no IPv4 form';
}

/**
 * The scenario over `version`: every address in its IPv6 form for IPv6, the scenario itself when
 * it already runs over `version`. An error for a version it cannot run over (ipVersionProblem).
 */
export function withIpVersion(scenario: Scenario, version: IpVersionName): Scenario {
  if (ipVersionOf(scenario) === version) return scenario;
  const problem = ipVersionProblem(scenario, version);
  if (problem !== undefined) throw new Error(`The scenario ${problem}.`);
  const { balancer } = scenario;
  return {
    ...scenario,
    endpoints: scenario.endpoints.map((e) => ({ ...e, address: ipv6OfIpv4(e.address) })),
    inject: scenario.inject.map((i) => ({ ...i, fromAddress: ipv6OfIpv4(i.fromAddress) })),
    ...(balancer
      ? {
          balancer: {
            ...balancer,
            address: ipv6OfIpv4(balancer.address),
            internalAddress: ipv6OfIpv4(balancer.internalAddress),
          },
        }
      : {}),
  };
}

/**
 * A preset's description as it reads over `version`: over IPv6, each IPv4 address it names in
 * its IPv6 form, and the Ethernet MSS of IPv4 ("MSS 1460") as IPv6's ("MSS 1440"), so the
 * paragraph beside the diagram names what the diagram shows. An MSS the scenario sets (1400)
 * is not the link's and stays.
 */
export function describedOver(text: string, version: IpVersionName): string {
  if (version === 'ipv4') return text;
  return text
    .replace(/\b\d{1,3}(?:\.\d{1,3}){3}\b/g, (address) =>
      canonicalAddress(address) === undefined ? address : ipv6OfIpv4(address),
    )
    .replace(new RegExp(`\\bMSS ${ethernetMss(4)}\\b`, 'g'), `MSS ${ethernetMss(6)}`);
}
