/**
 * Forming the segments a connection sends: header fields from the TCB, the window we
 * advertise (RFC 9293 §3.8.6.2, RFC 7323 §2.3), and the options (SYN offer, or
 * <nop,nop,TS> once timestamps were agreed, RFC 7323 §3.2).
 */
import { congestionNote } from './congestion';
import type { Conn } from './conn';
import { ackSent, adaptiveAck, dataSent } from './delayed-ack';
import { withFastOpen } from './fastopen';
import { ipFieldsFor } from './ip-fields';
import { synOptions, timestampOptions } from './options';
import {
  afterReport,
  chooseSackBlocks,
  heldBlocks,
  maxSackBlocks,
  type SackBlock,
} from './sack-blocks';
import { seqAdd, seqDiff } from './seq';
import { cancelTimer, type Ctx } from './step';
import { Flag, type Packet, type Segment, type Seq, type TcpOption } from './types';
import { wrapped } from './wrapping';

const NO_BYTES = new Uint8Array(0);
const NO_OPTIONS: readonly TcpOption[] = [];
const NO_BLOCKS: readonly SackBlock[] = [];

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
 * (FreeBSD's rcv_wnd may exceed what a 16-bit field without scaling can say). A passive
 * open's SYN-RECEIVED lives in FreeBSD's syncache, which checks against the window of its
 * SYN,ACK (syncache_add() sets sc_wnd to at most TCP_MAXWIN; syncache_chkrst() tests
 * IRS+1 =< SEG.SEQ < IRS+1+sc_wnd): the buffer is only sized when the third ACK arrives.
 */
export function acceptanceWindow(d: Readonly<Conn>, ctx: Ctx): number {
  if (ctx.profile.acceptanceWindow === 'advertised') return receiveWindow(d);
  const promised = seqDiff(d.rcvAdvertised, d.rcvNxt);
  // (A connection rebuilt from a SYN cookie advertised nothing itself and falls through.)
  if (d.state === 'SYN-RECEIVED' && d.passive && promised > 0) return promised;
  const free = Math.max(0, d.rcvBuffer - d.rcvUnread);
  return Math.max(free, promised);
}

const NOP: TcpOption = { kind: 'nop' };

/**
 * The options of an acknowledgment with its SACK option (RFC 2018 §4), <nop,nop,sack ...>
 * after any timestamp option as Linux and FreeBSD lay it out, in one new list; `options`
 * alone when nothing is held and nothing arrived twice. Sending it moves the blocks into the
 * list of the latest reports.
 */
function withSackOptions(d: Conn, options: readonly TcpOption[]): readonly TcpOption[] {
  if (d.held.length === 0 && d.dsack === null) {
    // Nothing held, nothing duplicated: no block to report (what chooseSackBlocks would say).
    d.sackReported = NO_BLOCKS;
    d.sackLatest = null;
    return options;
  }
  const blocks = chooseSackBlocks({
    held: heldBlocks(d.held, d.rcvNxt),
    latest: d.sackLatest,
    reported: d.sackReported,
    duplicate: d.dsack,
    max: maxSackBlocks(d.negotiated?.timestamps ?? false),
  });
  d.sackReported = afterReport(blocks, d.dsack);
  d.sackLatest = null;
  d.dsack = null;
  return blocks.length === 0 ? options : [...options, NOP, NOP, { kind: 'sack', blocks }];
}

/**
 * RFC 3168 §6.1.1: an ECN-setup SYN carries ECE and CWR, an ECN-setup SYN,ACK ECE alone. A
 * resent SYN gives ECN up after profile ecnSynRetries tries (FreeBSD ecn.maxretries in
 * tcp_output(); Linux tcp_ecn_clear_syn()), in case a middlebox drops ECN-setup SYNs.
 */
function ecnSetupBits(d: Conn, ctx: Ctx, flags: number, retransmit: number): number {
  if (!(flags & Flag.SYN) || flags & Flag.RST || !d.offer.ecn) return 0;
  if (flags & Flag.ACK) return Flag.ECE;
  return retransmit <= ctx.profile.ecnSynRetries ? Flag.ECE | Flag.CWR : 0;
}

/**
 * Sends one segment from this connection and updates what the peer now knows; false when the
 * host's own queue refused it (ctx.refusesTransmit). Linux builds the segment, and counts the
 * ACK it carries as sent, before the queue is asked (__tcp_transmit_skb(): tcp_event_ack_sent()
 * precedes queue_xmit()), so a refused segment changes the same state; only the caller's
 * sequence bookkeeping waits for a transmission that happened (tcp_event_new_data_sent()).
 */
export function sendSegment(
  d: Conn,
  ctx: Ctx,
  controlBits: number,
  seqNo: Seq,
  payload: Uint8Array = NO_BYTES,
  retransmit = 0,
): boolean {
  const flags = controlBits | ecnSetupBits(d, ctx, controlBits, retransmit);
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
    // A scaled window rounds down, or up with profile roundScaledWindowUp (FreeBSD
    // tcp_output(): "Avoid shrinking window with window scaling", roundup2()).
    const scaled = ctx.profile.roundScaledWindowUp ? Math.ceil(wnd / 2 ** shift) : wnd >>> shift;
    window = Math.min(65535, scaled);
  }
  let options: readonly TcpOption[] = NO_OPTIONS;
  if (syn) {
    const tsVal = d.offer.ts ? tsNow(d, ctx) : 0;
    const laid = synOptions(ctx.profile.optionLayout, d.offer, tsVal, ack ? d.tsRecent : 0);
    // RFC 7413: the cookie (or request) rides on the first SYN or SYN-ACK only; Linux
    // resends a lost SYN without it, and a SYN-ACK retransmission is built without it.
    options =
      d.fastOpenSyn && retransmit === 0
        ? withFastOpen(ctx.profile.optionLayout, laid, d.fastOpenSyn)
        : laid;
  } else if (d.negotiated?.timestamps && (!(flags & Flag.RST) || ctx.profile.timestampsOnRst)) {
    options = timestampOptions(tsNow(d, ctx), d.tsRecent);
  }
  if (!syn && ack && !(flags & Flag.RST) && d.negotiated?.sackPermitted) {
    options = withSackOptions(d, options);
  }
  if (retransmit > 0) d.totalRetransmits++;
  else if (!syn && d.sndUna === d.sndNxt && (payload.length > 0 || flags & Flag.FIN)) {
    d.unaSentAt = ctx.now;
  }
  // The window the segment left under (RFC 5681), on what congestion control governs: data, a FIN.
  const carries = !syn && !(flags & Flag.RST) && (payload.length > 0 || (flags & Flag.FIN) !== 0);
  const sent =
    !ctx.refusesTransmit &&
    pushSegment(d, ctx, flags, seqNo, window, options, payload, retransmit, carries);
  if (adaptiveAck(ctx)) {
    if (payload.length > 0) dataSent(d, ctx);
    if (ack && !(flags & Flag.RST)) ackSent(d, ctx);
  }
  if (ack && !(flags & Flag.RST)) {
    d.lastAckSent = d.rcvNxt;
    d.rcvAdvertised = seqAdd(d.rcvNxt, window << shift);
    d.ackNow = false;
    if (d.delayedAckAt !== null) cancelTimer(d, ctx, 'delayed-ack');
  }
  return sent;
}

/**
 * The packet output of a segment the connection sends, signed or in UDP where the connection
 * is (wrapping.ts); false when it cannot be signed and so is not sent.
 */
function pushSegment(
  d: Conn,
  ctx: Ctx,
  flags: number,
  seqNo: Seq,
  window: number,
  options: readonly TcpOption[],
  payload: Uint8Array,
  retransmit: number,
  carries: boolean,
): boolean {
  const ack = (flags & Flag.ACK) !== 0;
  const segment: Segment = {
    srcPort: d.tuple.localPort,
    dstPort: d.tuple.remotePort,
    seq: seqNo,
    ack: ack ? d.rcvNxt : (0 as Seq),
    flags,
    window,
    urgent: 0,
    options,
    payload,
  };
  const src = d.tuple.localAddress;
  const dst = d.tuple.remoteAddress;
  // The IP fields are left out for the default header; two literals rather than a spread,
  // which would allocate and take V8's slow path on every segment.
  const ip = ipFieldsFor(d.ip, ctx.profile, ectCapable(d, flags, payload, retransmit));
  const plain: Packet = ip === undefined ? { src, dst, segment } : { src, dst, segment, ip };
  const packet = wrapped(d, ctx, plain);
  if (!packet) return false;
  const congestion = carries ? congestionNote(d, ctx) : undefined;
  ctx.out.push(
    congestion === undefined
      ? { type: 'packet', socket: d.id, retransmit, packet }
      : { type: 'packet', socket: d.id, retransmit, congestion, packet },
  );
  return true;
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

/**
 * The challenge ACK of RFC 5961 §3.2 and §4.2, exactly <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>:
 * never the FIN again, even under finInAcks, because stacks build it apart from their output
 * routine (FreeBSD tcp_send_challenge_ack() → tcp_respond(); Linux tcp_send_challenge_ack()
 * → tcp_send_ack()).
 */
export function sendChallengeAck(d: Conn, ctx: Ctx): void {
  sendSegment(d, ctx, Flag.ACK, d.sndNxt);
}

/**
 * RFC 3168 §6.1.2: once ECN is agreed, the data sender marks its data packets ECT; never a
 * SYN or SYN,ACK (§6.1.1), a pure ACK (§6.1.4), a retransmission (§6.1.5) or a window probe
 * (§6.1.6). FreeBSD tcp_ecn_output_flags(): len > 0, snd_nxt at snd_max, not a forced
 * 1-byte probe; Linux tcp_ecn_send() likewise leaves retransmissions and probes unmarked.
 */
function ectCapable(d: Conn, flags: number, payload: Uint8Array, retransmit: number): boolean {
  if (!d.offer.ecn || flags & (Flag.SYN | Flag.RST) || payload.length === 0) return false;
  const windowProbe = d.sndWnd === 0 && payload.length === 1;
  return retransmit === 0 && !windowProbe;
}
