/**
 * The send side: segmentizing the send buffer within the peer's window, retransmitting
 * after a timeout, the FIN, and the acknowledgment a step still owes (RFC 9293 §3.8.6,
 * RFC 6298 §5). Called at the end of every step that may have changed what we can send.
 */
import { newDataEdge, noteFlight, sendEdge } from './congestion';
import { dataEnd, type Conn } from './conn';
import { sendAck, sendSegment } from './emit';
import { scheduleLossProbe } from './loss-probe';
import { currentTimeout } from './rtt';
import { seqAdd, seqDiff, seqGt, seqLt } from './seq';
import { cancelTimer, setTimer, type Ctx } from './step';
import { Flag, type Seq, type TcpState } from './types';
import { wrappingOverhead } from './wrapping';

/**
 * Bytes of payload per segment: the send MSS less the timestamps option (RFC 9293 §3.7.1),
 * a TCP-MD5 signature and a UDP header (FreeBSD tcp_maxseg(), wrapping.ts).
 */
export function payloadMss(d: Readonly<Conn>): number {
  const n = d.negotiated;
  if (!n) return 536;
  let mss = d.mssClamp === null ? n.sendMss : Math.min(n.sendMss, d.mssClamp);
  // A path MTU learned from ICMP bounds it too (Linux tcp_sync_mss(), RFC 1191 §3).
  if (d.pathMss !== null && d.pathMss < mss) mss = d.pathMss;
  return Math.max(1, mss - (n.timestamps ? 12 : 0) - wrappingOverhead(d));
}

/**
 * Whether the send side is open for data and the FIN: the handshake is complete, or a Fast
 * Open server child may send data before the third ACK (RFC 7413 §4.2.2), though its FIN
 * still waits for ESTABLISHED.
 */
function sendsData(d: Readonly<Conn>): boolean {
  return d.state === 'SYN-RECEIVED' ? d.fastOpened : sendsFin(d.state);
}

function sendsFin(s: TcpState): boolean {
  return (
    s === 'ESTABLISHED' ||
    s === 'CLOSE-WAIT' ||
    s === 'FIN-WAIT-1' ||
    s === 'CLOSING' ||
    s === 'LAST-ACK'
  );
}

/**
 * Sends what may be sent now, then the ACK still owed if nothing else carried it.
 * `limit` bounds the number of segments (one after a timeout, RFC 6298 §5.4).
 */
export function flush(d: Conn, ctx: Ctx, limit = Infinity): void {
  let sent = 0;
  if (sendsData(d)) {
    const nxt = d.sndNxt;
    while (sent < limit && sendOne(d, ctx)) sent++;
    noteFlight(d, ctx, seqDiff(dataEnd(d), d.rtxNext) > 0);
    armSendTimers(d, ctx, d.sndNxt !== nxt);
  }
  if (d.ackNow && sent === 0 && d.state !== 'CLOSED' && d.state !== 'SYN-SENT') {
    sendAck(d, ctx);
  }
}

/** Sends one segment (a retransmission first, then new data or the FIN); false if none. */
function sendOne(d: Conn, ctx: Ctx): boolean {
  if (seqLt(d.rtxNext, d.sndNxt)) return resendOne(d, ctx);
  return sendNew(d, ctx, newDataEdge(d, ctx));
}

/** Sends one segment of new data (or the FIN) up to `edge`; false if none. */
function sendNew(d: Conn, ctx: Ctx, edge: Seq): boolean {
  const end = dataEnd(d);
  const avail = seqDiff(end, d.sndNxt);
  const usable = seqDiff(edge, d.sndNxt);
  const finDue = d.writeShut && d.finSeq === null && sendsFin(d.state);
  if (avail > 0 && usable > 0) {
    const len = Math.min(avail, usable, payloadMss(d));
    const start = seqDiff(d.sndNxt, d.sndBufSeq);
    const payload = d.sndBuf.read(start, len);
    const last = len === avail;
    // The FIN rides on the last data segment (RFC 9293 §3.10.4: after preceding SENDs).
    const fin = last && finDue;
    let flags = Flag.ACK | (last ? Flag.PSH : 0);
    if (fin) flags |= Flag.FIN;
    // The host's own queue may refuse it: the data stays unsent, nothing is timed, and the
    // probe timer tries again (Linux tcp_write_xmit() stops at a failed tcp_transmit_skb()).
    if (!sendSegment(d, ctx, flags, d.sndNxt, payload, 0)) return false;
    if (d.rttSeq === null) {
      d.rttSeq = seqAdd(d.sndNxt, len);
      d.rttStart = ctx.now;
    }
    d.lastSentSeq = d.sndNxt;
    d.sndNxt = seqAdd(d.sndNxt, len);
    if (fin) markFinSent(d);
    d.rtxNext = d.sndNxt;
    return true;
  }
  if (avail === 0 && finDue) {
    // The FIN occupies one sequence number but is not held back by the window.
    if (!sendSegment(d, ctx, Flag.FIN | Flag.ACK, d.sndNxt, undefined, 0)) return false;
    d.lastSentSeq = d.sndNxt;
    markFinSent(d);
    d.rtxNext = d.sndNxt;
    return true;
  }
  return false;
}

function markFinSent(d: Conn): void {
  d.finSeq = d.sndNxt;
  d.sndNxt = seqAdd(d.sndNxt, 1);
}

/** Go-back retransmission from rtxNext (at least SND.UNA) after a timeout (RFC 6298 §5.4). */
function resendOne(d: Conn, ctx: Ctx): boolean {
  const from = seqGt(d.sndUna, d.rtxNext) ? d.sndUna : d.rtxNext;
  if (!seqLt(from, d.sndNxt)) {
    d.rtxNext = d.sndNxt;
    return sendOne(d, ctx);
  }
  // Outside the window only the first unacknowledged segment may go (a window probe).
  const usable = seqDiff(sendEdge(d, ctx), from);
  if (usable <= 0 && from !== d.sndUna) return false;
  const end = resendFrom(d, ctx, from, Math.max(usable, 1), d.rtxRound);
  d.rtxNext = end;
  return end !== from;
}

/**
 * Sends again one segment of what was sent from `from`: at most `room` bytes of data, with
 * the FIN when it follows them; returns where the segment ends (`from` when the host's own
 * queue refused it).
 */
export function resendFrom(d: Conn, ctx: Ctx, from: Seq, room: number, label: number): Seq {
  const dataStop = d.finSeq ?? dataEnd(d);
  const avail = Math.max(0, seqDiff(dataStop, from));
  const len = Math.min(avail, payloadMss(d), room);
  const start = seqDiff(from, d.sndBufSeq);
  const payload = d.sndBuf.read(start, len);
  const fin = d.finSeq !== null && seqAdd(from, len) === d.finSeq;
  let flags = Flag.ACK;
  if (len > 0 && len === avail) flags |= Flag.PSH;
  if (fin) flags |= Flag.FIN;
  if (!sendSegment(d, ctx, flags, from, payload, label)) return from;
  const end = seqAdd(from, len + (fin ? 1 : 0));
  // A resent segment filled up with data never sent before (FreeBSD's go-back from snd_una
  // after a timeout sends on past snd_max) moves SND.NXT with it.
  if (seqGt(end, d.sndNxt)) d.sndNxt = end;
  return end;
}

/**
 * The tail-loss probe's segment (Linux tcp_send_loss_probe(), RFC 8985 §7.3): a segment of new
 * data when a whole one fits the peer's window, whatever the congestion window (tcp_write_xmit()
 * with push_one 2 ignores it); else the last segment sent, again. Null
 * when there is nothing to probe with.
 */
export function sendTailProbe(d: Conn, ctx: Ctx): 'new' | 'resent' | null {
  const peerEdge = seqAdd(d.sndUna, d.sndWnd);
  const len = Math.min(seqDiff(dataEnd(d), d.sndNxt), payloadMss(d));
  if (len > 0 && seqDiff(peerEdge, seqAdd(d.sndNxt, len)) >= 0 && sendNew(d, ctx, peerEdge)) {
    return 'new';
  }
  const from = seqGt(d.sndUna, d.lastSentSeq) ? d.sndUna : d.lastSentSeq;
  if (!seqLt(from, d.sndNxt)) return null;
  resendFrom(d, ctx, from, payloadMss(d), 1);
  return 'resent';
}

/**
 * RFC 6298 §5.1: the retransmission timer runs while data is outstanding. RFC 9293
 * §3.8.6.1: with data waiting and none in flight, the probe timer (`persist`) runs instead:
 * the window is zero, or the host's own queue refused the data (probe-timer.ts).
 */
export function armSendTimers(d: Conn, ctx: Ctx, sentNew = false): void {
  const outstanding = d.sndUna !== d.sndNxt;
  if (outstanding) {
    // New data re-arms the tail-loss probe (Linux tcp_write_xmit() → tcp_schedule_loss_probe());
    // while the probe is pending it stands in for the RTO (loss-probe.ts).
    const probing = (sentNew && scheduleLossProbe(d, ctx)) || d.lossProbeAt !== null;
    if (!probing && d.rtxAt === null) {
      setTimer(d, ctx, 'retransmit', ctx.now + currentTimeout(d, ctx.profile));
    }
    cancelTimer(d, ctx, 'persist');
    return;
  }
  cancelTimer(d, ctx, 'retransmit');
  cancelTimer(d, ctx, 'loss-probe');
  if (sendWaits(d)) {
    if (d.persistAt === null) setTimer(d, ctx, 'persist', ctx.now + currentTimeout(d, ctx.profile));
  } else {
    cancelTimer(d, ctx, 'persist');
  }
}

/**
 * Data or a FIN waits to be sent while nothing is in flight (the caller checked that): the
 * probe timer's case. Linux keeps the FIN in the write queue like data (tcp_send_fin()), so a
 * FIN the host's queue refused is tried again too.
 */
export function sendWaits(d: Readonly<Conn>): boolean {
  if (!sendsData(d)) return false;
  return (
    seqDiff(dataEnd(d), d.sndNxt) > 0 || (d.writeShut && d.finSeq === null && sendsFin(d.state))
  );
}

/**
 * Zero-window probe of profile zeroWindowProbe 'data-byte' (RFC 9293 §3.8.6.1): one byte
 * beyond the window, sent as new data so the retransmission timer takes over if it is not
 * acknowledged. False when there was nothing to send or the host's own queue refused it.
 */
export function sendWindowProbe(d: Conn, ctx: Ctx): boolean {
  const avail = seqDiff(dataEnd(d), d.sndNxt);
  if (avail <= 0 || !sendsData(d)) return false;
  const start = seqDiff(d.sndNxt, d.sndBufSeq);
  if (!sendSegment(d, ctx, Flag.ACK, d.sndNxt, d.sndBuf.read(start, 1), 0)) return false;
  d.lastSentSeq = d.sndNxt;
  d.sndNxt = seqAdd(d.sndNxt, 1);
  d.rtxNext = d.sndNxt;
  armSendTimers(d, ctx);
  return true;
}

/**
 * The probe timer's data when the peer's window takes some (Linux tcp_write_wakeup()): one
 * segment within SND.UNA + SND.WND, whatever the fixed window; the retransmission timer then
 * covers it. False when the host's own queue refused it.
 */
export function sendWithinWindow(d: Conn, ctx: Ctx): boolean {
  if (!sendNew(d, ctx, seqAdd(d.sndUna, d.sndWnd))) return false;
  armSendTimers(d, ctx);
  return true;
}
