/**
 * What the IP family under a connection changes in TCP: the room the IP header takes, and so
 * the MSS a host advertises on its interface (RFC 9293 §3.7.1: the MTU less the IP and TCP
 * headers; Linux tcp_mtu_to_mss(), FreeBSD tcp_mssopt()), and the send MSS it assumes when
 * the peer's SYN carries no MSS option (RFC 9293 §3.7.1 MUST-15: 536 for IPv4, 1220 for IPv6;
 * Linux's mss_clamp in tcp_v4_connect() and tcp_v6_connect(), FreeBSD tcp_mssdflt and
 * tcp_v6mssdflt).
 */
import type { IpFamily } from './ip-address';
import type { Profile } from './profiles';

/** The fixed IP header: IPv4 without options (RFC 791 §3.1), IPv6 without extensions (RFC 8200 §3). */
export const IP_HEADER_BYTES: Readonly<Record<IpFamily, number>> = { 4: 20, 6: 40 };

/** The Ethernet MTU every simulated interface has (RFC 894). */
export const ETHERNET_MTU = 1500;

/** The MSS of a host on Ethernet: the MTU less the IP and TCP headers, 1460 or 1440 (RFC 9293 §3.7.1). */
export function ethernetMss(family: IpFamily): number {
  return ETHERNET_MTU - IP_HEADER_BYTES[family] - 20;
}

/** The send MSS assumed without an MSS option: the minimum datagram each family carries, less 40 or 60. */
export const DEFAULT_SEND_MSS: Readonly<Record<IpFamily, number>> = { 4: 536, 6: 1220 };

/**
 * A profile, whose numbers are those of an IPv4 interface, for a host of `family`: over IPv6
 * the header is 20 bytes longer, so on the same 1500-byte Ethernet MTU the MSS is 1440.
 */
export function profileForFamily(profile: Profile, family: IpFamily): Profile {
  if (family === 4) return profile;
  const mss = profile.mss - (IP_HEADER_BYTES[6] - IP_HEADER_BYTES[4]);
  return {
    ...profile,
    mss,
    defaultPeerMss: DEFAULT_SEND_MSS[6],
    synWindow: synWindowForMss(profile, mss),
  };
}

/**
 * A SYN window in whole MSS (Linux's 64240 = 44 × 1460) was rounded down from half the
 * receive buffer (tcp_select_initial_window(): "quantize space offering to a multiple of
 * mss"), so it moves with the MSS: 45 × 1440 = 64800 over IPv6. A window that is no multiple
 * of the MSS (the RFC's and FreeBSD's 65535) was not rounded and stays.
 */
function synWindowForMss(profile: Profile, mss: number): number {
  if (profile.synWindow % profile.mss !== 0) return profile.synWindow;
  return Math.min(65535, Math.floor(profile.receiveBuffer / 2 / mss) * mss);
}
