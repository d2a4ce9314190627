/**
 * Congestion control (RFC 5681, RFC 6582 NewReno, RFC 3042, RFC 6928): the congestion window
 * that bounds the send side together with the peer's window, grown by slow start and congestion
 * avoidance, cut by fast retransmit and by a timeout. How each stack counts growth is the
 * profile's `congestionControl`:
 * - 'rfc': RFC 5681 §3.1, cwnd += min(N, SMSS) per ACK in slow start (eq. 2) and one SMSS per
 *   window of acknowledged bytes in congestion avoidance (the byte counting §3.1 recommends).
 * - 'linux': Reno as tcp_cong.c counts it in packets: tcp_slow_start() adds the segments each
 *   ACK covers, up to ssthresh, tcp_cong_avoid_ai() adds one after a window of them
 *   (snd_cwnd_cnt); only while tcp_is_cwnd_limited() (in slow start while cwnd is under twice
 *   the largest flight, max_packets_out; after it while the last send was held by cwnd).
 * - 'freebsd': NewReno with Appropriate Byte Counting (RFC 3465) as cc_newreno.c and cc.c do it:
 *   slow start adds min(bytes acked, abc_l_var · maxseg) with net.inet.tcp.abc_l_var = 2 (one
 *   maxseg while retransmitting after a timeout, snd_nxt < snd_max), congestion avoidance one
 *   maxseg per cwnd of bytes acked (t_bytes_acked); only while CCF_CWND_LIMITED (cwnd ≤ snd_wnd,
 *   cc_ack_received() in tcp_input.c).
 */
import { dataEnd, type Conn } from './conn';
import type { Incoming } from './incoming';
import { payloadMss, resendFrom } from './output';
import { currentTimeout } from './rtt';
import { seqAdd, seqDiff, seqGeq, seqGt, seqLt } from './seq';
import { cancelTimer, setTimer, type Ctx } from './step';
import type { CongestionNote, CongestionPhase } from './congestion-state';
import { Flag, type Seq } from './types';

/** RFC 5681 §3.2 / RFC 6582: the third duplicate ACK starts a fast retransmit (DupThresh). */
export const DUP_THRESH = 3;

/** FreeBSD net.inet.tcp.abc_l_var = 2: slow start grows at most 2 maxseg per ACK (RFC 3465 §2.3 L). */
const ABC_L_VAR = 2;

/** RFC 6928 §2: IW = min(10·MSS, max(2·MSS, 14600)); 14600 is ten segments of 1460 bytes. */
const IW_BYTES_PER_SEGMENT = 1460;

/** The initial window in bytes (RFC 6928; Linux TCP_INIT_CWND packets; FreeBSD tcp_compute_initwnd()). */
function initialWindow(ctx: Ctx, smss: number): number {
  const n = ctx.profile.initialWindowSegments;
  if (ctx.profile.congestionControl === 'linux') return n * smss;
  return Math.min(n * smss, Math.max(2 * smss, n * IW_BYTES_PER_SEGMENT));
}

/** cwnd in bytes, set to the initial window the first time it is needed. */
export function cwndOf(d: Conn, ctx: Ctx): number {
  d.cc.cwnd ??= initialWindow(ctx, payloadMss(d));
  return d.cc.cwnd;
}

function inSlowStart(d: Readonly<Conn>, ctx: Ctx, cwnd: number): boolean {
  const ssthresh = d.cc.ssthresh;
  if (ssthresh === null) return true;
  // FreeBSD newreno: congestion avoidance once cwnd > ssthresh; Linux tcp_in_slow_start() and
  // RFC 5681 §3.1: slow start while cwnd < ssthresh.
  return ctx.profile.congestionControl === 'freebsd' ? cwnd <= ssthresh : cwnd < ssthresh;
}

/**
 * How far beyond SND.UNA the congestion window lets data go: cwnd, plus one SMSS for each of
 * the first two duplicate ACKs (Limited Transmit, RFC 3042 §2; FreeBSD V_tcp_do_rfc3042, and
 * Linux by counting a duplicate ACK's segment as out of the network, tcp_add_reno_sack()).
 */
export function congestionWindow(d: Conn, ctx: Ctx): number {
  const cwnd = cwndOf(d, ctx);
  const { dupAcks, inRecovery } = d.cc;
  if (inRecovery || dupAcks === 0 || dupAcks >= DUP_THRESH) return cwnd;
  return cwnd + dupAcks * payloadMss(d);
}

/**
 * After a send: Linux tcp_cwnd_validate() keeps the largest flight of the current window and
 * whether the send was held back by cwnd, which tcp_is_cwnd_limited() reads on the next ACK.
 */
export function noteFlight(d: Conn, ctx: Ctx, waiting: boolean): void {
  // After a timeout everything beyond rtxNext counts as lost, not in flight (tcp_enter_loss()).
  const flight = seqDiff(d.rtxNext, d.sndUna);
  const limited = waiting && flight >= cwndOf(d, ctx);
  const cc = d.cc;
  if (seqGeq(d.sndUna, cc.usageSeq) || limited || (!cc.cwndLimited && flight > cc.maxFlight)) {
    cc.cwndLimited = limited;
    cc.maxFlight = flight;
    cc.usageSeq = d.sndNxt;
  }
}

/**
 * RFC 5681 §2 DUPLICATE ACKNOWLEDGMENT: data is outstanding, the segment carries no data, no
 * SYN or FIN, acknowledges SND.UNA exactly and advertises the window we already have.
 */
export function isDuplicateAck(d: Readonly<Conn>, v: Incoming): boolean {
  const seg = v.seg;
  if (d.sndUna === d.sndNxt || v.data.length > 0 || v.fin) return false;
  if (seg.flags & (Flag.SYN | Flag.FIN) || seg.ack !== d.sndUna) return false;
  const shift = d.negotiated?.wscale?.recv ?? 0;
  return seg.window << shift === d.sndWnd;
}

/** ssthresh after a loss signal (RFC 5681 §3.1 eq. 4), as each stack computes it. */
function reducedSsthresh(d: Conn, ctx: Ctx): number {
  const smss = payloadMss(d);
  const cwnd = cwndOf(d, ctx);
  switch (ctx.profile.congestionControl) {
    case 'linux':
      // tcp_reno_ssthresh(): max(snd_cwnd >> 1, 2) packets.
      return Math.max(Math.floor(Math.round(cwnd / smss) / 2), 2) * smss;
    case 'freebsd':
      // newreno_cong_signal(): max(min(snd_wnd, snd_cwnd) / 2 / maxseg, 2) · maxseg.
      return Math.max(Math.floor(Math.min(d.sndWnd, cwnd) / 2 / smss), 2) * smss;
    case 'rfc':
      // eq. 4: max(FlightSize / 2, 2·SMSS).
      return Math.max(Math.floor(seqDiff(d.sndNxt, d.sndUna) / 2), 2 * smss);
  }
}

/**
 * Enters fast recovery (RFC 5681 §3.2 steps 2–3, RFC 6582 §3.2 step 2): ssthresh from the
 * flight, recover = SND.NXT, cwnd = ssthresh + 3·SMSS for the three segments the duplicate ACKs
 * say have left the network (less those Limited Transmit already sent beyond cwnd, FreeBSD
 * snd_limited). The caller resends the missing segment; the note of that segment says why.
 */
export function enterFastRecovery(d: Conn, ctx: Ctx, kind: 'duplicate-acks' | 'sack'): void {
  const smss = payloadMss(d);
  const cwnd = cwndOf(d, ctx);
  const cc = d.cc;
  const limited = Math.min(2, Math.ceil(Math.max(0, seqDiff(d.sndNxt, d.sndUna) - cwnd) / smss));
  cc.ssthresh = reducedSsthresh(d, ctx);
  cc.cwnd = cc.ssthresh + (DUP_THRESH - limited) * smss;
  cc.count = 0;
  cc.inRecovery = true;
  cc.recover = d.sndNxt;
  cc.signal = { kind, cwndBefore: cwnd };
}

/**
 * The third duplicate ACK (RFC 5681 §3.2 step 2): fast retransmit of the segment at SND.UNA and
 * fast recovery, unless the ACK does not cover more than `recover` (RFC 6582 §3.2 step 2: the
 * loss was already answered) or a recovery is under way. Further duplicate ACKs in fast recovery
 * inflate cwnd by one SMSS each (step 4), which may let new data go.
 */
export function duplicateAck(d: Conn, ctx: Ctx): void {
  const cc = d.cc;
  cc.dupAcks++;
  if (cc.inRecovery) {
    cc.cwnd = cwndOf(d, ctx) + payloadMss(d);
    return;
  }
  if (cc.dupAcks !== DUP_THRESH || d.lossRecovery || !seqGt(d.sndUna, cc.recover)) return;
  enterFastRecovery(d, ctx, 'duplicate-acks');
  startLossRecovery(d);
  resendHead(d, ctx);
}

/** Linux TCP_CA_Recovery / FreeBSD IN_FASTRECOVERY: no tail-loss probe until it ends. */
function startLossRecovery(d: Conn): void {
  d.recoveryEnd = d.sndNxt;
  d.lossRecovery = true;
  d.tlpHighSeq = null;
}

/**
 * Resends the segment at SND.UNA and restarts the RTO for it (FreeBSD tcp_input() turns the
 * timer off before tcp_output(); Linux tcp_xmit_retransmit_queue() rearms it for the head).
 * Karn: no RTT sample from the resent data.
 */
function resendHead(d: Conn, ctx: Ctx): void {
  if (d.rttSeq !== null && seqGt(d.rttSeq, d.sndUna)) d.rttSeq = null;
  // Only what was sent before: never past SND.NXT, where unsent data may wait.
  resendFrom(d, ctx, d.sndUna, Math.min(payloadMss(d), seqDiff(d.sndNxt, d.sndUna)), 1);
  cancelTimer(d, ctx, 'loss-probe');
  setTimer(d, ctx, 'retransmit', ctx.now + currentTimeout(d, ctx.profile));
}

/**
 * An ACK acknowledged `acked` new bytes (SND.UNA has moved). In fast recovery, a full ACK ends
 * it and deflates cwnd (RFC 6582 §3.2 step 3) and a partial one resends the next segment and
 * deflates by what it acknowledged (step 4); otherwise cwnd grows by slow start or congestion
 * avoidance (RFC 5681 §3.1).
 */
export function newDataAcked(d: Conn, ctx: Ctx, acked: number): void {
  const cc = d.cc;
  cc.dupAcks = 0;
  if (cc.cwnd === null) return;
  const smss = payloadMss(d);
  if (cc.inRecovery) {
    if (seqLt(d.sndUna, cc.recover)) return partialAck(d, ctx, acked, smss);
    exitRecovery(d, ctx, smss);
  }
  grow(d, ctx, acked, smss);
}

/** RFC 6582 §3.2 step 4 (FreeBSD tcp_newreno_partial_ack()): the next hole goes at once. */
function partialAck(d: Conn, ctx: Ctx, acked: number, smss: number): void {
  const cc = d.cc;
  const before = cwndOf(d, ctx);
  cc.cwnd = Math.max(before - acked, 0) + (acked >= smss ? smss : 0);
  cc.cwnd = Math.max(cc.cwnd, smss);
  cc.signal = { kind: 'partial-ack', cwndBefore: before };
  resendHead(d, ctx);
}

/**
 * The ACK that covers `recover` ends fast recovery (RFC 6582 §3.2 step 3). Linux sets cwnd to
 * ssthresh (tcp_end_cwnd_reduction()); FreeBSD newreno_post_recovery() and the RFC's first
 * option take min(ssthresh, max(FlightSize, SMSS) + SMSS).
 */
function exitRecovery(d: Conn, ctx: Ctx, smss: number): void {
  const cc = d.cc;
  const ssthresh = cc.ssthresh ?? cwndOf(d, ctx);
  const flight = seqDiff(d.sndNxt, d.sndUna);
  cc.cwnd =
    ctx.profile.congestionControl === 'linux'
      ? ssthresh
      : flight < ssthresh
        ? Math.max(flight, smss) + smss
        : ssthresh;
  cc.inRecovery = false;
  cc.count = 0;
}

/** Slow start and congestion avoidance (RFC 5681 §3.1) as the profile's stack counts them. */
function grow(d: Conn, ctx: Ctx, acked: number, smss: number): void {
  const cc = d.cc;
  const cwnd = cwndOf(d, ctx);
  const slowStart = inSlowStart(d, ctx, cwnd);
  switch (ctx.profile.congestionControl) {
    case 'rfc':
      if (slowStart) {
        cc.cwnd = cwnd + Math.min(acked, smss);
      } else {
        cc.count += acked;
        if (cc.count >= cwnd) {
          cc.count -= cwnd;
          cc.cwnd = cwnd + smss;
        }
      }
      return;
    case 'freebsd': {
      if (cwnd > d.sndWnd) return; // not CCF_CWND_LIMITED
      if (slowStart) {
        // snd_nxt < snd_max while the go-back retransmission after a timeout is under way.
        const l = seqLt(d.rtxNext, d.sndNxt) ? 1 : ABC_L_VAR;
        cc.cwnd = cwnd + Math.min(acked, l * smss);
        cc.count = 0;
      } else {
        cc.count += Math.min(acked, ABC_L_VAR * smss);
        if (cc.count >= cwnd) {
          cc.count -= cwnd;
          cc.cwnd = cwnd + smss;
        }
      }
      return;
    }
    case 'linux':
      return linuxRenoGrow(d, cwnd, Math.ceil(acked / smss), smss, slowStart);
  }
}

/** tcp_reno_cong_avoid(): in packets, while tcp_is_cwnd_limited(). */
function linuxRenoGrow(d: Conn, cwnd: number, packets: number, smss: number, ss: boolean): void {
  const cc = d.cc;
  const limited = ss ? cwnd < 2 * cc.maxFlight : cc.cwndLimited;
  if (!limited) return;
  let segs = Math.round(cwnd / smss);
  let left = packets;
  if (ss) {
    // tcp_slow_start(): cwnd = min(cwnd + acked, ssthresh); what is left goes on below.
    const ssthreshSegs = cc.ssthresh === null ? Infinity : Math.round(cc.ssthresh / smss);
    const grown = Math.min(segs + left, Math.max(ssthreshSegs, segs));
    left -= grown - segs;
    segs = grown;
    if (left <= 0) {
      cc.cwnd = segs * smss;
      return;
    }
  }
  // tcp_cong_avoid_ai(tp, w = cwnd, acked).
  const w = segs;
  if (cc.count >= w) {
    cc.count = 0;
    segs++;
  }
  cc.count += left;
  if (cc.count >= w) {
    const delta = Math.floor(cc.count / w);
    cc.count -= delta * w;
    segs += delta;
  }
  cc.cwnd = segs * smss;
}

/**
 * The retransmission timer fired (RFC 5681 §3.1 eq. 4, RFC 6298 §5.5–5.6, RFC 6582 §3.2
 * "after a retransmit timeout, record … recover"): ssthresh from the flight on the first timeout
 * of an episode (RFC 5681: held when the segment was already resent by the timer; Linux
 * tcp_enter_loss() keeps it in TCP_CA_Loss and after fast recovery; FreeBSD's CC_RTO computes
 * it each time), cwnd to the loss window of one segment, and fast recovery ends.
 */
export function congestionTimeout(d: Conn, ctx: Ctx): void {
  const cc = d.cc;
  const before = cwndOf(d, ctx);
  const first = d.retries <= 1;
  const recompute =
    ctx.profile.congestionControl === 'freebsd' ||
    (first && !cc.inRecovery) ||
    cc.ssthresh === null;
  if (recompute) cc.ssthresh = reducedSsthresh(d, ctx);
  cc.cwnd = payloadMss(d);
  cc.count = 0;
  cc.dupAcks = 0;
  cc.inRecovery = false;
  cc.recover = d.sndNxt;
  cc.signal = { kind: 'timeout', cwndBefore: before };
}

/** The note a data segment carries; the pending signal goes with it once. */
export function congestionNote(d: Conn, ctx: Ctx): CongestionNote {
  const cwnd = cwndOf(d, ctx);
  const cc = d.cc;
  const phase: CongestionPhase = cc.inRecovery
    ? 'fast-recovery'
    : inSlowStart(d, ctx, cwnd)
      ? 'slow-start'
      : 'congestion-avoidance';
  const smss = payloadMss(d);
  const last = cc.lastNote;
  if (cc.signal === null) {
    if (
      last !== null &&
      last.signal === undefined &&
      last.cwnd === cwnd &&
      last.ssthresh === cc.ssthresh &&
      last.smss === smss &&
      last.phase === phase
    ) {
      return last;
    }
    cc.lastNote = { cwnd, ssthresh: cc.ssthresh, smss, phase };
    return cc.lastNote;
  }
  const signal = cc.signal;
  cc.signal = null;
  cc.lastNote = null;
  return { cwnd, ssthresh: cc.ssthresh, smss, phase, signal };
}

/** SND.UNA + min(SND.WND, congestion window): the right edge data may reach (RFC 5681 §3.1). */
export function sendEdge(d: Conn, ctx: Ctx): Seq {
  return seqAdd(d.sndUna, Math.min(d.sndWnd, congestionWindow(d, ctx)));
}

/**
 * The right edge for new data: as sendEdge, except that when cwnd is what holds the sender back
 * it sends whole segments only, or the last of its data (sender SWS avoidance, RFC 9293
 * §3.8.6.2.1: FreeBSD tcp_output() waits for a full maxseg; Linux counts cwnd in packets).
 */
export function newDataEdge(d: Conn, ctx: Ctx): Seq {
  const cwnd = congestionWindow(d, ctx);
  if (d.sndWnd <= cwnd) return seqAdd(d.sndUna, d.sndWnd);
  const room = cwnd - seqDiff(d.sndNxt, d.sndUna);
  const avail = seqDiff(dataEnd(d), d.sndNxt);
  if (room > 0 && room < payloadMss(d) && room < avail) return d.sndNxt;
  return seqAdd(d.sndUna, cwnd);
}
