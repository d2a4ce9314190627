/**
 * Round-trip estimation and the retransmission timeout (RFC 6298).
 */
import type { Conn } from './conn';
import type { Ctx } from './step';
import type { Profile } from './profiles';

/** RFC 6298 §2.2 / §2.3 with alpha = 1/8, beta = 1/4, K = 4; G is the timestamp tick. */
export function addRttSample(d: Conn, profile: Profile, r: number): void {
  const sample = Math.max(r, 0);
  if (d.srtt === null) {
    d.srtt = sample;
    d.rttvar = sample / 2;
  } else {
    d.rttvar = 0.75 * d.rttvar + 0.25 * Math.abs(d.srtt - sample);
    d.srtt = 0.875 * d.srtt + 0.125 * sample;
  }
  // RFC 6298 §2.4 bounds the RTO by the profile's minimum; Linux bounds its variance term
  // instead (tcp_rtt_estimator(): rttvar_us >= mdev_max_us >= tcp_rto_min; tcp_set_rto():
  // RTO = SRTT + rttvar), so its RTO is at least SRTT + the minimum. FreeBSD adds its slop
  // before the bounds (TCPT_RANGESET()).
  const variance = Math.max(profile.tsTickMs, 4 * d.rttvar);
  const rto =
    profile.rtoMinBounds === 'variance'
      ? d.srtt + Math.max(profile.rtoMinMs, variance) + profile.rtoSlopMs
      : Math.max(profile.rtoMinMs, d.srtt + variance + profile.rtoSlopMs);
  // RFC 6298 §2.5: the upper bound.
  d.rto = Math.min(profile.rtoMaxMs, rto);
}

/** The current timeout: the RTO doubled once per consecutive expiry, capped (§5.5). */
export function currentTimeout(d: Readonly<Conn>, profile: Profile): number {
  return Math.min(profile.rtoMaxMs, d.rto * 2 ** d.backoff);
}

/**
 * The wait after the n-th transmission of a SYN or SYN-ACK (n = 1 for the first):
 * rtoInitial × synBackoff[n − 1] for a SYN (`synAck` false), synAckBackoff[n − 1] for a
 * SYN-ACK, the last multiplier repeating, capped at the RTO max.
 */
export function synTimeout(profile: Profile, transmits: number, synAck: boolean): number {
  const table = synAck ? profile.synAckBackoff : profile.synBackoff;
  const factor = table[Math.min(transmits - 1, table.length - 1)] ?? 1;
  return Math.min(profile.rtoMaxMs, profile.rtoInitialMs * factor);
}

/** RFC 6298 §5.7: after a retransmitted SYN, data starts with a 3-second RTO. */
export function rtoAfterHandshake(d: Conn, ctx: Ctx): void {
  if (d.synTransmits > 1 && d.srtt === null) {
    d.rto = Math.max(d.rto, ctx.profile.rtoAfterSynRetransmitMs);
  }
}
