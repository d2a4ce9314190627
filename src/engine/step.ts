/**
 * The context of one engine step and the single choke points every change goes through:
 * setState (the only place a connection changes state, and the only place a state
 * output is made), setTimer / cancelTimer, and reportError.
 */
import type { Output } from './api';
import type { Conn } from './conn';
import type { Profile } from './profiles';
import type { TimerTable } from './timer-table';
import type { Errno, SocketId, TcpState, TimerName } from './types';

/**
 * What one step knows besides the connection: the time, the profile, the host's timer
 * table, the outputs so far.
 */
export interface Ctx {
  now: number;
  profile: Profile;
  /**
   * The host's own interface queue refuses every packet (a full or zero-length queue: Linux's
   * qdisc returns NET_XMIT_DROP): nothing the step sends leaves the host (emit.ts).
   */
  refusesTransmit: boolean;
  timers: TimerTable;
  out: Output[];
  /** The host's TCP-MD5 keys (tcp-md5.ts), which every segment a signing socket sends reads. */
  md5Keys: ReadonlyMap<string, Uint8Array>;
}

/** When the connection's timer is due, or null if it is not pending. */
export function timerDue(c: Readonly<Conn>, timer: TimerName): number | null {
  switch (timer) {
    case 'retransmit':
      return c.rtxAt;
    case 'loss-probe':
      return c.lossProbeAt;
    case 'persist':
      return c.persistAt;
    case 'delayed-ack':
      return c.delayedAckAt;
    case 'time-wait':
      return c.timeWaitAt;
    case 'fin-wait-2':
      return c.finWait2At;
    case 'keepalive':
      return c.keepaliveAt;
    default:
      return null;
  }
}

/** Stores a timer's due time (null = not pending); plain field writes keep this fast. */
function storeTimer(d: Conn, timer: TimerName, at: number | null): void {
  switch (timer) {
    case 'retransmit':
      d.rtxAt = at;
      return;
    case 'loss-probe':
      d.lossProbeAt = at;
      return;
    case 'persist':
      d.persistAt = at;
      return;
    case 'delayed-ack':
      d.delayedAckAt = at;
      return;
    case 'time-wait':
      d.timeWaitAt = at;
      return;
    case 'fin-wait-2':
      d.finWait2At = at;
      return;
    case 'keepalive':
      d.keepaliveAt = at;
      return;
    default:
      return;
  }
}

export function setTimer(d: Conn, ctx: Ctx, timer: TimerName, at: number): void {
  if (timerDue(d, timer) === at) return;
  storeTimer(d, timer, at);
  ctx.timers.add(d.id, timer, at);
  ctx.out.push({ type: 'timer', socket: d.id, timer, action: 'set', at });
}

export function cancelTimer(d: Conn, ctx: Ctx, timer: TimerName): void {
  if (timerDue(d, timer) === null) return;
  storeTimer(d, timer, null);
  ctx.out.push({ type: 'timer', socket: d.id, timer, action: 'cancel' });
}

const ALL_TIMERS: readonly TimerName[] = [
  'retransmit',
  'loss-probe',
  'persist',
  'delayed-ack',
  'time-wait',
  'fin-wait-2',
  'keepalive',
];

export function cancelAllTimers(d: Conn, ctx: Ctx): void {
  for (const t of ALL_TIMERS) cancelTimer(d, ctx, t);
}

/**
 * The one place a socket changes state and a `state` output is made (DESIGN.md), with a
 * cause that cites the RFC. Listeners use it directly; connections through setState.
 */
export function changeState(
  target: { readonly id: SocketId; state: TcpState },
  ctx: Ctx,
  to: TcpState,
  cause: string,
): boolean {
  const from = target.state;
  if (from === to) return false;
  target.state = to;
  ctx.out.push({ type: 'state', socket: target.id, from, to, cause });
  return true;
}

/**
 * A connection's state change, and what entering the new state implies: entering CLOSED
 * deletes the TCB (every timer is cancelled and a `closed` output follows); TIME-WAIT runs
 * only its 2 MSL timer; reaching ESTABLISHED completes connect or accept.
 */
export function setState(d: Conn, ctx: Ctx, to: TcpState, cause: string): void {
  const from = d.state;
  if (!changeState(d, ctx, to, cause)) return;
  if (to === 'CLOSED') {
    cancelAllTimers(d, ctx);
    d.sndBuf.clear();
    ctx.out.push({ type: 'closed', socket: d.id });
  } else if (to === 'TIME-WAIT') {
    // RFC 9293 §3.10.7.4: in TIME-WAIT only the 2 MSL timer runs.
    for (const t of ALL_TIMERS) if (t !== 'time-wait') cancelTimer(d, ctx, t);
    setTimer(d, ctx, 'time-wait', ctx.now + ctx.profile.timeWaitMs);
  }
  if (to === 'ESTABLISHED' && isOpening(from)) {
    ctx.out.push({ type: 'established', socket: d.id });
    // FreeBSD tcp_input() arms TT_KEEP with TP_KEEPIDLE() once the connection is established.
    if (d.keepalive !== null) setTimer(d, ctx, 'keepalive', ctx.now + d.keepalive.idleMs);
  }
}

function isOpening(s: TcpState): boolean {
  return s === 'SYN-SENT' || s === 'SYN-RECEIVED';
}

/** Records an asynchronous failure as SO_ERROR would and tells the application. */
export function reportError(d: Conn, ctx: Ctx, errno: Errno): void {
  d.error = errno;
  ctx.out.push({ type: 'error', socket: d.id, errno });
}
