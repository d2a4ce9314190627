/**
 * The probe timer (timer `persist`): it runs while data waits to be sent and nothing is in
 * flight, because the peer's window is zero (RFC 9293 §3.8.6.1) or because the host's own
 * interface queue refused the data (Linux ICSK_TIME_PROBE0 serves both: tcp_write_xmit()
 * leaves the data unsent and tcp_check_probe_timer() arms it at tcp_probe0_base()).
 *
 * When it fires (Linux tcp_probe_timer() → tcp_send_probe0() → tcp_write_wakeup()): data that
 * fits the window goes as data; a zero window gets the profile's probe (zeroWindowProbe).
 * A probe that left doubles the next wait; one the host's queue refused waits
 * localRetryMs, without backoff. The connection fails when probesOut unanswered probes reach
 * the retry limit (tcp_retries2), or, with TCP_USER_TIMEOUT, when the user timeout has passed
 * since the first probe (icsk_probes_tstamp), answered or not.
 */
import { dataEnd, type Conn } from './conn';
import { sendSegment } from './emit';
import { sendWithinWindow, sendWindowProbe } from './output';
import { currentTimeout } from './rtt';
import { seqAdd } from './seq';
import { cancelTimer, setTimer, type Ctx } from './step';
import { Flag } from './types';

/** Linux TCP_TIMEOUT_MIN (2 jiffies at HZ 1000): the shortest wait tcp_clamp_probe0…() leaves. */
const TIMEOUT_MIN_MS = 2;

/** The probe timer fired; `giveUp` ends the connection with the timeout error. */
export function probeTimerFired(d: Conn, ctx: Ctx, giveUp: (d: Conn, ctx: Ctx) => void): void {
  d.probingSince ??= ctx.now;
  if (probingTimedOut(d, ctx) || d.probesOut >= ctx.profile.dataRetries) return giveUp(d, ctx);
  if (d.sndWnd === 0 && ctx.profile.zeroWindowProbe === 'data-byte') {
    // One byte of new data: the retransmission timer covers it from here (RFC 9293 §3.8.6.1).
    d.backoff++;
    if (sendWindowProbe(d, ctx)) return;
    // Refused by the host's own queue: again at the timeout just backed off.
    d.probesOut++;
    setTimer(
      d,
      ctx,
      'persist',
      ctx.now + clampToUserTimeout(d, ctx, currentTimeout(d, ctx.profile)),
    );
    return;
  }
  if (d.sndWnd > 0 || dataEnd(d) === d.sndNxt) {
    // tcp_write_wakeup(): the window takes data (or only a FIN waits, which no window holds
    // back here), so it goes; once it is in flight the retransmission timer takes over and
    // the probing ends (tcp_send_probe0()).
    if (sendWithinWindow(d, ctx)) {
      endProbing(d);
      return;
    }
    return probeAgain(d, ctx, true);
  }
  // tcp_xmit_probe_skb(): <SEQ=SND.UNA−1><ACK=RCV.NXT><CTL=ACK>, old enough to draw an ACK.
  const sent = sendSegment(d, ctx, Flag.ACK, seqAdd(d.sndUna, -1));
  probeAgain(d, ctx, !sent);
}

/**
 * tcp_send_probe0() after a probe that did not put data in flight: one more probe out, and
 * the timer again, backed off, or after localRetryMs when the host's queue refused it.
 */
function probeAgain(d: Conn, ctx: Ctx, refused: boolean): void {
  d.probesOut++;
  let wait: number;
  if (refused && ctx.profile.localRetryMs !== null) {
    wait = ctx.profile.localRetryMs;
  } else {
    if (d.backoff < ctx.profile.dataRetries) d.backoff++;
    wait = currentTimeout(d, ctx.profile);
  }
  setTimer(d, ctx, 'persist', ctx.now + clampToUserTimeout(d, ctx, wait));
}

/**
 * An ACK arrived (Linux tcp_ack() zeroes icsk_probes_out: the peer is alive). With nothing in
 * flight and the probe timer running, tcp_ack_probe(): a window that now takes data ends the
 * probing (the output sends it); else the timer restarts, backed off, from this ACK.
 */
export function probeAnswered(d: Conn, ctx: Ctx): void {
  d.probesOut = 0;
  if (d.persistAt === null || d.sndUna !== d.sndNxt) return;
  if (ctx.profile.zeroWindowProbe === 'data-byte') return;
  if (d.sndWnd > 0) {
    cancelTimer(d, ctx, 'persist');
    endProbing(d);
    return;
  }
  const wait = clampToUserTimeout(d, ctx, currentTimeout(d, ctx.profile));
  setTimer(d, ctx, 'persist', ctx.now + wait);
}

/** Data is in flight or the window took it: the probing and its backoff end. */
function endProbing(d: Conn): void {
  d.probesOut = 0;
  d.backoff = 0;
  d.probingSince = null;
}

/**
 * Linux tcp_probe_timer(): a connection probing stays open as long as the peer answers
 * (RFC 9293 §3.8.6.1, MUST-38), unless TCP_USER_TIMEOUT is set: then it fails once the user
 * timeout has passed since its first probe (icsk_probes_tstamp), answered or not.
 */
export function probingTimedOut(d: Conn, ctx: Ctx): boolean {
  return (
    d.userTimeoutMs > 0 && d.probingSince !== null && ctx.now - d.probingSince >= d.userTimeoutMs
  );
}

/** Linux tcp_clamp_probe0_to_user_timeout(): the next probe comes by the user timeout's end. */
function clampToUserTimeout(d: Conn, ctx: Ctx, wait: number): number {
  if (d.userTimeoutMs === 0 || d.probingSince === null) return wait;
  const remaining = d.probingSince + d.userTimeoutMs - ctx.now;
  return Math.min(wait, Math.max(remaining, TIMEOUT_MIN_MS));
}
