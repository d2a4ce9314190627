/**
 * The opening handshake's own segments and the moment a connection becomes ESTABLISHED
 * (RFC 9293 §3.5, §3.10.7.2, §3.10.7.3).
 */
import type { Conn } from './conn';
import { adaptiveAck } from './delayed-ack';
import { sendSegment } from './emit';
import { negotiate, readOffer } from './options';
import type { Profile } from './profiles';
import { synTimeout, rtoAfterHandshake } from './rtt';
import { seqAdd } from './seq';
import { deliverQueuedText } from './text';
import { cancelTimer, setState, setTimer, type Ctx } from './step';
import { Flag, type Segment } from './types';

/**
 * Sends (or resends) our SYN <SEQ=ISS><CTL=SYN> and arms its retransmission timer. A Fast
 * Open SYN carries the first `synData` bytes (RFC 7413 §4.2.1); a retransmission goes
 * without them (Linux: syn-data-timeout.pkt), but they count as sent: the SYN-ACK that
 * does not acknowledge them makes them go again at once (synSentSegment).
 */
export function sendSyn(d: Conn, ctx: Ctx): void {
  dropSynOptionsOnRetry(d, ctx);
  const data = d.synData > 0 && d.synTransmits === 0 ? d.sndBuf.read(0, d.synData) : undefined;
  sendSegment(d, ctx, Flag.SYN, d.iss, data, d.synTransmits);
  armSynTimer(d, ctx);
  if (d.synData > 0) {
    d.sndNxt = seqAdd(d.sndNxt, d.synData);
    d.rtxNext = d.sndNxt;
  }
}

/**
 * FreeBSD's rexmit_drop_options (profile dropSynOptionsAfter): a SYN that timed out that
 * many times goes again with the MSS option alone, in case a middlebox drops SYNs with
 * options (tcp_timer_rexmt() clears TF_REQ_SCALE, TF_REQ_TSTMP and TF_SACK_PERMIT).
 */
function dropSynOptionsOnRetry(d: Conn, ctx: Ctx): void {
  const after = ctx.profile.dropSynOptionsAfter;
  if (after === null || d.synTransmits < after || d.offer.none) return;
  d.offer = { mss: d.offer.mss, wscale: null, sackOK: false, ts: null, ecn: d.offer.ecn === true };
}

/** Sends (or resends) <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK> and arms its timer. */
export function sendSynAck(d: Conn, ctx: Ctx, retransmit: number): void {
  sendSegment(d, ctx, Flag.SYN | Flag.ACK, d.iss, undefined, retransmit);
  armSynTimer(d, ctx);
}

function armSynTimer(d: Conn, ctx: Ctx): void {
  d.synTransmits++;
  d.sndNxt = seqAdd(d.iss, 1);
  d.rtxNext = d.sndNxt;
  // Karn's rule (RFC 6298 §3): only a SYN sent once may be timed.
  if (d.synTransmits === 1) {
    d.synSentAt = ctx.now;
    d.rttSeq = d.sndNxt;
    d.rttStart = ctx.now;
  } else {
    d.rttSeq = null;
  }
  // A SYN-ACK (SYN-RECEIVED, also after a simultaneous open) waits by the SYN-ACK's table.
  const synAck = d.state !== 'SYN-SENT';
  let at = ctx.now + synTimeout(ctx.profile, d.synTransmits, synAck);
  if (d.connectDeadline !== null) at = Math.min(at, d.connectDeadline);
  setTimer(d, ctx, 'retransmit', at);
}

/** Records what the peer's SYN offered and what the two ends agreed (RFC 7323, RFC 2018). */
export function absorbPeerSyn(
  d: Conn,
  seg: Segment,
  profile: Profile,
  defaultMss = profile.defaultPeerMss,
): void {
  const peer = readOffer(seg.options);
  d.irs = seg.seq;
  d.rcvNxt = seqAdd(seg.seq, 1);
  d.rcvAdvertised = d.rcvNxt;
  d.negotiated = negotiate(d.offer, peer, defaultMss, profile.minSendMss);
  if (d.negotiated.timestamps && peer.tsVal !== null) d.tsRecent = peer.tsVal;
  if (profile.roundReceiveBufferToMss && d.negotiated.sendMss > 0) {
    // FreeBSD tcp_mss(): sbreserve(roundup(recvspace, mss)), e.g. 65536 → 65700 for MSS 1460.
    const mss = d.negotiated.sendMss;
    d.rcvBuffer = Math.ceil(d.rcvBuffer / mss) * mss;
  }
}

/** SND.WND, SND.WL1, SND.WL2 from a segment (RFC 9293 §3.10.7.3 / §3.10.7.4 fifth). */
export function takeWindow(d: Conn, seg: Segment): void {
  // RFC 7323 §2.2: the window of a segment carrying SYN is never scaled.
  const shift = seg.flags & Flag.SYN ? 0 : (d.negotiated?.wscale?.recv ?? 0);
  d.sndWnd = seg.window << shift;
  d.sndWl1 = seg.seq;
  d.sndWl2 = seg.ack;
  if (d.sndWnd > d.maxSndWnd) d.maxSndWnd = d.sndWnd;
  // An open window ends the probing (Linux tcp_ack_probe() clears icsk_probes_tstamp).
  if (d.sndWnd > 0) d.probingSince = null;
}

/**
 * Both SYNs are acknowledged. The handshake timer stops; if close() or shutdown(write)
 * was called during the handshake, its FIN now goes (RFC 9293 §3.10.4, SYN-RECEIVED).
 */
export function enterEstablished(d: Conn, ctx: Ctx, cause: string): void {
  cancelTimer(d, ctx, 'retransmit');
  d.retries = 0;
  rtoAfterHandshake(d, ctx);
  // Linux opens quick-ack mode with the first data instead (delayed-ack.ts dataReceived).
  d.quickAcks = adaptiveAck(ctx) ? 0 : ctx.profile.quickAckSegments;
  setState(d, ctx, 'ESTABLISHED', cause);
  deliverQueuedText(d, ctx);
  if (d.writeShut) {
    setState(
      d,
      ctx,
      'FIN-WAIT-1',
      'the close() queued during the handshake sends its FIN (RFC 9293 §3.10.4)',
    );
  }
}
