/**
 * What an acceptable acknowledgment does on the send side: SND.UNA advances, acknowledged
 * bytes leave the send buffer, an RTT sample is taken, and the retransmission timer is
 * restarted or stopped (RFC 9293 §3.10.7.4 fifth, RFC 6298 §5.2–5.3, RFC 7323 §4).
 */
import type { Conn } from './conn';
import { findTimestamp } from './options';
import { tsNow } from './emit';
import { probeStateOnAck, scheduleLossProbe } from './loss-probe';
import { addRttSample, currentTimeout } from './rtt';
import { seqDiff, seqGeq, seqGt, seqLt } from './seq';
import { cancelTimer, setTimer, type Ctx } from './step';
import type { Seq, Segment } from './types';

export function advanceUna(d: Conn, ctx: Ctx, seg: Segment): void {
  const ack = seg.ack;
  takeRttSample(d, ctx, seg);
  const inBuffer = seqDiff(ack, d.sndBufSeq);
  if (inBuffer > 0) {
    const n = Math.min(inBuffer, d.sndBuf.length);
    d.sndBuf.drop(n);
    d.sndBufSeq = ((d.sndBufSeq + n) >>> 0) as Seq;
  }
  d.sndUna = ack;
  // The oldest data still unacknowledged was sent by now at the latest (the engine keeps no
  // per-segment send times; Linux takes the head skb's).
  d.unaSentAt = ctx.now;
  if (seqLt(d.rtxNext, ack)) d.rtxNext = ack;
  // A new acknowledgment ends the backoff (RFC 6298 §5.7 note; Linux resets it as well).
  d.backoff = 0;
  d.retries = 0;
  probeStateOnAck(d);
  if (d.sndUna === d.sndNxt) {
    cancelTimer(d, ctx, 'retransmit'); // §5.2
    cancelTimer(d, ctx, 'loss-probe');
  } else if (!scheduleLossProbe(d, ctx)) {
    // §5.3; Linux tcp_set_xmit_timer() schedules the tail-loss probe instead when it applies.
    cancelTimer(d, ctx, 'loss-probe');
    setTimer(d, ctx, 'retransmit', ctx.now + currentTimeout(d, ctx.profile));
  }
}

/**
 * RTT measurement: from the echoed timestamp when timestamps are in use (RFC 7323 §4.1,
 * valid even for retransmissions), otherwise from the one timed segment under Karn's rule.
 */
function takeRttSample(d: Conn, ctx: Ctx, seg: Segment): void {
  if (d.negotiated?.timestamps) {
    const ts = findTimestamp(seg.options);
    if (ts && ts.ecr !== 0) {
      const ticks = (tsNow(d, ctx) - ts.ecr) | 0;
      if (ticks >= 0) {
        addRttSample(d, ctx.profile, ticks * ctx.profile.tsTickMs);
        d.rttSeq = null;
        return;
      }
    }
  }
  if (d.rttSeq !== null && seqGeq(seg.ack, d.rttSeq)) {
    addRttSample(d, ctx.profile, ctx.now - d.rttStart);
    d.rttSeq = null;
  }
}

/** True when our FIN has been sent and acknowledged. */
export function finAcked(d: Readonly<Conn>): boolean {
  return d.finSeq !== null && seqGt(d.sndUna, d.finSeq);
}
