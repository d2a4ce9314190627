/**
 * Initial sequence numbers (RFC 9293 §3.4.1): ISN = M + F(localip, localport, remoteip,
 * remoteport, secretkey), where M is a clock ticking every 4 microseconds and F a keyed
 * hash, so that a new incarnation of the same 4-tuple starts beyond the old one while an
 * off-path attacker cannot guess it. `now` is the caller's virtual time in milliseconds.
 */
import { absorb, addressWords, finish } from './hash';
import { seq } from './seq';
import type { Seq } from './types';

export type IsnConfig = { readonly mode: 'fixed'; readonly value: number } | IsnRfc;
export interface IsnRfc {
  readonly mode: 'rfc';
  readonly key: number;
}

export interface FourTuple {
  readonly localAddress: string;
  readonly localPort: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
}

/** M: the 4-µs clock of RFC 9293 §3.4.1, wrapping modulo 2^32. */
export function isnClock(now: number): number {
  return Math.floor(now * 250) >>> 0;
}

/**
 * F: keyed hash of the connection's 4-tuple, keyedHash of the words local address, local
 * port, remote address, remote port, salt, absorbed one by one without a list of them
 * (a list per hash, or one emptied and refilled, was garbage per connection).
 */
export function tupleHash(key: number, t: FourTuple, salt = 0): number {
  const local = addressWords(t.localAddress);
  const remote = addressWords(t.remoteAddress);
  let h = key | 0;
  for (const w of local) h = absorb(h, w | 0);
  h = absorb(h, t.localPort | 0);
  for (const w of remote) h = absorb(h, w | 0);
  h = absorb(h, t.remotePort | 0);
  h = absorb(h, salt | 0);
  return finish(h, local.length + remote.length + 3);
}

/** The ISN for a new connection, by the host's configured generator. */
export function chooseIsn(config: IsnConfig, tuple: FourTuple, now: number): Seq {
  if (config.mode === 'fixed') return seq(config.value);
  return seq(isnClock(now) + tupleHash(config.key, tuple));
}

/**
 * Per-connection timestamp offset (Linux "use random offset for each connection"): keyed
 * like the ISN in 'rfc' mode, zero with fixed ISNs so textbook traces read TS val = ms.
 */
export function timestampOffset(config: IsnConfig, tuple: FourTuple): number {
  return config.mode === 'fixed' ? 0 : tupleHash(config.key, tuple, 0x7453);
}
