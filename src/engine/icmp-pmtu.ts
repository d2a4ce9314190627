/**
 * Path MTU Discovery's TCP side (RFC 1191 for IPv4, RFC 8201 for IPv6; RFC 9293 §3.7.2): a
 * router's "fragmentation needed" or "packet too big" gives the MTU of the link the segment did
 * not fit; the connection's segments shrink to fit it, and what was lost to it goes again at
 * once (Linux tcp_v4_mtu_reduced() / tcp_v6_mtu_reduced() → tcp_sync_mss() and
 * tcp_simple_retransmit(); FreeBSD tcp_mtudisc()).
 */
import { isSynchronized, type Conn } from './conn';
import { sendSegment } from './emit';
import type { IpFamily } from './ip-address';
import { IP_HEADER_BYTES } from './ip-family';
import { flush } from './output';
import { synTimeout } from './rtt';
import { seqLt } from './seq';
import { setTimer, type Ctx } from './step';
import { Flag } from './types';

const TCP_HEADER_BYTES = 20;
/** RFC 1191 §3: a host never reduces its estimate below 68 octets, RFC 791's minimum. */
const IPV4_MIN_MTU = 68;
/** Linux net.ipv4.route.min_pmtu (ip_rt_min_pmtu, 512 + 20 + 20): __ip_rt_update_pmtu() raises a smaller MTU to it. */
const LINUX_IPV4_MIN_PMTU = 552;
/** RFC 8201 §4: an IPv6 path MTU is never below 1280 (RFC 8200 §5); tcp_v6_err() ignores smaller ones. */
const IPV6_MIN_MTU = 1280;
/** Linux's advertised-MSS floors, ip_rt_min_advmss (256) and ip6_rt_min_advmss (1280 − 60). */
const LINUX_MIN_ADVMSS: Readonly<Record<IpFamily, number>> = { 4: 256, 6: 1220 };

/** The MTU the link itself has: the MSS the profile advertises plus the headers (RFC 9293 §3.7.1). */
function linkMtu(ctx: Ctx, family: IpFamily): number {
  return ctx.profile.mss + IP_HEADER_BYTES[family] + TCP_HEADER_BYTES;
}

/** An ICMP message says the path carries `mtu` bytes (its `family`'s packets) at most. */
export function pathMtuReduced(d: Conn, ctx: Ctx, family: IpFamily, mtu: number): void {
  if (family === 6 && mtu < IPV6_MIN_MTU) return;
  const linux = ctx.profile.icmpErrors === 'linux';
  const pmtu = family === 4 ? Math.max(mtu, linux ? LINUX_IPV4_MIN_PMTU : IPV4_MIN_MTU) : mtu;
  // Only a smaller MTU counts (RFC 1191 §6.3; Linux: icsk_pmtu_cookie > mtu): a forged or
  // stale message must not grow the segments.
  if (pmtu >= (d.pathMtu ?? linkMtu(ctx, family))) return;
  d.pathMtu = pmtu;
  d.pathMss = Math.max(ctx.profile.minSendMss, pmtu - IP_HEADER_BYTES[family] - TCP_HEADER_BYTES);
  if (d.state === 'SYN-SENT') {
    if (linux) {
      // tcp_advertise_mss(): the MSS option follows the route's MTU (dst_metric_advmss()).
      // RFC 1191 §3.1 would keep advertising what this host can reassemble.
      const advmss = Math.max(d.pathMss, LINUX_MIN_ADVMSS[family]);
      if (advmss < d.offer.mss) d.offer = { ...d.offer, mss: advmss };
    }
    // A Fast Open SYN with data was too big: the SYN goes again at once, without the data
    // (tcp_simple_retransmit() marks everything lost when syn_fastopen, commit c31b70c9968f).
    // A bare SYN always fits, and waits for its timer.
    if (d.synData > 0) resendSyn(d, ctx);
    return;
  }
  if (isSynchronized(d.state) && seqLt(d.sndUna, d.sndNxt)) {
    // The segments in flight did not fit: send them again from SND.UNA, smaller, without
    // waiting for the timer and without backing it off.
    d.rtxNext = d.sndUna;
    d.rtxRound = Math.max(1, d.rtxRound);
    d.rttSeq = null; // Karn (RFC 6298 §3): no sample from retransmitted data
    flush(d, ctx);
  }
}

/**
 * The SYN again, now: not a timeout, so neither the backoff nor the SYN retry count moves; the
 * timer restarts with the current timeout (tcp_xmit_retransmit_queue() → tcp_reset_xmit_timer()).
 */
function resendSyn(d: Conn, ctx: Ctx): void {
  sendSegment(d, ctx, Flag.SYN, d.iss, undefined, d.synTransmits);
  d.rttSeq = null;
  setTimer(d, ctx, 'retransmit', ctx.now + synTimeout(ctx.profile, d.synTransmits, false));
}
