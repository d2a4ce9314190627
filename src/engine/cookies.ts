/**
 * SYN cookies (RFC 4987 §3.6): when a listener's SYN queue is full, the SYN-ACK's ISN
 * encodes what the server must remember, and no state is kept. Layout of the 32 bits:
 * 5 bits of a 64-second counter, 3 bits of an MSS table index, 24 bits of a keyed hash of
 * the 4-tuple, the counter and the client's ISN. Window scale, SACK and timestamps are
 * not encoded, so a cookie connection runs without them (docs/engine.md).
 */
import { addressWords, keyedHash } from './hash';
import type { FourTuple } from './isn';
import { seq } from './seq';
import type { Seq } from './types';

/** MSS values a cookie can carry (Linux msstab uses the same idea). */
export const COOKIE_MSS = [536, 1200, 1440, 1460] as const;
const PERIOD_MS = 64000;
const COOKIE_SALT = 0x636f6f6b;

function period(now: number): number {
  return Math.floor(now / PERIOD_MS);
}

function cookieHash(key: number, t: FourTuple, counter: number, peerIsn: number): number {
  return (
    keyedHash(key ^ COOKIE_SALT, [
      ...addressWords(t.localAddress),
      t.localPort,
      ...addressWords(t.remoteAddress),
      t.remotePort,
      counter,
      peerIsn,
    ]) & 0xffffff
  );
}

/** The largest table MSS not above the peer's. */
export function cookieMssIndex(peerMss: number): number {
  let idx = 0;
  COOKIE_MSS.forEach((m, i) => {
    if (m <= peerMss) idx = i;
  });
  return idx;
}

export function makeCookie(
  key: number,
  t: FourTuple,
  peerIsn: Seq,
  peerMss: number,
  now: number,
): Seq {
  const counter = period(now);
  const hash = cookieHash(key, t, counter, peerIsn);
  return seq(((counter & 31) << 27) | (cookieMssIndex(peerMss) << 24) | hash);
}

/**
 * Checks the cookie in a returning ACK (SEG.ACK − 1 is the cookie, SEG.SEQ − 1 the
 * client's ISN); valid for the current and the previous period. Returns the MSS or null.
 */
export function checkCookie(
  key: number,
  t: FourTuple,
  cookie: Seq,
  peerIsn: Seq,
  now: number,
): number | null {
  const c = period(now);
  for (const counter of [c, c - 1]) {
    if (counter < 0 || ((cookie >>> 27) & 31) !== (counter & 31)) continue;
    if ((cookie & 0xffffff) !== cookieHash(key, t, counter, peerIsn)) continue;
    return COOKIE_MSS[(cookie >>> 24) & 3] ?? null;
  }
  return null;
}

/** What a cookie's 32 bits say, field by field (the layout at the top of this file). */
export function cookieFields(cookie: number): {
  counter: number;
  mssIndex: number;
  mss: number | undefined;
  hash: number;
} {
  const mssIndex = (cookie >>> 24) & 7;
  return {
    counter: (cookie >>> 27) & 31,
    mssIndex,
    mss: COOKIE_MSS[mssIndex],
    hash: cookie & 0xffffff,
  };
}
