/**
 * TCP keep-alives (RFC 9293 §3.8.4, RFC 1122 §4.2.3.6): a connection that has heard nothing
 * for the idle time sends a probe the peer must answer, every interval, and is dropped when a
 * number of intervals pass unanswered. Off unless the socket asks (MUST-24: default off).
 * The timing follows FreeBSD's tcp_timer_keep() (tcp_timer.c): the timer is armed with
 * TP_KEEPIDLE() when the connection is established and not re-armed per segment; when it
 * fires early (a segment came meanwhile, t_rcvtime) it waits out the rest of the idle time.
 */
import { isSynchronized, type Conn } from './conn';
import { sendSegment } from './emit';
import { seqAdd } from './seq';
import { cancelTimer, reportError, setState, setTimer, type Ctx } from './step';
import { Flag, type TcpState } from './types';

/** The socket's keep-alive options, in ms and a count of probes. */
export interface KeepaliveSettings {
  /** TCP_KEEPIDLE: idle time before the first probe. */
  readonly idleMs: number;
  /** TCP_KEEPINTVL: time between probes. */
  readonly intervalMs: number;
  /** TCP_KEEPCNT: unanswered probes before the connection is dropped. */
  readonly probes: number;
}

/** tcp_timer_keep() probes in ESTABLISHED up to CLOSING (t_state <= TCPS_CLOSING). */
const PROBING: ReadonlySet<TcpState> = new Set<TcpState>([
  'ESTABLISHED',
  'CLOSE-WAIT',
  'FIN-WAIT-1',
  'FIN-WAIT-2',
  'CLOSING',
]);

export function keepaliveFired(d: Conn, ctx: Ctx): void {
  const k = d.keepalive;
  if (k === null) return;
  const idle = ctx.now - d.lastHeardAt;
  if (idle < k.idleMs) {
    setTimer(d, ctx, 'keepalive', d.lastHeardAt + k.idleMs);
    return;
  }
  if (!PROBING.has(d.state)) {
    setTimer(d, ctx, 'keepalive', ctx.now + k.idleMs);
    return;
  }
  // TP_MAXIDLE() = TP_KEEPCNT() × TP_KEEPINTVL() past the idle time: the peer is gone, and
  // the connection ends with the stack's abort (tcp_drop() → tcp_output() in CLOSED).
  if (idle >= k.idleMs + k.probes * k.intervalMs) {
    sendSegment(d, ctx, ctx.profile.abortRstWithAck ? Flag.RST | Flag.ACK : Flag.RST, d.sndNxt);
    reportError(d, ctx, 'ETIMEDOUT');
    setState(d, ctx, 'CLOSED', 'keep-alive probes unanswered (RFC 9293 §3.8.4, RFC 1122 §4.2.3.6)');
    return;
  }
  // <SEQ=SND.UNA−1><ACK=RCV.NXT><CTL=ACK>, no data (tcp_respond(tp, ..., rcv_nxt, snd_una - 1,
  // 0)): a sequence number outside the peer's window, which §3.10.7.4 makes it answer.
  sendSegment(d, ctx, Flag.ACK, seqAdd(d.sndUna, -1));
  setTimer(d, ctx, 'keepalive', ctx.now + k.intervalMs);
}

/**
 * SO_KEEPALIVE / TCP_KEEP* set on a connection: an established one arms the timer for the
 * idle time from now (FreeBSD tcp_default_ctloutput() re-arms TT_KEEP with the new value).
 */
export function setConnKeepalive(d: Conn, k: KeepaliveSettings | null, ctx: Ctx): void {
  d.keepalive = k;
  if (k === null) return cancelTimer(d, ctx, 'keepalive');
  if (isSynchronized(d.state) && d.state !== 'TIME-WAIT') {
    setTimer(d, ctx, 'keepalive', ctx.now + k.idleMs);
  }
}
