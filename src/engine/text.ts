/**
 * Seventh and eighth steps of §3.10.7.4: the segment text and the FIN bit, the queue of
 * segments that arrived early (SHLD-31), and the acknowledgment policy (§3.8.6.3).
 */
import { finAcked } from './ack';
import type { Conn, Held } from './conn';
import { adaptiveAck, checkAck, dataReceived } from './delayed-ack';
import type { Incoming } from './incoming';
import { payloadMss } from './output';
import { firstOverlap, heldBlocks, type SackBlock } from './sack-blocks';
import { seqAdd, seqDiff, seqLt } from './seq';
import { setState, setTimer, type Ctx } from './step';

/** How many early segments a connection holds at most. */
const MAX_HELD = 64;

/** States that still accept text: the peer has not sent its FIN yet. */
function receivesText(d: Readonly<Conn>): boolean {
  return d.state === 'ESTABLISHED' || d.state === 'FIN-WAIT-1' || d.state === 'FIN-WAIT-2';
}

/** Seventh and eighth steps together: text in order, early segments held, then the FIN. */
export function processTextAndFin(d: Conn, v: Incoming, ctx: Ctx): void {
  if (!receivesText(d)) {
    if (v.fin && seqAdd(v.seq, v.data.length) === d.rcvNxt) {
      finArrived(d, ctx);
      if (adaptiveAck(ctx)) checkAck(d, ctx);
    }
    return;
  }
  if (v.data.length > 0 && d.dsack === null && d.held.length > 0 && d.negotiated?.sackPermitted) {
    // RFC 2883 §4: text that duplicates data already held is reported in a D-SACK block.
    const range: SackBlock = [v.seq, seqAdd(v.seq, v.data.length)];
    d.dsack = firstOverlap(heldBlocks(d.held, d.rcvNxt), range);
  }
  if (v.seq !== d.rcvNxt) {
    if (v.data.length > 0 || v.fin) hold(d, v);
    if (v.data.length > 0) d.sackLatest = [v.seq, seqAdd(v.seq, v.data.length)];
    d.ackNow = true; // a duplicate ACK shows the sender the hole (RFC 5681 §4.2)
    return;
  }
  if (v.data.length > 0) {
    deliver(d, ctx, v.data);
    // RFC 5681 §4.2: a segment that fills all or part of a gap is acknowledged at once
    // (FreeBSD tcp_input(): in-order text with a reassembly queue goes through tcp_reass()
    // with TF_ACKNOW).
    if (d.held.length > 0) d.ackNow = true;
    else scheduleAck(d, ctx);
  }
  let fin = v.fin;
  if (d.held.length > 0 && !fin) {
    fin = drainHeld(d, ctx);
  }
  if (fin) finArrived(d, ctx);
  // Linux decides once the FIN is processed: tcp_fin() may have entered pingpong mode.
  if (adaptiveAck(ctx) && (v.data.length > 0 || fin)) checkAck(d, ctx);
}

/**
 * The seventh step for text that starts at RCV.NXT while nothing is held and no FIN comes
 * with it: what processTextAndFin does then, for the predicted segment (predicted.ts).
 */
export function textInOrder(d: Conn, data: Uint8Array, ctx: Ctx): void {
  deliver(d, ctx, data);
  scheduleAck(d, ctx);
  if (adaptiveAck(ctx)) checkAck(d, ctx);
}

/**
 * On reaching ESTABLISHED, text queued in SYN-RECEIVED at RCV.NXT goes to the application
 * (RFC 9293 §3.10.7.3; FreeBSD tcp_reass(tp, NULL) presents its queue) and is acknowledged by
 * the usual policy rather than at once: it fills no gap the peer could see.
 */
export function deliverQueuedText(d: Conn, ctx: Ctx): void {
  if (d.held.length === 0 || d.held[0]?.seq !== d.rcvNxt) return;
  const ackNow = d.ackNow;
  const fin = drainHeld(d, ctx);
  d.ackNow = ackNow;
  scheduleAck(d, ctx);
  if (fin) finArrived(d, ctx);
  if (adaptiveAck(ctx)) checkAck(d, ctx);
}

/**
 * Data that arrived on a SYN a Fast Open server accepted (RFC 7413 §4.2.2): it is in the
 * window by construction (RCV.NXT = SEG.SEQ + 1) and goes to the application at once.
 */
export function acceptSynData(d: Conn, ctx: Ctx, data: Uint8Array): void {
  const room = Math.max(0, d.rcvBuffer - d.rcvUnread);
  if (data.length > 0) deliver(d, ctx, data.length <= room ? data : data.subarray(0, room));
}

function deliver(d: Conn, ctx: Ctx, data: Uint8Array): void {
  d.rcvQueue = { data, next: d.rcvQueue };
  d.rcvUnread += data.length;
  d.rcvNxt = seqAdd(d.rcvNxt, data.length);
  ctx.out.push({ type: 'readable', socket: d.id, bytes: d.rcvUnread });
}

/**
 * Keeps an early segment, sorted by sequence number. One with the same start replaces the
 * held one only when it carries more: a shorter repeat must not lose bytes already held.
 */
function hold(d: Conn, v: Incoming): void {
  const entry: Held = { seq: v.seq, data: v.data, fin: v.fin };
  const same = d.held.find((h) => h.seq === v.seq);
  if (same && same.data.length >= v.data.length && (same.fin || !v.fin)) return;
  const rest = d.held.filter((h) => h !== same);
  if (rest.length >= MAX_HELD) return;
  let i = rest.length;
  while (i > 0 && seqLt(v.seq, (rest[i - 1] as Held).seq)) i--;
  d.held = [...rest.slice(0, i), entry, ...rest.slice(i)];
}

/** Moves held segments that now start at or before RCV.NXT into the stream; true at FIN. */
function drainHeld(d: Conn, ctx: Ctx): boolean {
  let fin = false;
  let filled = false;
  const left: Held[] = [];
  for (const h of d.held) {
    const skip = seqDiff(d.rcvNxt, h.seq);
    const end = seqAdd(h.seq, h.data.length);
    if (fin || skip < 0) {
      left.push(h);
      continue;
    }
    if (skip < h.data.length) {
      deliver(d, ctx, h.data.subarray(skip));
      filled = true;
    }
    if (h.fin && !seqLt(d.rcvNxt, end)) fin = true;
  }
  d.held = left;
  // RFC 5681 §4.2: a segment that fills a gap is acknowledged at once.
  if (filled) d.ackNow = true;
  return fin;
}

/**
 * "This acknowledgment should be piggybacked on a segment being transmitted if possible
 * without incurring undue delay": acknowledge at once during quick-ack, or when
 * ackEveryFullSegments full segments are unacknowledged (SHLD-19); otherwise arm the
 * delayed-ACK timer (SHLD-18).
 */
function scheduleAck(d: Conn, ctx: Ctx): void {
  const p = ctx.profile;
  if (adaptiveAck(ctx)) {
    dataReceived(d, ctx); // checkAck decides once the FIN is processed
  } else if (p.delayedAckMs === 0) {
    d.ackNow = true;
  } else if (d.quickAcks > 0) {
    d.quickAcks--;
    d.ackNow = true;
  } else if (seqDiff(d.rcvNxt, d.lastAckSent) >= p.ackEveryFullSegments * payloadMss(d)) {
    d.ackNow = true;
  } else if (p.ackSecondSegment && d.delayedAckAt !== null) {
    // FreeBSD DELAY_ACK(): only one segment waits for the delayed-ACK timer; the next is
    // acknowledged at once, whatever its size.
    d.ackNow = true;
  } else if (d.delayedAckAt === null) {
    setTimer(d, ctx, 'delayed-ack', ctx.now + p.delayedAckMs);
  }
}

/** Eighth step: the FIN, once everything before it has arrived. */
function finArrived(d: Conn, ctx: Ctx): void {
  d.rcvNxt = seqAdd(d.rcvNxt, 1);
  d.finReceived = true;
  // Nothing beyond the FIN can be data, so nothing is held or reported any more (Linux
  // tcp_fin() purges the out-of-order queue and calls tcp_sack_reset(), D-SACK included).
  d.held = [];
  d.sackReported = [];
  d.sackLatest = null;
  d.dsack = null;
  ctx.out.push({ type: 'eof', socket: d.id });
  switch (d.state) {
    case 'SYN-RECEIVED':
    case 'ESTABLISHED':
      setState(
        d,
        ctx,
        'CLOSE-WAIT',
        'received FIN: the peer has finished sending (RFC 9293 §3.10.7.4)',
      );
      ackFin(d, ctx);
      return;
    case 'FIN-WAIT-1':
      if (finAcked(d)) {
        setState(
          d,
          ctx,
          'TIME-WAIT',
          'received FIN and our FIN is acknowledged (RFC 9293 §3.10.7.4)',
        );
      } else {
        setState(
          d,
          ctx,
          'CLOSING',
          'received FIN before the ACK of our FIN: simultaneous close (RFC 9293 §3.10.7.4)',
        );
      }
      d.ackNow = true;
      return;
    case 'FIN-WAIT-2':
      setState(d, ctx, 'TIME-WAIT', 'received FIN in FIN-WAIT-2 (RFC 9293 §3.10.7.4)');
      d.ackNow = true;
      return;
    default:
      d.ackNow = true;
  }
}

/**
 * The ACK of a FIN that leaves us in CLOSE-WAIT: immediate by the RFC; Linux enters pingpong
 * mode (tcp_fin()) and delays it by ato so that a quick close() can carry it: +.04 in
 * tcp_basic_server.pkt after data, at the next tick before any data (ato still 0).
 */
function ackFin(d: Conn, ctx: Ctx): void {
  const p = ctx.profile;
  if (adaptiveAck(ctx)) {
    d.pingpong = true; // Linux tcp_fin(): inet_csk_enter_pingpong_mode(), then checkAck
  } else if (p.delayFinAck && p.delayedAckMs > 0 && !d.ackNow) {
    setTimer(d, ctx, 'delayed-ack', ctx.now + p.delayedAckMs);
  } else {
    d.ackNow = true;
  }
}
