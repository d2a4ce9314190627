/**
 * Fifth check of §3.10.7.4: the ACK field, per state (RFC 9293 §3.10.7.4 fifth,
 * RFC 5961 §5).
 */
import { advanceUna, finAcked } from './ack';
import { duplicateAck, isDuplicateAck, newDataAcked } from './congestion';
import type { Conn } from './conn';
import { sendAck, sendSegment } from './emit';
import { enterEstablished, takeWindow } from './handshake';
import type { Incoming } from './incoming';
import { probeAnswered } from './probe-timer';
import { notePeerSacks } from './sack-recovery';
import { seqAdd, seqDiff, seqGt, seqLeq, seqLt } from './seq';
import { setState, setTimer, type Ctx } from './step';
import { Flag, type Segment } from './types';

/** Returns false when processing stops here. */
export function checkAck(d: Conn, v: Incoming, ctx: Ctx): boolean {
  const seg = v.seg;
  if (!(seg.flags & Flag.ACK)) return false; // "if the ACK bit is off, drop the segment"
  if (d.state === 'SYN-RECEIVED' && !synReceivedAck(d, v, ctx)) return false;
  if (seqGt(seg.ack, d.sndNxt)) {
    // "If the ACK acks something not yet sent (SEG.ACK > SND.NXT), then send an ACK,
    // drop the segment, and return." Linux drops it silently (profile).
    if (ctx.profile.ackAboveSndNxt === 'ack') sendAck(d, ctx);
    return false;
  }
  if (ctx.profile.rfc5961 && seqLt(seg.ack, seqAdd(d.sndUna, -d.maxSndWnd))) {
    // RFC 5961 §5: an ACK older than SND.UNA − MAX.SND.WND is a blind injection attempt.
    sendAck(d, ctx);
    return false;
  }
  const recovering = d.cc.inRecovery;
  notePeerSacks(d, ctx, seg);
  if (seqLt(d.sndUna, seg.ack)) {
    const acked = seqDiff(seg.ack, d.sndUna);
    advanceUna(d, ctx, seg);
    // RFC 5681 §3.1, RFC 6582 §3.2; not when this very ACK's SACK blocks started the recovery.
    if (recovering || !d.cc.inRecovery) newDataAcked(d, ctx, acked);
  } else if (isDuplicateAck(d, v)) {
    duplicateAck(d, ctx); // RFC 5681 §3.2
  } else if (seg.ack === d.sndUna && d.sndWnd === 0) d.retries = 0; // the peer is alive
  if (seqLeq(d.sndUna, seg.ack)) {
    if (windowUpdateAllowed(d, seg)) takeWindow(d, seg);
    // Linux tcp_ack(): an ACK below SND.UNA goes to old_ack before icsk_probes_out is zeroed.
    probeAnswered(d, ctx);
  }
  return closingAck(d, ctx);
}

/**
 * SYN-RECEIVED: "If SND.UNA < SEG.ACK =< SND.NXT, then enter ESTABLISHED state";
 * otherwise answer <SEQ=SEG.ACK><CTL=RST>.
 */
function synReceivedAck(d: Conn, v: Incoming, ctx: Ctx): boolean {
  const seg = v.seg;
  if (seqLt(d.sndUna, seg.ack) && seqLeq(seg.ack, d.sndNxt)) {
    takeWindow(d, seg);
    advanceUna(d, ctx, seg);
    enterEstablished(d, ctx, 'received ACK of our SYN,ACK (RFC 9293 §3.10.7.4)');
    return true;
  }
  sendSegment(d, ctx, Flag.RST, seg.ack);
  return false;
}

/** SND.WL1 < SEG.SEQ, or SND.WL1 = SEG.SEQ and SND.WL2 =< SEG.ACK: not an old window. */
export function windowUpdateAllowed(d: Readonly<Conn>, seg: Segment): boolean {
  return seqLt(d.sndWl1, seg.seq) || (d.sndWl1 === seg.seq && seqLeq(d.sndWl2, seg.ack));
}

/** The closing states' extra ACK processing; false when the TCB is gone. */
function closingAck(d: Conn, ctx: Ctx): boolean {
  if (!finAcked(d)) return true;
  switch (d.state) {
    case 'FIN-WAIT-1':
      setState(d, ctx, 'FIN-WAIT-2', 'our FIN was acknowledged (RFC 9293 §3.10.7.4)');
      if (d.appClosed && ctx.profile.finWait2TimeoutMs !== null) {
        setTimer(d, ctx, 'fin-wait-2', ctx.now + ctx.profile.finWait2TimeoutMs);
      }
      return true;
    case 'CLOSING':
      setState(d, ctx, 'TIME-WAIT', 'our FIN was acknowledged in CLOSING (RFC 9293 §3.10.7.4)');
      return true;
    case 'LAST-ACK':
      setState(d, ctx, 'CLOSED', 'our FIN was acknowledged in LAST-ACK (RFC 9293 §3.10.7.4)');
      return false;
    default:
      return true;
  }
}
