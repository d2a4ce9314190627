/**
 * Seventh and eighth steps of §3.10.7.4: the segment text and the FIN bit, and the
 * acknowledgment policy for them (RFC 9293 §3.8.6.3 delayed ACKs).
 */
import type { Draft } from './conn';
import type { Incoming } from './incoming';
import { payloadMss } from './output';
import { seqAdd, seqDiff } from './seq';
import { setState, setTimer, type Ctx } from './step';
import { finAcked } from './ack';

/** States that still accept text: the peer has not sent its FIN yet. */
function receivesText(d: Readonly<Draft>): boolean {
  return d.state === 'ESTABLISHED' || d.state === 'FIN-WAIT-1' || d.state === 'FIN-WAIT-2';
}

export function processText(d: Draft, v: Incoming, ctx: Ctx): void {
  if (v.data.length === 0 || !receivesText(d)) return;
  if (v.seq !== d.rcvNxt) {
    // Out of order: the engine does not hold it for later (a simplification of SHLD-31,
    // see docs/engine.md); a duplicate ACK tells the sender where the hole is.
    v.data = v.data.subarray(0, 0);
    v.fin = false;
    d.ackNow = true;
    return;
  }
  const len = v.data.length;
  d.rcvQueue = { data: v.data, next: d.rcvQueue };
  d.rcvUnread += len;
  d.rcvNxt = seqAdd(d.rcvNxt, len);
  ctx.out.push({ type: 'readable', socket: d.id, bytes: d.rcvUnread });
  scheduleAck(d, ctx);
}

/**
 * "This acknowledgment should be piggybacked on a segment being transmitted if possible
 * without incurring undue delay": acknowledge at once during quick-ack, or when
 * ackEveryFullSegments full segments are unacknowledged (SHLD-19); otherwise arm the
 * delayed-ACK timer (SHLD-18).
 */
function scheduleAck(d: Draft, ctx: Ctx): void {
  const p = ctx.profile;
  if (p.delayedAckMs === 0) {
    d.ackNow = true;
  } else if (d.quickAcks > 0) {
    d.quickAcks--;
    d.ackNow = true;
  } else if (seqDiff(d.rcvNxt, d.lastAckSent) >= p.ackEveryFullSegments * payloadMss(d)) {
    d.ackNow = true;
  } else if (d.delayedAckAt === null) {
    setTimer(d, ctx, 'delayed-ack', ctx.now + p.delayedAckMs);
  }
}

/** Eighth step: the FIN, once everything before it has arrived. */
export function processFin(d: Draft, v: Incoming, ctx: Ctx): void {
  if (!v.fin || seqAdd(v.seq, v.data.length) !== d.rcvNxt) return;
  d.rcvNxt = seqAdd(d.rcvNxt, 1);
  d.finReceived = true;
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
 * The ACK of a FIN that leaves us in CLOSE-WAIT: immediate by the RFC; Linux delays it
 * (pingpong mode, +.04 in tcp_basic_server.pkt) so that a quick close() can carry it.
 */
function ackFin(d: Draft, ctx: Ctx): void {
  const p = ctx.profile;
  if (p.delayFinAck && p.delayedAckMs > 0 && !d.ackNow) {
    setTimer(d, ctx, 'delayed-ack', ctx.now + p.delayedAckMs);
  } else {
    d.ackNow = true;
  }
}
