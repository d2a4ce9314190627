/**
 * First check of §3.10.7.4: is the segment acceptable? (RFC 9293 §3.10.7.4 "First, check
 * sequence number", Table 6; RFC 7323 §5.3 PAWS.) Trims it to the window when it is.
 */
import type { Conn } from './conn';
import { acceptanceWindow, sendAck, sendChallengeAck } from './emit';
import { sendSynAck } from './handshake';
import type { Incoming } from './incoming';
import { findTimestamp } from './options';
import { inWindow, seqAdd, seqDiff, seqLeq } from './seq';
import { setTimer, type Ctx } from './step';
import { Flag, type Seq } from './types';

/** Returns false when the segment must be dropped (after any reply it calls for). */
export function checkSequence(d: Conn, v: Incoming, ctx: Ctx): boolean {
  const seg = v.seg;
  const rst = (seg.flags & Flag.RST) !== 0;
  if (duplicateSynInSynReceived(d, v, ctx)) return false;
  if (!rst && failsPaws(d, v)) {
    sendAck(d, ctx);
    return false;
  }
  trimOldSyn(d, v);
  const wnd = acceptanceWindow(d, ctx);
  const segLen = v.data.length + (v.syn ? 1 : 0) + (v.fin ? 1 : 0);
  if (!acceptable(v.seq, segLen, d.rcvNxt, wnd)) {
    if (zeroWindowAllowance(d, v, wnd)) return true;
    if (rst) return false;
    retransmittedFinInTimeWait(d, v, ctx);
    // RFC 2883 §4.1.1: an old duplicate's text is reported in a D-SACK block.
    if (v.data.length > 0 && seqLeq(seqAdd(v.seq, v.data.length), d.rcvNxt)) {
      d.dsack = [v.seq, seqAdd(v.seq, v.data.length)];
    }
    if (keepsAckOfOldDuplicate(d, v, segLen, ctx)) return true;
    // A SYN outside the window: RFC 5961 §4.2 answers a SYN "irrespective of the sequence
    // number" with a challenge ACK, which is also the bare <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>
    // this check sends (FreeBSD tcp_input() tests SYN before trimming; Linux
    // tcp_validate_incoming() jumps to syn_challenge).
    if (v.syn) sendChallengeAck(d, ctx);
    else sendAck(d, ctx);
    return false;
  }
  trimToWindow(d, v, wnd);
  updateTsRecent(d, v);
  return true;
}

/** Table 6 of RFC 9293 §3.10.7.4. */
export function acceptable(s: Seq, segLen: number, r: Seq, wnd: number): boolean {
  if (segLen === 0) return wnd === 0 ? s === r : inWindow(s, r, wnd);
  if (wnd === 0) return false;
  return inWindow(s, r, wnd) || inWindow(seqAdd(s, segLen - 1), r, wnd);
}

/**
 * "If the RCV.WND is zero, no segments will be acceptable, but special allowance should be
 * made to accept valid ACKs, URGs, and RSTs": a segment at RCV.NXT keeps its control
 * fields and loses its text, which is answered by an ACK showing the closed window.
 */
function zeroWindowAllowance(d: Conn, v: Incoming, wnd: number): boolean {
  if (wnd !== 0 || v.seq !== d.rcvNxt || v.syn) return false;
  v.data = v.data.subarray(0, 0);
  v.fin = false;
  d.ackNow = true;
  return true;
}

/**
 * A peer that did not hear our SYN-ACK sends its SYN again (SEG.SEQ = IRS). The RFC's
 * sequence check answers with an ACK; Linux and FreeBSD send the SYN-ACK again (profile).
 */
function duplicateSynInSynReceived(d: Conn, v: Incoming, ctx: Ctx): boolean {
  const seg = v.seg;
  if (d.state !== 'SYN-RECEIVED' || !v.syn || seg.flags & (Flag.ACK | Flag.RST)) return false;
  if (seg.seq !== d.irs) return false;
  if (ctx.profile.duplicateSynInSynReceived === 'syn-ack') sendSynAck(d, ctx, d.synTransmits);
  else sendAck(d, ctx);
  return true;
}

/**
 * A SYN at IRS is the peer's old SYN again (a SYN,ACK in a simultaneous open, or one whose
 * ACK we sent was lost). Its SYN lies before the window and is trimmed off, as §3.10.7.4
 * allows ("trimming off any portions that lie outside the window (including SYN and
 * FIN)"); the rest is processed and the duplicate is acknowledged. A bare SYN (no ACK)
 * after SYN-RECEIVED is not an old handshake segment but a SYN outside the window, which
 * draws the challenge ACK below (RFC 5961 §4.2; FreeBSD tcp_do_segment() tests TH_SYN
 * before trimming, Linux tcp_validate_incoming() jumps to syn_challenge): under profile
 * finInAcks that ACK must not repeat the FIN.
 */
function trimOldSyn(d: Conn, v: Incoming): void {
  if (!v.syn || v.seq !== d.irs) return;
  if (!(v.seg.flags & Flag.ACK) && d.state !== 'SYN-RECEIVED') return;
  v.syn = false;
  v.seq = seqAdd(v.seq, 1);
  d.ackNow = true;
}

/**
 * An old duplicate (wholly before RCV.NXT) is answered with an ACK either way. The RFC then
 * drops it, ACK field and all; real stacks still process its ACK (profile oldSegmentAck).
 * Without that, two BSD ends in CLOSING whose every ACK repeats its FIN (finInAcks) would
 * drop each other's acknowledgment of their FINs forever. The segment is trimmed to nothing
 * at RCV.NXT, so only its ACK (and its timestamp) go on to the later checks.
 */
function keepsAckOfOldDuplicate(d: Conn, v: Incoming, segLen: number, ctx: Ctx): boolean {
  const mode = ctx.profile.oldSegmentAck;
  if (mode === 'drop' || v.syn || !(v.seg.flags & Flag.ACK)) return false;
  const end = seqAdd(v.seq, segLen);
  if (mode === 'at-edge' ? end !== d.rcvNxt : !seqLeq(end, d.rcvNxt)) return false;
  updateTsRecent(d, v);
  v.data = v.data.subarray(0, 0);
  v.fin = false;
  v.seq = d.rcvNxt;
  d.ackNow = true;
  return true;
}

/** RFC 7323 §5.3: a timestamp older than TS.Recent marks an old duplicate. */
function failsPaws(d: Conn, v: Incoming): boolean {
  if (!d.negotiated?.timestamps) return false;
  const ts = findTimestamp(v.seg.options);
  return ts !== null && ((ts.val - d.tsRecent) | 0) < 0;
}

/**
 * RFC 9293 §3.10.7.4 eighth, TIME-WAIT: a retransmitted FIN restarts the 2 MSL timeout
 * (its ACK is the one the unacceptable segment gets anyway).
 */
function retransmittedFinInTimeWait(d: Conn, v: Incoming, ctx: Ctx): void {
  if (d.state !== 'TIME-WAIT' || !v.fin) return;
  if (seqAdd(v.seq, v.data.length + 1) !== d.rcvNxt) return;
  setTimer(d, ctx, 'time-wait', ctx.now + ctx.profile.timeWaitMs);
}

/**
 * "Trimming off any portions that lie outside the window (including SYN and FIN)": an
 * old SYN or old bytes at the front (and an ACK is owed for the duplicate), bytes or a
 * FIN beyond the right edge at the back.
 */
function trimToWindow(d: Conn, v: Incoming, wnd: number): void {
  let front = seqDiff(d.rcvNxt, v.seq);
  if (front > 0) {
    if (v.syn) {
      v.syn = false;
      front--;
      v.seq = seqAdd(v.seq, 1);
    }
    const cut = Math.min(front, v.data.length);
    if (cut > 0) d.dsack = [v.seq, seqAdd(v.seq, cut)]; // RFC 2883 §4: text received twice
    v.data = v.data.subarray(cut);
    v.seq = seqAdd(v.seq, cut);
    d.ackNow = true;
  }
  const room = wnd - seqDiff(v.seq, d.rcvNxt);
  if (v.data.length > room) {
    v.data = v.data.subarray(0, Math.max(0, room));
    v.fin = false;
  } else if (v.fin && v.data.length === room) {
    v.fin = false;
  }
}

/** RFC 7323 §4.3: TS.Recent follows SEG.TSval when SEG.SEQ =< Last.ACK.sent. */
function updateTsRecent(d: Conn, v: Incoming): void {
  if (!d.negotiated?.timestamps) return;
  const ts = findTimestamp(v.seg.options);
  if (ts && ((ts.val - d.tsRecent) | 0) >= 0 && seqLeq(v.seg.seq, d.lastAckSent)) {
    d.tsRecent = ts.val;
  }
}
