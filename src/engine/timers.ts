/**
 * Timer expiry for a connection (RFC 9293 §3.10.8, RFC 6298 §5.4–5.6).
 */
import type { Conn } from './conn';
import { congestionTimeout } from './congestion';
import { adaptiveAck, delayedAckFired } from './delayed-ack';
import { sendSyn, sendSynAck } from './handshake';
import { keepaliveFired } from './keepalive';
import { lossProbeFired } from './loss-probe';
import { flush } from './output';
import { probeTimerFired, probingTimedOut } from './probe-timer';
import { currentTimeout } from './rtt';
import { reportError, setState, setTimer, type Ctx } from './step';
import type { Errno, TimerName } from './types';
import { returnToListen } from './lifecycle';

/** The timer fires (the host's timer table found it due). */
export function connTimer(d: Conn, timer: TimerName, ctx: Ctx): void {
  switch (timer) {
    case 'retransmit':
      d.rtxAt = null;
      retransmitTimeout(d, ctx);
      break;
    case 'loss-probe':
      d.lossProbeAt = null;
      lossProbeFired(d, ctx);
      break;
    case 'persist':
      d.persistAt = null;
      probeTimerFired(d, ctx, giveUp);
      break;
    case 'delayed-ack':
      d.delayedAckAt = null;
      if (adaptiveAck(ctx)) delayedAckFired(d, ctx);
      d.ackNow = true;
      flush(d, ctx);
      break;
    case 'time-wait':
      d.timeWaitAt = null;
      setState(d, ctx, 'CLOSED', '2 MSL elapsed in TIME-WAIT (RFC 9293 §3.10.8)');
      break;
    case 'keepalive':
      d.keepaliveAt = null;
      keepaliveFired(d, ctx);
      break;
    case 'fin-wait-2':
      d.finWait2At = null;
      setState(
        d,
        ctx,
        'CLOSED',
        'orphaned FIN-WAIT-2 timed out (profile finWait2TimeoutMs; not in RFC 9293)',
      );
      break;
  }
}

function retransmitTimeout(d: Conn, ctx: Ctx): void {
  if (d.state === 'SYN-SENT') return synSentTimeout(d, ctx);
  if (d.state === 'SYN-RECEIVED') return synReceivedTimeout(d, ctx);
  d.retries++;
  if (
    d.userTimeoutMs > 0
      ? userTimeoutElapsed(d, ctx) || probingTimedOut(d, ctx)
      : d.retries > ctx.profile.dataRetries
  ) {
    return giveUp(d, ctx);
  }
  // Linux tcp_retransmit_timer(): the timeout ends a probe episode and starts a recovery
  // (TCP_CA_Loss, high_seq = SND.NXT) in which no tail-loss probe is scheduled.
  d.tlpHighSeq = null;
  d.recoveryEnd = d.sndNxt;
  d.lossRecovery = true;
  congestionTimeout(d, ctx); // RFC 5681 §3.1: ssthresh halved, cwnd one segment
  if (ctx.refusesTransmit && ctx.profile.localRetryMs !== null) {
    // The retransmission would fail in the host's own queue: Linux tries again after
    // TCP_RESOURCE_PROBE_INTERVAL without backing off (tcp_retransmit_timer(), "local
    // congestion", after tcp_enter_loss()); the retry still counts against the limits above
    // (icsk_retransmits).
    setTimer(d, ctx, 'retransmit', ctx.now + ctx.profile.localRetryMs);
    return;
  }
  // RFC 6298 §5.4–5.6: back off, resend the earliest unacknowledged segment, restart.
  d.backoff++;
  d.rtxRound = d.backoff;
  d.rtxNext = d.sndUna;
  d.rttSeq = null; // Karn: no sample from retransmitted data
  setTimer(d, ctx, 'retransmit', ctx.now + clampToUserTimeout(d, ctx));
  flush(d, ctx, 1);
}

function giveUp(d: Conn, ctx: Ctx): void {
  reportError(d, ctx, timeoutError(d));
  setState(
    d,
    ctx,
    'CLOSED',
    d.userTimeoutMs > 0
      ? 'TCP_USER_TIMEOUT elapsed with data unacknowledged (RFC 9293 §3.8.3 USER TIMEOUT)'
      : 'retransmissions exhausted: user timeout (RFC 9293 §3.8.3 R2)',
  );
}

/**
 * Linux tcp_write_timeout() → retransmits_timed_out() with icsk_user_timeout: once data was
 * retransmitted, the connection fails when the user timeout has passed since that data was
 * first sent, however many retransmissions that took (tcp_retries2 no longer counts).
 */
function userTimeoutElapsed(d: Conn, ctx: Ctx): boolean {
  return d.retries > 1 && ctx.now - d.unaSentAt >= d.userTimeoutMs;
}

/**
 * Linux tcp_clamp_rto_to_user_timeout(): the next timeout comes no later than the user
 * timeout's end (one tick after it, once it has passed), so the failure is on time.
 */
function clampToUserTimeout(d: Conn, ctx: Ctx): number {
  const rto = currentTimeout(d, ctx.profile);
  if (d.userTimeoutMs === 0) return rto;
  // While probing a zero window, tcp_clamp_probe0_to_user_timeout() counts from the first probe.
  const since = d.probingSince ?? d.unaSentAt;
  const remaining = since + d.userTimeoutMs - ctx.now;
  return remaining <= 0 ? 1 : Math.min(rto, remaining);
}

function connectTimedOut(d: Conn, ctx: Ctx): boolean {
  return d.connectDeadline !== null && ctx.now >= d.connectDeadline;
}

function synSentTimeout(d: Conn, ctx: Ctx): void {
  if (d.synTransmits > (d.synRetries ?? ctx.profile.synRetries) || connectTimedOut(d, ctx)) {
    reportError(d, ctx, timeoutError(d));
    setState(
      d,
      ctx,
      'CLOSED',
      'SYN retransmissions exhausted: connect() times out (RFC 9293 §3.8.3, MUST-23)',
    );
    return;
  }
  sendSyn(d, ctx);
}

function synReceivedTimeout(d: Conn, ctx: Ctx): void {
  if (d.synTransmits > ctx.profile.synAckRetries || connectTimedOut(d, ctx)) {
    if (d.passive) {
      returnToListen(
        d,
        ctx,
        'SYN,ACK retransmissions exhausted: the embryonic connection is dropped (RFC 9293 §3.8.3)',
      );
    } else {
      reportError(d, ctx, timeoutError(d));
      setState(d, ctx, 'CLOSED', 'SYN,ACK retransmissions exhausted (RFC 9293 §3.8.3)');
    }
    return;
  }
  sendSynAck(d, ctx, d.synTransmits);
}

/**
 * A connection that times out reports the last ICMP soft error it saw, else ETIMEDOUT
 * (RFC 9293 §3.9.2.2 SHLD-25; Linux tcp_write_err(): sk_err_soft ? : ETIMEDOUT).
 */
function timeoutError(d: Conn): Errno {
  return d.softError ?? 'ETIMEDOUT';
}
