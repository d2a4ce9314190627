/**
 * Linux's delayed-ACK engine (profile ackTimeout 'adaptive'). RFC 9293 §3.8.6.3 only bounds
 * the delay (SHLD-18: under 0.5 s); Linux estimates it per connection:
 *
 * - ato, the ACK timeout, is 0 until the first data segment arrives, which starts it at
 *   TCP_ATO_MIN and opens quick-ack mode; later arrivals move it toward the gap between them
 *   (tcp_event_data_recv()).
 * - In quick-ack mode every data segment is acknowledged at once, for as many ACKs as half the
 *   window holds segments, at most TCP_MAX_QUICKACKS (tcp_incr_quickack(),
 *   tcp_dec_quickack_mode()).
 * - An interactive connection, one that sends data within ato of the last data it received or
 *   has received the peer's FIN, is in pingpong mode: it leaves quick-ack and delays its ACKs
 *   so that its reply can carry them (tcp_event_data_sent(), tcp_fin()). A delayed ACK that had
 *   to go alone ends pingpong mode (tcp_delack_timer_handler()).
 * - The delay is ato, bounded by the smoothed RTT when one is known and by TCP_DELACK_MAX
 *   (tcp_send_delayed_ack()).
 *
 * The profile's delayedAckMs is TCP_ATO_MIN = TCP_DELACK_MIN (HZ/25) and its quickAckSegments
 * TCP_MAX_QUICKACKS.
 */
import type { Conn } from './conn';
import { payloadMss } from './output';
import { receiveWindow } from './emit';
import { setTimer, type Ctx } from './step';

/** TCP_DELACK_MAX (include/net/tcp.h): HZ/5, the longest an ACK is delayed. */
export const DELACK_MAX_MS = 200;
/** tcp_send_delayed_ack(): HZ/2 bounds ato outside pingpong mode. */
const ATO_BOUND_MS = 500;

/** Whether the profile estimates the ACK timeout as Linux does. */
export function adaptiveAck(ctx: Ctx): boolean {
  return ctx.profile.ackTimeout === 'adaptive' && ctx.profile.delayedAckMs > 0;
}

/**
 * tcp_incr_quickack(): quick-ack for as many segments as half the window holds (2 if none),
 * at most TCP_MAX_QUICKACKS; never fewer than are left.
 */
function addQuickAcks(d: Conn, ctx: Ctx): void {
  const fit = Math.floor(receiveWindow(d) / (2 * payloadMss(d))) || 2;
  const quick = Math.min(fit, ctx.profile.quickAckSegments);
  if (quick > d.quickAcks) d.quickAcks = quick;
}

/** tcp_enter_quickack_mode(): quick-ack again, out of pingpong mode, ato back to its minimum. */
export function enterQuickAck(d: Conn, ctx: Ctx): void {
  addQuickAcks(d, ctx);
  d.pingpong = false;
  d.ato = ctx.profile.delayedAckMs;
}

/** tcp_event_data_recv(): a data segment arrived in order; ato follows the arrival gaps. */
export function dataReceived(d: Conn, ctx: Ctx): void {
  const atoMin = ctx.profile.delayedAckMs;
  if (d.ato === 0) {
    // The first data segment starts the estimator and quick-ack mode.
    addQuickAcks(d, ctx);
    d.ato = atoMin;
  } else {
    const gap = ctx.now - d.lastDataAt;
    if (gap <= atoMin / 2) {
      d.ato = Math.floor(d.ato / 2) + atoMin / 2;
    } else if (gap < d.ato) {
      d.ato = Math.min(Math.floor(d.ato / 2) + gap, d.rto);
    } else if (gap > d.rto) {
      // "Too long gap. Apparently sender failed to restart window": ACK quickly again.
      addQuickAcks(d, ctx);
    }
  }
  d.lastDataAt = ctx.now;
}

/**
 * __tcp_ack_snd_check(), once the segment's text and FIN are processed: at once when an ACK
 * is already due or in quick-ack mode outside pingpong, otherwise after the delay.
 */
export function checkAck(d: Conn, ctx: Ctx): void {
  if (d.ackNow) return;
  if (d.quickAcks > 0 && !d.pingpong) {
    d.ackNow = true;
    return;
  }
  const delay = ackDelay(d, ctx);
  if (d.delayedAckAt !== null) {
    // A pending delayed ACK about to go is sent now; otherwise the earlier time stands.
    if (d.delayedAckAt <= ctx.now + delay / 4) d.ackNow = true;
    return;
  }
  setTimer(d, ctx, 'delayed-ack', ctx.now + delay);
}

/**
 * tcp_send_delayed_ack(): ato, at most the smoothed RTT (not under TCP_DELACK_MIN) when one
 * is known and at most HZ/2 (TCP_DELACK_MAX in pingpong mode), never over TCP_DELACK_MAX.
 * An ato of 0 (no data received yet) sends the ACK at the next tick.
 */
function ackDelay(d: Conn, ctx: Ctx): number {
  const delackMin = ctx.profile.delayedAckMs;
  let ato = d.ato;
  if (ato > delackMin) {
    let bound = d.pingpong ? DELACK_MAX_MS : ATO_BOUND_MS;
    if (d.srtt !== null) bound = Math.min(bound, Math.max(d.srtt, delackMin));
    ato = Math.min(ato, bound);
  }
  return Math.min(ato, DELACK_MAX_MS);
}

/**
 * tcp_event_ack_sent() → tcp_dec_quickack_mode(): an ACK that answers data waiting for one
 * spends a quick ACK; the last one spent deflates ato to its minimum.
 */
export function ackSent(d: Conn, ctx: Ctx): void {
  if (d.quickAcks === 0 || (!d.ackNow && d.delayedAckAt === null)) return;
  d.quickAcks--;
  if (d.quickAcks === 0) d.ato = ctx.profile.delayedAckMs;
}

/** tcp_event_data_sent(): data sent within ato of the last data received: pingpong mode. */
export function dataSent(d: Conn, ctx: Ctx): void {
  if (ctx.now - d.lastDataAt < d.ato) d.pingpong = true;
}

/**
 * tcp_delack_timer_handler(): the delayed ACK goes alone. Outside pingpong mode ato doubles
 * (at most the RTO); in it, the connection was not interactive after all and leaves it.
 */
export function delayedAckFired(d: Conn, ctx: Ctx): void {
  if (!d.pingpong) {
    d.ato = Math.min(d.ato * 2, d.rto);
  } else {
    d.pingpong = false;
    d.ato = ctx.profile.delayedAckMs;
  }
}
