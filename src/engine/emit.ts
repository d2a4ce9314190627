/**
 * Forming the segments a connection sends: header fields from the TCB, the window we
 * advertise (RFC 9293 §3.8.6.2, RFC 7323 §2.3), and the options (SYN offer, or
 * <nop,nop,TS> once timestamps were agreed, RFC 7323 §3.2).
 */
import type { Conn } from './conn';
import { fastOpenOptions } from './fastopen';
import { layoutSynOptions, timestampOptions } from './options';
import { seqAdd, seqDiff } from './seq';
import { cancelTimer, type Ctx } from './step';
import { Flag, type Seq, type TcpOption } from './types';

const NO_BYTES = new Uint8Array(0);
const NO_OPTIONS: readonly TcpOption[] = [];

/** Our timestamp clock (RFC 7323 §5.4), offset per connection. */
export function tsNow(d: Readonly<Conn>, ctx: Ctx): number {
  return (d.tsOffset + Math.floor(ctx.now / ctx.profile.tsTickMs)) >>> 0;
}

/**
 * RCV.WND: free space in the receive buffer, as far as the window field can say it
 * (RFC 7323 §2.3), never moving the right edge we advertised
 * before to the left (RFC 9293 §3.8.6.2.2, "shrinking the window" is discouraged).
 */
export function receiveWindow(d: Readonly<Conn>): number {
  const shift = d.negotiated?.wscale?.send ?? 0;
  const free = Math.min(Math.max(0, d.rcvBuffer - d.rcvUnread), 65535 << shift);
  const promised = seqDiff(d.rcvAdvertised, d.rcvNxt);
  return Math.max(free, promised);
}

/**
 * The window an arriving segment is checked against (RFC 9293 §3.10.7.4 Table 6): the
 * advertised RCV.WND, or with profile acceptanceWindow 'buffer' all free buffer space
 * (FreeBSD's rcv_wnd may exceed what a 16-bit field without scaling can say).
 */
export function acceptanceWindow(d: Readonly<Conn>, ctx: Ctx): number {
  if (ctx.profile.acceptanceWindow === 'advertised') return receiveWindow(d);
  const free = Math.max(0, d.rcvBuffer - d.rcvUnread);
  const promised = seqDiff(d.rcvAdvertised, d.rcvNxt);
  return Math.max(free, promised);
}

/** Sends one segment from this connection and updates what the peer now knows. */
export function sendSegment(
  d: Conn,
  ctx: Ctx,
  flags: number,
  seqNo: Seq,
  payload: Uint8Array = NO_BYTES,
  retransmit = 0,
): void {
  const syn = (flags & Flag.SYN) !== 0;
  const ack = (flags & Flag.ACK) !== 0;
  const wnd = receiveWindow(d);
  let window: number;
  let shift = 0;
  if (flags & Flag.RST) {
    window = 0; // as Linux and FreeBSD send their resets
  } else if (syn) {
    // RFC 7323 §2.2: the window field of a SYN or SYN-ACK is never scaled.
    window = Math.min(wnd, ctx.profile.synWindow, 65535);
  } else {
    shift = d.negotiated?.wscale?.send ?? 0;
    window = Math.min(65535, wnd >>> shift);
  }
  let options: readonly TcpOption[] = NO_OPTIONS;
  if (syn) {
    const ts = d.offer.ts ? { val: tsNow(d, ctx), ecr: ack ? d.tsRecent : 0 } : null;
    const laid = layoutSynOptions(ctx.profile.optionLayout, { ...d.offer, ts });
    // RFC 7413: the cookie (or request) rides on the first SYN or SYN-ACK only; Linux
    // resends a lost SYN without it, and a SYN-ACK retransmission is built without it.
    options =
      d.fastOpenSyn && retransmit === 0 ? [...laid, ...fastOpenOptions(d.fastOpenSyn)] : laid;
  } else if (d.negotiated?.timestamps && (!(flags & Flag.RST) || ctx.profile.timestampsOnRst)) {
    options = timestampOptions(tsNow(d, ctx), d.tsRecent);
  }
  if (retransmit > 0) d.totalRetransmits++;
  ctx.out.push({
    type: 'packet',
    socket: d.id,
    retransmit,
    packet: {
      src: d.tuple.localAddress,
      dst: d.tuple.remoteAddress,
      segment: {
        srcPort: d.tuple.localPort,
        dstPort: d.tuple.remotePort,
        seq: seqNo,
        ack: ack ? d.rcvNxt : (0 as Seq),
        flags,
        window,
        urgent: 0,
        options,
        payload,
      },
    },
  });
  if (ack && !(flags & Flag.RST)) {
    d.lastAckSent = d.rcvNxt;
    d.rcvAdvertised = seqAdd(d.rcvNxt, window << shift);
    d.ackNow = false;
    if (d.delayedAckAt !== null) cancelTimer(d, ctx, 'delayed-ack');
  }
}

/**
 * <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>: the reply of §3.10.7.4, the challenge ACK and every
 * pure acknowledgment. With profile finInAcks (BSD tcp_output) an ACK sent while our FIN is
 * unacknowledged repeats the FIN: <SEQ=FIN><ACK=RCV.NXT><CTL=FIN,ACK> (closing-ipv4.pkt).
 */
export function sendAck(d: Conn, ctx: Ctx): void {
  if (
    ctx.profile.finInAcks &&
    d.finSeq !== null &&
    seqAdd(d.finSeq, 1) === d.sndNxt &&
    d.sndUna !== d.sndNxt
  ) {
    sendSegment(d, ctx, Flag.FIN | Flag.ACK, d.finSeq, undefined, 1);
    return;
  }
  sendSegment(d, ctx, Flag.ACK, d.sndNxt);
}
