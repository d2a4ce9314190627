/**
 * The host API (sans-IO, DESIGN.md): every function takes the host, one input and the
 * time, and returns the new host and the outputs. The host passed in is never changed.
 */
import type { AppCall, CallResult, HostConfig, Output, SocketInfo } from './api';
import { connSegment } from './arrive';
import { resetFor } from './closed-port';
import { receiveWindow } from './emit';
import { callOnHost } from './host-calls';
import {
  findConn,
  findListener,
  getSock,
  HostEdit,
  settle,
  withConn,
  type Host,
} from './host-state';
import { PMap } from './pmap';
import { listenerPacket } from './listener';
import type { Ctx } from './step';
import { connTimer } from './timers';
import type { Conn } from './conn';
import { findFastOpen } from './fastopen';
import { Flag, type Packet, type SocketId, type TimerName } from './types';

export type { Host, Listener } from './host-state';

export function createHost(config: HostConfig): Host {
  return {
    address: config.address,
    profile: config.profile,
    isn: config.isn,
    synCookies: config.synCookies ?? false,
    nextPort: config.firstEphemeralPort ?? 49152,
    nextId: 1,
    sockets: PMap.empty(),
    recent: null,
    byTuple: PMap.empty(),
    byPort: PMap.empty(),
    fastOpenCookies: new Map(),
  };
}

function ctxFor(host: Host, now: number): Ctx {
  return { now, profile: host.profile, out: [] };
}

export function hostCall(
  host: Host,
  call: AppCall,
  now: number,
): { host: Host; result: CallResult; outputs: Output[] } {
  const ctx = ctxFor(host, now);
  const step = callOnHost(host, call, ctx);
  return { host: step.host, result: step.result, outputs: ctx.out };
}

/** A packet arrives: to its connection, else to a listener on its port, else a reset. */
export function hostPacket(
  host: Host,
  packet: Packet,
  now: number,
): { host: Host; outputs: Output[] } {
  const ctx = ctxFor(host, now);
  if (packet.dst !== host.address) return { host, outputs: ctx.out };
  const seg = packet.segment;
  const conn = findConn(host, seg.dstPort, packet.src, seg.srcPort);
  if (conn) {
    if (
      acceptQueueFull(host, conn.listener) &&
      conn.state === 'SYN-RECEIVED' &&
      !conn.fastOpened &&
      seg.flags & Flag.ACK
    ) {
      // Linux keeps the child in SYN-RECEIVED and ignores the ACK while accept() lags.
      return { host, outputs: ctx.out };
    }
    const after = connSegment(conn, seg, ctx);
    const cookies = learnedCookie(host, conn, after, packet);
    const quick = cookies === null ? withConn(host, after) : null;
    if (quick) return { host: quick, outputs: ctx.out };
    const edit = new HostEdit(host);
    settle(edit, conn, after, ctx);
    return { host: edit.build(cookies ? { fastOpenCookies: cookies } : {}), outputs: ctx.out };
  }
  const listener = findListener(host, seg.dstPort);
  if (listener) return { host: listenerPacket(host, listener, packet, ctx), outputs: ctx.out };
  const rst = resetFor(packet);
  if (rst) ctx.out.push(rst);
  return { host, outputs: ctx.out };
}

/**
 * RFC 7413 §4.1.3: a client that asked for Fast Open keeps the cookie of the SYN,ACK that
 * completed its handshake, for its next connection to that server.
 */
function learnedCookie(
  host: Host,
  before: Conn,
  after: Conn,
  packet: Packet,
): ReadonlyMap<string, readonly number[]> | null {
  if (before.state !== 'SYN-SENT' || after.state === 'SYN-SENT' || after.state === 'CLOSED')
    return null;
  if (before.fastOpenSyn === null && before.synData === 0) return null;
  const fo = findFastOpen(packet.segment.options);
  if (!fo || fo.cookie.length === 0) return null;
  return new Map(host.fastOpenCookies).set(packet.src, fo.cookie);
}

function acceptQueueFull(host: Host, listener: SocketId | null): boolean {
  if (listener === null) return false;
  const l = getSock(host, listener);
  return l !== undefined && l.kind === 'listener' && l.acceptQueue.length >= l.backlog;
}

/** A timer fires. A stale fire (the timer is no longer due at `now`) changes nothing. */
export function hostTimer(
  host: Host,
  socket: SocketId,
  timer: TimerName,
  now: number,
): { host: Host; outputs: Output[] } {
  const ctx = ctxFor(host, now);
  const conn = getSock(host, socket);
  if (!conn || conn.kind !== 'conn') return { host, outputs: ctx.out };
  const after = connTimer(conn, timer, ctx);
  if (!after) return { host, outputs: ctx.out };
  const quick = withConn(host, after);
  if (quick) return { host: quick, outputs: ctx.out };
  const edit = new HostEdit(host);
  settle(edit, conn, after, ctx);
  return { host: edit.build(), outputs: ctx.out };
}

export function hostSockets(host: Host): SocketId[] {
  return [...host.sockets.keys()]; // `recent` is always in the map already
}

const NOT_NEGOTIATED = {
  mss: 0,
  sendMss: 0,
  wscale: null,
  sackPermitted: false,
  timestamps: false,
} as const;

export function socketInfo(host: Host, socket: SocketId): SocketInfo | undefined {
  const s = getSock(host, socket);
  if (!s) return undefined;
  if (s.kind === 'listener') {
    return {
      state: 'LISTEN',
      localAddress: host.address,
      localPort: s.port,
      remoteAddress: '0.0.0.0',
      remotePort: 0,
      iss: 0 as SocketInfo['iss'],
      irs: 0 as SocketInfo['irs'],
      sndUna: 0 as SocketInfo['sndUna'],
      sndNxt: 0 as SocketInfo['sndNxt'],
      sndWnd: 0,
      rcvNxt: 0 as SocketInfo['rcvNxt'],
      rcvWnd: 0,
      rto: host.profile.rtoInitialMs,
      negotiated: { ...NOT_NEGOTIATED, mss: s.options.mss ?? host.profile.mss },
      retransmitCount: 0,
      unread: 0,
      unacknowledged: 0,
      acceptQueue: s.acceptQueue.length,
      synQueue: s.synQueue.length,
    };
  }
  const info: SocketInfo = {
    state: s.state,
    localAddress: s.tuple.localAddress,
    localPort: s.tuple.localPort,
    remoteAddress: s.tuple.remoteAddress,
    remotePort: s.tuple.remotePort,
    iss: s.iss,
    irs: s.irs,
    sndUna: s.sndUna,
    sndNxt: s.sndNxt,
    sndWnd: s.sndWnd,
    rcvNxt: s.rcvNxt,
    rcvWnd: receiveWindow(s),
    rto: s.rto,
    negotiated: s.negotiated
      ? {
          ...s.negotiated,
          sendMss:
            s.mssClamp === null ? s.negotiated.sendMss : Math.min(s.negotiated.sendMss, s.mssClamp),
        }
      : { ...NOT_NEGOTIATED, mss: s.offer.mss },
    retransmitCount: s.totalRetransmits,
    unread: s.rcvUnread,
    unacknowledged: s.sndBuf.length,
  };
  return s.srtt === null ? info : { ...info, srtt: s.srtt };
}
