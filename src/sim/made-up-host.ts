import { profileForFamily, profiles, type IpFamily } from '../engine';

/**
 * The window and MSS in a SYN from a host the world makes up rather than runs (a flood's spoofed
 * sources, a load balancer's health checks): a Linux host on Ethernet. Its MSS is the MTU less
 * the headers of its family (RFC 9293 §3.7.1), and its SYN window is whole MSS, so it moves with
 * the family: 64240 = 44 × 1460 over IPv4, 64800 = 45 × 1440 over IPv6 (Linux
 * tcp_select_initial_window()).
 */
export function madeUpHostSyn(family: IpFamily): { readonly window: number; readonly mss: number } {
  const host = profileForFamily(profiles.linux, family);
  return { window: host.synWindow, mss: host.mss };
}
