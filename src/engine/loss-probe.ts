/**
 * The tail-loss probe (TLP, RFC 8985 §7) as Linux sends it (profile `tailLossProbe`). When the
 * last segments of a flight are lost, no duplicate ACK can announce it and only the RTO would
 * repair it. So about two round trips after new data leaves, the sender probes: it sends new
 * data if it has some that fits the peer's window, else it sends its last segment again. The
 * ACK of the probe then tells what arrived, well before the RTO.
 *
 * The probe timer stands in for the retransmission timer, as in Linux where both are the one
 * icsk timer (ICSK_TIME_LOSS_PROBE or ICSK_TIME_RETRANS): arming the probe stops the RTO, and
 * the RTO is armed again when the probe has gone.
 */
import type { Conn } from './conn';
import { payloadMss, sendTailProbe } from './output';
import { currentTimeout } from './rtt';
import { seqDiff, seqGeq, seqGt } from './seq';
import { cancelTimer, setTimer, type Ctx } from './step';

/** Linux TCP_TIMEOUT_MIN (2 jiffies, TCP_TIMEOUT_MIN_US): the margin over 2·SRTT. */
const PROBE_MARGIN_MS = 2;

/**
 * Linux tcp_schedule_loss_probe(), called when new data has left (tcp_write_xmit()) and when an
 * ACK acknowledged new data with more outstanding (tcp_set_xmit_timer()). False when no probe
 * applies; the caller arms the RTO instead.
 */
export function scheduleLossProbe(d: Conn, ctx: Ctx): boolean {
  if (!probes(d, ctx)) return false;
  cancelTimer(d, ctx, 'retransmit');
  setTimer(d, ctx, 'loss-probe', ctx.now + probeTimeout(d, ctx));
  return true;
}

/**
 * When a probe may be scheduled (tcp_schedule_loss_probe()): data is outstanding, SACK was
 * agreed (tcp_is_sack()), the connection is not recovering from a timeout (icsk_ca_state
 * Open), and it is not a Fast Open child before the third ACK (fastopen_rsk).
 */
function probes(d: Readonly<Conn>, ctx: Ctx): boolean {
  return (
    ctx.profile.tailLossProbe &&
    d.negotiated?.sackPermitted === true &&
    d.sndUna !== d.sndNxt &&
    d.recoveryEnd === null &&
    d.state !== 'SYN-RECEIVED'
  );
}

/**
 * The probe timeout (PTO, RFC 8985 §7.2; tcp_schedule_loss_probe()): 2·SRTT, plus the minimum
 * RTO when a single segment is in flight, whose ACK the receiver may delay (RFC 8985's
 * WCDelAckT; Linux adds tcp_rto_min), else plus 2 ms; 1 s without an RTT sample
 * (TCP_TIMEOUT_INIT). Never later than the RTO would fire: the probe then goes at that time.
 */
function probeTimeout(d: Readonly<Conn>, ctx: Ctx): number {
  const { profile } = ctx;
  let pto = profile.rtoInitialMs;
  if (d.srtt !== null) {
    const oneSegment = seqDiff(d.sndNxt, d.sndUna) <= payloadMss(d) + 1;
    pto = 2 * d.srtt + (oneSegment ? profile.rtoMinMs : PROBE_MARGIN_MS);
  }
  // tcp_rto_delta_us(): the RTO runs from when the oldest outstanding data was sent.
  const rtoLeft = d.unaSentAt + currentTimeout(d, profile) - ctx.now;
  return rtoLeft > 0 ? Math.min(pto, rtoLeft) : pto;
}

/**
 * The probe timer fired (Linux tcp_send_loss_probe()): at most one probe is outstanding
 * (tlp_high_seq); after it the RTO restarts from now. When no probe can go, the RTO is armed
 * for when it would have fired.
 */
export function lossProbeFired(d: Conn, ctx: Ctx): void {
  const probe = d.tlpHighSeq === null ? sendTailProbe(d, ctx) : null;
  if (probe !== null) {
    d.tlpHighSeq = d.sndNxt;
    d.tlpRetrans = probe === 'resent';
    setTimer(d, ctx, 'retransmit', ctx.now + currentTimeout(d, ctx.profile));
    return;
  }
  const due = d.unaSentAt + currentTimeout(d, ctx.profile);
  setTimer(d, ctx, 'retransmit', Math.max(due, ctx.now + 1));
}

/**
 * An acceptable ACK ends the probe episode once it covers the probe (Linux
 * tcp_process_tlp_ack(): new data acknowledged, or an ACK beyond tlp_high_seq), and the
 * recovery after a timeout once SND.UNA reaches what had been sent then (TCP_CA_Loss ends).
 */
export function probeStateOnAck(d: Conn): void {
  const una = d.sndUna;
  if (
    d.tlpHighSeq !== null &&
    (seqGt(una, d.tlpHighSeq) || (!d.tlpRetrans && seqGeq(una, d.tlpHighSeq)))
  ) {
    d.tlpHighSeq = null;
  }
  if (d.recoveryEnd !== null && seqGeq(una, d.recoveryEnd)) {
    d.recoveryEnd = null;
    d.lossRecovery = false;
  }
}
