/**
 * A segment resent with no timer behind it because the peer's SACK blocks showed data after it
 * had arrived (fast retransmit, RFC 6675 §4; Linux's RACK): the peer's latest segment to the
 * sender before the resend reports SACKed data beyond the resent one.
 */
import type { SendEvent } from '../../sim/trace';
import { firingBehind } from './timer-lookup';
import type { TraceFacts } from './trace-facts';

/** The peer's SACKed bytes beyond the resent segment, when a SACK caused this resend. */
export function sackedBeyond(e: SendEvent, facts: TraceFacts): number | undefined {
  if (e.retransmit === 0 || firingBehind(e, facts) !== undefined) return undefined;
  for (let i = facts.sends.indexOf(e) - 1; i >= 0; i--) {
    const s = facts.sends[i];
    if (s === undefined || s.from !== e.to || s.src !== e.dst || s.dst !== e.src) continue;
    let bytes = 0;
    for (const o of s.options) {
      if (o.kind !== 'sack') continue;
      for (const [left, right] of o.blocks) {
        if (((left - e.seq) | 0) > 0) bytes += (right - left) >>> 0;
      }
    }
    return bytes > 0 ? bytes : undefined;
  }
  return undefined;
}
