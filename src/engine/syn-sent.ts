/** Segment arrival in SYN-SENT (RFC 9293 §3.10.7.3). */
import { advanceUna } from './ack';
import { dataEnd, type Conn } from './conn';
import { adaptiveAck, DELACK_MAX_MS, enterQuickAck } from './delayed-ack';
import { sendSegment, tsNow } from './emit';
import { absorbPeerSyn, enterEstablished, sendSynAck, takeWindow } from './handshake';
import { incoming, type Incoming } from './incoming';
import { answerOffer, findTimestamp, readOffer, synAsksEcn } from './options';
import { seqGt, seqLeq, seqLt } from './seq';
import { reportError, setState, setTimer, type Ctx } from './step';
import { Flag, type Segment } from './types';

/** Returns the idealized rest of the segment to process as text, or null when done. */
export function synSentSegment(d: Conn, seg: Segment, ctx: Ctx): Incoming | null {
  const hasAck = (seg.flags & Flag.ACK) !== 0;
  const rst = (seg.flags & Flag.RST) !== 0;
  // First, check the ACK bit.
  if (hasAck && (seqLeq(seg.ack, d.iss) || seqGt(seg.ack, d.sndNxt))) {
    if (!rst) sendSegment(d, ctx, Flag.RST, seg.ack); // <SEQ=SEG.ACK><CTL=RST>
    return null;
  }
  // Second, check the RST bit: only one that acknowledges our SYN counts.
  if (rst) {
    if (hasAck) {
      reportError(d, ctx, 'ECONNREFUSED');
      setState(
        d,
        ctx,
        'CLOSED',
        'received RST,ACK for our SYN: connection refused (RFC 9293 §3.10.7.3)',
      );
    }
    return null;
  }
  // Fourth, check the SYN bit; fifth, without SYN or RST drop the segment.
  if (!(seg.flags & Flag.SYN)) return null;
  if (hasAck && echoesUnsentTimestamp(d, seg, ctx)) {
    sendSegment(d, ctx, Flag.RST, seg.ack); // <SEQ=SEG.ACK><CTL=RST>; SYN-SENT goes on
    return null;
  }
  absorbPeerSyn(d, seg, ctx.profile);
  if (hasAck) {
    // RFC 3168 §6.1.1: ECN is agreed when our ECN-setup SYN draws an ECN-setup SYN,ACK (ECE
    // without CWR); any other SYN,ACK leaves the connection without it.
    if (d.offer.ecn && (seg.flags & (Flag.ECE | Flag.CWR)) !== Flag.ECE) {
      d.offer = { ...d.offer, ecn: false };
    }
    takeWindow(d, seg);
    advanceUna(d, ctx, seg);
    if (d.sndUna !== d.sndNxt) {
      // RFC 7413 §4.2.1 (Linux tcp_rcv_fastopen_synack): the server did not take the SYN's
      // data, so it goes again right after the handshake, as a retransmission.
      d.rtxNext = d.sndUna;
      d.rtxRound = 1;
    }
    enterEstablished(d, ctx, 'received SYN,ACK acknowledging our SYN (RFC 9293 §3.10.7.3)');
    // <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>, which queued data may carry (flush decides).
    if (adaptiveAck(ctx)) ackSynAck(d, ctx);
    else d.ackNow = true;
    const rest = incoming(seg);
    rest.syn = false;
    rest.seq = d.rcvNxt;
    return rest;
  }
  // Simultaneous open: SYN-RECEIVED, remembering it came from SYN-SENT (MUST-11).
  takeWindow(d, seg);
  // The SYN,ACK answers only what the peer's SYN offered (RFC 7323 §1.3, RFC 2018 §2).
  // An ECN-setup SYN,ACK only if we asked too (RFC 3168 §6.1.1).
  const ecn = d.offer.ecn === true && synAsksEcn(seg.flags);
  d.offer = { ...answerOffer(d.offer, readOffer(seg.options)), ecn };
  setState(
    d,
    ctx,
    'SYN-RECEIVED',
    'received SYN without ACK in SYN-SENT: simultaneous open (RFC 9293 §3.10.7.3)',
  );
  sendSynAck(d, ctx, 0);
  if (ctx.profile.queueSynTextInSynSent) queueSynText(d, seg);
  return null;
}

/**
 * Linux tcp_rcv_synsent_state_process(): when a writer waits for the connection with data the
 * SYN did not carry (sk_write_pending), the ACK is delayed ("Save one ACK. Data will be ready
 * after several ticks") so that the data carries it, in quick-ack mode with ato at its
 * minimum; sending that data so soon after the SYN,ACK then puts the connection in pingpong
 * mode (delayed-ack.ts dataSent). Otherwise the ACK goes at once. tcp_finish_connect() starts
 * the arrival clock (lrcvtime).
 */
function ackSynAck(d: Conn, ctx: Ctx): void {
  d.lastDataAt = ctx.now;
  const writerWaits = d.sndUna === d.sndNxt && seqLt(d.sndNxt, dataEnd(d));
  if (!writerWaits) {
    d.ackNow = true;
    return;
  }
  enterQuickAck(d, ctx);
  setTimer(d, ctx, 'delayed-ack', ctx.now + DELACK_MAX_MS);
}

/**
 * Linux tcp_rcv_synsent_state_process() ("PAWS active rejected"): a SYN,ACK whose TS ecr is
 * non-zero and not between the TS val of our first SYN and the TS clock now cannot answer
 * our SYN (profile rejectSynAckBadEcr).
 */
function echoesUnsentTimestamp(d: Conn, seg: Segment, ctx: Ctx): boolean {
  if (!ctx.profile.rejectSynAckBadEcr || d.offer.ts === null || d.synSentAt === null) return false;
  const ts = findTimestamp(seg.options);
  if (!ts || ts.ecr === 0) return false;
  const first = (d.tsOffset + Math.floor(d.synSentAt / ctx.profile.tsTickMs)) >>> 0;
  const sinceFirst = (ts.ecr - first) >>> 0;
  return sinceFirst > (tsNow(d, ctx) - first) >>> 0;
}

/**
 * RFC 9293 §3.10.7.3: "If there are other controls or text in the segment, queue them for
 * processing after the ESTABLISHED state has been reached." The text waits with the held
 * segments (enterEstablished delivers it); as FreeBSD does, the SYN,ACK does not acknowledge
 * it and a FIN on that SYN is not kept (tcp_reass() returns no FIN for queued text).
 */
function queueSynText(d: Conn, seg: Segment): void {
  const room = Math.max(0, d.rcvBuffer - d.rcvUnread);
  const data = seg.payload.subarray(0, room);
  if (data.length === 0) return;
  d.held = [{ seq: d.rcvNxt, data, fin: false }];
}
