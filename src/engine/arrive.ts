/**
 * Segment arrival for a connection that exists (RFC 9293 §3.10.7.3 and §3.10.7.4), in
 * the RFC's order: sequence number, RST, SYN, ACK, (URG is not supported), text, FIN.
 */
import { checkAck } from './check-ack';
import { checkRst, checkSyn } from './check-control';
import { checkSequence } from './check-seq';
import type { Conn } from './conn';
import { incoming } from './incoming';
import { flush } from './output';
import { predictedSegment } from './predicted';
import { synSentSegment } from './syn-sent';
import { twcheckApplies, twcheckSegment } from './time-wait';
import type { Ctx } from './step';
import { Flag, type Segment } from './types';
import { processTextAndFin } from './text';

/** One segment into one connection, changing its TCB. */
export function connSegment(d: Conn, seg: Segment, ctx: Ctx): void {
  if (dropsSynFin(seg, ctx)) return;
  // FreeBSD tcp_do_segment(): "Segment received on connection. Reset idle time" (t_rcvtime).
  d.lastHeardAt = ctx.now;
  // Header prediction (predicted.ts) takes the bulk receiver's segment; the rest are checked.
  if (!predictedSegment(d, seg, ctx)) checkedSegment(d, seg, ctx);
  if (d.state !== 'CLOSED' && d.state !== 'LISTEN') {
    flush(d, ctx);
    if (d.writeBlocked) wakeWriter(d, ctx);
  }
}

/**
 * The segment through every check in the RFC's order, whatever it is: what header prediction
 * must agree with on the segments it takes.
 */
export function checkedSegment(d: Conn, seg: Segment, ctx: Ctx): void {
  if (d.state === 'SYN-SENT') {
    const rest = synSentSegment(d, seg, ctx);
    if (rest) processTextAndFin(d, rest, ctx);
  } else if (twcheckApplies(d, seg, ctx)) {
    twcheckSegment(d, seg, ctx);
  } else if (d.state !== 'CLOSED' && d.state !== 'LISTEN') {
    const v = incoming(seg);
    if (checkSequence(d, v, ctx) && checkRst(d, v, ctx) && checkSyn(d, v, ctx)) {
      if (checkAck(d, v, ctx)) processTextAndFin(d, v, ctx);
    }
  }
}

/**
 * A writer that found the send buffer full hears once a third of it is free again, after what
 * the acknowledgment let us send (Linux tcp_rcv_established(): tcp_data_snd_check(), then
 * tcp_check_space() → sk_stream_write_space(), whose __sk_stream_is_writeable() asks for free
 * space of at least half the bytes queued), as epoll's EPOLLOUT tells it.
 */
function wakeWriter(d: Conn, ctx: Ctx): void {
  if (d.sndBuf.length > (ctx.profile.sendBuffer * 2) / 3) return;
  d.writeBlocked = false;
  ctx.out.push({ type: 'writable', socket: d.id });
}

/**
 * FreeBSD's net.inet.tcp.drop_synfin (profile dropSynFin): a segment with both SYN and FIN
 * is dropped before any other check, by a listener (tcp_input()), a connection
 * (tcp_do_segment()) and TIME-WAIT (tcp_twcheck()) alike. RFC 9293 has no such rule.
 */
export function dropsSynFin(seg: Segment, ctx: Ctx): boolean {
  const synFin = Flag.SYN | Flag.FIN;
  return ctx.profile.dropSynFin && (seg.flags & synFin) === synFin;
}
