/**
 * What a Linux sender learns from the SACK blocks of an ACK: the peer holds data beyond a
 * hole (RFC 2018 §1). Linux leaves its Open state (tcp_fastretrans_alert()): no tail-loss
 * probe is scheduled until SND.UNA passes the SACKed data (TCP_CA_Disorder), and once enough
 * is SACKed beyond the hole it takes the hole's segment for lost and resends it at once
 * (RFC 6675 §4 IsLost; Linux's RACK, tcp_rack_mark_lost(), drops its reordering window once
 * tp->reordering = 3 segments are SACKed, tcp_rack_reo_wnd()). Only that first hole is
 * resent; later holes wait for the RTO (no further SACK-based recovery).
 */
import { enterFastRecovery } from './congestion';
import type { Conn } from './conn';
import { payloadMss, resendFrom } from './output';
import { currentTimeout } from './rtt';
import { seqDiff, seqGeq, seqGt, seqLeq } from './seq';
import { cancelTimer, setTimer, type Ctx } from './step';
import type { Segment, Seq } from './types';

/** RFC 6675 §2 DupThresh: SACKed data beyond a hole of more than (DupThresh − 1)·SMSS is loss. */
const DUP_THRESH = 3;

export function notePeerSacks(d: Conn, ctx: Ctx, seg: Segment): void {
  const { profile } = ctx;
  if (!profile.tailLossProbe && !profile.sackRecovery) return;
  const above = sackedAbove(d, seg);
  if (above === null) return;
  const recovering = d.lossRecovery;
  if (d.recoveryEnd === null || seqGt(above.end, d.recoveryEnd)) d.recoveryEnd = above.end;
  const lost = above.bytes > (DUP_THRESH - 1) * payloadMss(d) && seqGeq(seg.ack, d.sndUna);
  if (profile.sackRecovery && !recovering && lost) return fastRetransmit(d, ctx, seg.ack);
  if (d.lossProbeAt !== null) {
    // A pending probe gives way to the RTO at the time it would have fired (Linux arms RACK's
    // reordering timer there; the engine has no reordering timer).
    cancelTimer(d, ctx, 'loss-probe');
    const due = d.unaSentAt + currentTimeout(d, profile);
    setTimer(d, ctx, 'retransmit', Math.max(due, ctx.now + 1));
  }
}

/** The data SACKed beyond the ACK and within what was sent: its right end and its bytes. */
function sackedAbove(d: Readonly<Conn>, seg: Segment): { end: Seq; bytes: number } | null {
  let end: Seq | null = null;
  let bytes = 0;
  for (const o of seg.options) {
    if (o.kind !== 'sack') continue;
    for (const [left, right] of o.blocks) {
      // Beyond a hole: a block starting at the ACK itself (or a D-SACK below it) is none.
      if (!seqGt(left, seg.ack) || !seqGt(right, left) || !seqLeq(right, d.sndNxt)) continue;
      bytes += seqDiff(right, left);
      if (end === null || seqGt(right, end)) end = right;
    }
  }
  return end === null ? null : { end, bytes };
}

/**
 * Resends the segment at the hole and enters recovery until SND.UNA reaches SND.NXT as it is
 * (TCP_CA_Recovery, high_seq): one fast retransmit per recovery. The RTO restarts for the
 * resent head (tcp_xmit_retransmit_queue()).
 */
function fastRetransmit(d: Conn, ctx: Ctx, hole: Seq): void {
  enterFastRecovery(d, ctx, 'sack'); // RFC 6675 §5 step 4.2: ssthresh and cwnd as RFC 5681
  d.recoveryEnd = d.sndNxt;
  d.lossRecovery = true;
  resendFrom(d, ctx, hole, payloadMss(d), 1);
  cancelTimer(d, ctx, 'loss-probe');
  setTimer(d, ctx, 'retransmit', ctx.now + currentTimeout(d, ctx.profile));
}
