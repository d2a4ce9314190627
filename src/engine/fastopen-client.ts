/**
 * The Fast Open client (RFC 7413 §4.1.3, §4.2.1): what a connect with data puts in its SYN,
 * and what the client keeps from the SYN-ACK for its next connection. The cache follows the
 * stack the profile names (`fastOpenClient`):
 * - linux: one entry per server address in the TCP metrics (tcp_fastopen_cache_set(),
 *   tcp_fastopen_cache_get()): the latest valid cookie, the server's MSS, and whether to ask
 *   in the experimental option next time (try_exp).
 * - freebsd: one entry per {client address, server address, server port} in the client cookie
 *   cache (tcp_fastopen_ccache_*): a cookie and MSS, or a path disabled for
 *   net.inet.tcp.fastopen.path_disable_time (900 s) after a failure.
 */
import { FastOpenBits, type FastOpenOption } from './fastopen';
import type { Profile } from './profiles';
import type { FourTuple } from './isn';

/** One entry of the client's cookie cache. */
export interface CachedCookie {
  /** The cookie to send; empty when there is none (a cookie request). */
  readonly cookie: readonly number[];
  /** The cookie arrived in the experimental option (kind 254): send it back that way. */
  readonly experimental: boolean;
  /** The server's MSS from its last SYN-ACK, or null when none was learned. */
  readonly mss: number | null;
  /**
   * Linux try_exp: 1 = ask for a cookie in the experimental option next time, 2 = went back
   * to kind 34 after that failed too (tcp_rcv_fastopen_synack()).
   */
  readonly tryExp: 0 | 1 | 2;
  /** FreeBSD: when the path was disabled (ms), or null when it is usable. */
  readonly disabledAt: number | null;
}

/** RFC 7413 §4.1.1: a cookie is 4 to 16 bytes, an even number (TCP_FASTOPEN_COOKIE_MIN/MAX). */
export function validCookieLength(length: number): boolean {
  return length >= 4 && length <= 16 && length % 2 === 0;
}

/** net.inet.tcp.fastopen.path_disable_time default (TCP_FASTOPEN_PATH_DISABLE_TIME_DEFAULT). */
const FREEBSD_PATH_DISABLE_MS = 900_000;

/** Linux MAX_TCP_OPTION_SPACE: tcp_send_syn_data() keeps room for 40 bytes of options. */
const MAX_OPTION_SPACE = 40;

/** The cache key: Linux keys TCP metrics by server address, FreeBSD by the whole path. */
export function cacheKey(profile: Profile, tuple: FourTuple): string {
  return profile.fastOpenClient === 'freebsd'
    ? `${tuple.localAddress} ${tuple.remoteAddress} ${tuple.remotePort}`
    : tuple.remoteAddress;
}

/** What a Fast Open connect sends: the option (or none) and how much data the SYN may carry. */
export interface SynPlan {
  readonly option: FastOpenOption | null;
  /** Bytes of data the SYN may carry; 0 when it only asks for a cookie or Fast Open is off. */
  readonly room: number;
}

const NO_FAST_OPEN: SynPlan = { option: null, room: 0 };

/**
 * The SYN of a connect with data. Linux tcp_send_syn_data(): with a cached cookie (or
 * tcp_fastopen bit 0x4, no option at all) the SYN carries up to the cached MSS (bounded by
 * ours) less MAX_TCP_OPTION_SPACE; without one it asks for a cookie, in the experimental
 * option when try_exp is 1 (tcp_fastopen_cache_get()). FreeBSD tcp_fastopen_connect(): a
 * cookie goes with data up to the server's MSS less the options; no entry (or an expired
 * disabled one) asks for a cookie; a disabled path sends a plain SYN.
 */
export function planSyn(
  profile: Profile,
  entry: CachedCookie | undefined,
  ourMss: number,
  now: number,
): SynPlan {
  if (!(profile.fastOpen & FastOpenBits.CLIENT)) return NO_FAST_OPEN;
  const request: SynPlan = {
    option: { cookie: [], experimental: entry?.tryExp === 1 },
    room: 0,
  };
  if (profile.fastOpenClient === 'freebsd') {
    if (entry === undefined) return request;
    if (entry.disabledAt !== null) {
      return now - entry.disabledAt > FREEBSD_PATH_DISABLE_MS ? request : NO_FAST_OPEN;
    }
    if (entry.cookie.length === 0) return request;
    const mss = Math.min(entry.mss ?? ourMss, ourMss);
    return { option: { cookie: entry.cookie, experimental: false }, room: mss };
  }
  const room = Math.min(entry?.mss ?? ourMss, ourMss) - MAX_OPTION_SPACE;
  if (profile.fastOpen & FastOpenBits.CLIENT_NO_COOKIE) return { option: null, room };
  if (entry === undefined || entry.cookie.length === 0) return request;
  return { option: { cookie: entry.cookie, experimental: entry.experimental }, room };
}

/** What the client knows when the SYN-ACK for its Fast Open SYN arrives. */
export interface SynAckFacts {
  /** The option our SYN carried (null in Linux's no-cookie mode). */
  readonly sent: FastOpenOption | null;
  /** Bytes of data our SYN carried. */
  readonly synData: number;
  /** Whether the SYN-ACK acknowledged all of them. */
  readonly dataAcked: boolean;
  /** Whether our SYN had to be retransmitted. */
  readonly synRetransmitted: boolean;
  /** The SYN-ACK's Fast Open option (raw cookie bytes), or null. */
  readonly received: FastOpenOption | null;
  /** The SYN-ACK's MSS option, or null. */
  readonly mss: number | null;
  readonly now: number;
}

const EMPTY: CachedCookie = {
  cookie: [],
  experimental: false,
  mss: null,
  tryExp: 0,
  disabledAt: null,
};

/** The cache entry after the SYN-ACK (the entry itself when nothing changes). */
export function learnFromSynAck(
  profile: Profile,
  entry: CachedCookie | undefined,
  facts: SynAckFacts,
): CachedCookie | undefined {
  return profile.fastOpenClient === 'freebsd'
    ? freebsdLearn(entry, facts)
    : linuxLearn(entry ?? EMPTY, facts);
}

/**
 * Linux tcp_rcv_fastopen_synack() → tcp_fastopen_cache_set(): the SYN-ACK's MSS is kept;
 * a valid cookie replaces the old one (tcp_parse_fastopen_option() ignores odd lengths and
 * lengths outside 4..16, so the old cookie stays); when a cookie request got no cookie, the
 * next request tries the experimental option, and after that fails too kind 34 for good.
 * A SYN that carried no option (the no-cookie bit 0x4) asked for nothing: a cookie in its
 * SYN-ACK is unsolicited and ignored (!tp->syn_fastopen: "Ignore an unsolicited cookie").
 */
function linuxLearn(entry: CachedCookie, facts: SynAckFacts): CachedCookie {
  const got = facts.received;
  const valid = got !== null && validCookieLength(got.cookie.length);
  let next: CachedCookie = facts.mss !== null ? { ...entry, mss: facts.mss } : entry;
  if (facts.sent === null) return next;
  if (valid) {
    next = { ...next, cookie: got.cookie, experimental: got.experimental };
  } else if (facts.synData === 0 && !facts.synRetransmitted && (got?.cookie.length ?? 1) > 0) {
    // No cookie came back (an empty option is a zero-length cookie, not a refusal).
    const tryExp = facts.sent?.experimental ? 2 : 1;
    if (tryExp > next.tryExp && next.cookie.length === 0 && !next.experimental) {
      next = { ...next, tryExp };
    }
  }
  return next;
}

/**
 * FreeBSD tcp_input() in SYN-SENT: a SYN-ACK with the option updates the cache
 * (tcp_fastopen_update_cache(): a valid length stores cookie and MSS, another length disables
 * the path), one without disables the path (tcp_fastopen_disable_path()). When the SYN-ACK
 * acknowledges all the data the cookie carried, the cookie in use stays unless a valid one
 * replaces it, as the FreeBSD suite's client-handle-cookie-update-of-length and
 * client-server-not-updating-cookie scripts record.
 */
function freebsdLearn(
  entry: CachedCookie | undefined,
  facts: SynAckFacts,
): CachedCookie | undefined {
  const got = facts.received;
  const valid = got !== null && validCookieLength(got.cookie.length);
  if (valid) {
    return { ...EMPTY, cookie: got.cookie, mss: facts.mss ?? 536 };
  }
  if (facts.synData > 0 && facts.dataAcked) return entry;
  const disabledAt = entry?.disabledAt ?? facts.now;
  return { ...EMPTY, disabledAt };
}
