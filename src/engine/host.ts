/**
 * The host API (sans-IO, DESIGN.md, the calling order is in docs/engine.md): inputs go in
 * through handle… calls with the time `now` and change the host in place; each call returns
 * the outputs it made. The host says when it next needs to run (nextDeadline).
 */
import type { AppCall, CallResult, HostConfig, Output, SocketInfo } from './api';
import { connSegment } from './arrive';
import { resetFor } from './closed-port';
import { ipFieldsFor } from './ip-fields';
import { receiveWindow } from './emit';
import { callOnHost } from './host-calls';
import {
  ctxOf,
  embryonic,
  findConn,
  findListener,
  hostLaidOut,
  settle,
  type Host,
} from './host-state';
import { listenerPacket } from './listener';
import { timerDue, type Ctx } from './step';
import { connTimer } from './timers';
import { TimerTable } from './timer-table';
import type { Conn } from './conn';
import type { Profile } from './profiles';
import { findFastOpen } from './fastopen';
import { cacheKey, learnFromSynAck, planSyn } from './fastopen-client';
import { readOffer } from './options';
import { seqDiff } from './seq';
import { Flag, type Packet, type SocketId, type TimerName } from './types';
import { arrivalPort } from './udp-tunnel';
import { md5KeyName } from './tcp-md5';
import { repliesInUdp, signedAsRequired, signedLike } from './wrapping';

export { snapshotHost, type Host, type Listener } from './host-state';

export function createHost(config: HostConfig): Host {
  return hostLaidOut({
    address: config.address,
    profile: config.profile,
    isn: config.isn,
    synCookies: config.synCookies ?? 'never',
    maxBacklog: config.maxBacklog ?? null,
    nextPort: config.firstEphemeralPort ?? 49152,
    nextId: 1,
    sockets: new Map(),
    byTuple: new Map(),
    byPort: new Map(),
    bound: new Map(),
    fastOpenCookies: new Map(),
    md5Keys: new Map(),
    timers: new TimerTable(),
    refusesTransmit: false,
  });
}

/**
 * The context of the step under way, one object for every call: no step runs inside another
 * (a handle… call never calls back into its caller), so each call resets it. Its output array
 * is the step's scratch: the caller gets a copy of exactly the outputs made (made()), and the
 * scratch, emptied, keeps its room for the next call.
 */
let current: Ctx | null = null;

/** Read-only by its type; not frozen, as callers iterate a frozen array on V8's slow path. */
const NO_OUTPUTS: readonly Output[] = [];

function ctxFor(host: Host, now: number): Ctx {
  const ctx = current;
  if (ctx === null) {
    current = ctxOf(host, now);
    return current;
  }
  ctx.now = now;
  ctx.profile = host.profile;
  ctx.timers = host.timers;
  ctx.refusesTransmit = host.refusesTransmit;
  ctx.md5Keys = host.md5Keys;
  // Empty unless the last call threw before made() took its outputs.
  if (ctx.out.length > 0) ctx.out = [];
  return ctx;
}

/**
 * What the step made, handed to the caller as an array of its own, exactly as long as the
 * outputs: an array grown by push from empty has room for 17 (152 bytes) however few it holds,
 * and most steps make two to five. The scratch is emptied by pop, which keeps its room
 * (`length = 0` would let it go). While the host's queue refuses packets, none leaves: a
 * connection's own segments were never put out (emit.ts sendSegment), and a listener's or a
 * closed port's answers are held back here, as Linux's qdisc drops them all alike.
 */
function made(ctx: Ctx): readonly Output[] {
  const scratch = ctx.out;
  if (scratch.length === 0) return NO_OUTPUTS;
  const outputs = ctx.refusesTransmit
    ? scratch.filter((o) => o.type !== 'packet')
    : scratch.slice();
  while (scratch.length > 0) scratch.pop();
  return outputs.length === 0 ? NO_OUTPUTS : outputs;
}

/** An application call. */
export function handleCall(
  host: Host,
  call: AppCall,
  now: number,
): { result: CallResult; outputs: readonly Output[] } {
  const ctx = ctxFor(host, now);
  const result = callOnHost(host, call, ctx);
  return { result, outputs: made(ctx) };
}

/**
 * setkey's `add <src> <dst> tcp <spi> -A tcp-md5 "<key>"`: the TCP-MD5 key for segments from
 * src to dst (RFC 2385 §4.0 leaves key management out; FreeBSD keeps one per direction).
 */
export function addMd5Key(host: Host, src: string, dst: string, key: Uint8Array): void {
  host.md5Keys.set(md5KeyName(src, dst), key);
}

/** setkey -F: every TCP-MD5 key is gone. */
export function flushMd5Keys(host: Host): void {
  host.md5Keys.clear();
}

/**
 * A packet arrives: to its connection, else to a listener on its port, else a reset. One in
 * UDP is TCP only at the tunneling port, and replies go back to the UDP port it came from
 * (udp-tunnel.ts).
 */
export function handlePacket(host: Host, packet: Packet, now: number): readonly Output[] {
  const ctx = ctxFor(host, now);
  if (packet.dst !== host.address) return made(ctx);
  const port = arrivalPort(host.profile, packet);
  if (port === null) return made(ctx);
  arrive(host, packet, port, ctx);
  repliesInUdp(ctx.out, host.profile, port);
  return made(ctx);
}

function arrive(host: Host, packet: Packet, port: number, ctx: Ctx): void {
  const seg = packet.segment;
  const conn = findConn(host, seg.dstPort, packet.src, seg.srcPort);
  if (conn) {
    // RFC 2385 §2.0: before anything else, a segment without a right signature is gone.
    if (!signedAsRequired(host.md5Keys, conn.md5, packet)) return;
    if (conn.udpPort !== port) {
      // FreeBSD tcp_input(): a segment on another UDP port than the connection's (or in UDP to
      // a plain one, or plain to one over UDP) is dropped with a reset, signed as the
      // connection signs (tcp_dropwithreset() passes the tcpcb to tcp_respond()).
      const rst = signedLike(conn, ctx, resetFor(packet, ipFieldsFor(conn.ip, host.profile)));
      if (rst) ctx.out.push(rst);
      return;
    }
    if (
      conn.state === 'SYN-RECEIVED' &&
      !conn.fastOpened &&
      seg.flags & Flag.ACK &&
      acceptQueueFull(host, conn.listener)
    ) {
      // Linux keeps the child in SYN-RECEIVED and ignores the ACK while accept() lags
      // (tcp_check_req → listen_overflow with tcp_abort_on_overflow 0, counted as
      // ListenOverflows); the SYN-ACK timer resends and the peer's next ACK may find room.
      if (conn.listener !== null) {
        ctx.out.push({ type: 'refused', listener: conn.listener, queue: 'accept' });
      }
      return;
    }
    const wasEmbryonic = embryonic(conn);
    const learns = asksForCookie(conn);
    connSegment(conn, seg, ctx);
    if (learns) learnCookie(host, conn, packet, ctx.now);
    settle(host, conn, wasEmbryonic, ctx);
    return;
  }
  const listener = findListener(host, seg.dstPort);
  if (listener) {
    if (!signedAsRequired(host.md5Keys, listener.options.tcpMd5 ?? false, packet)) return;
    listenerPacket(host, listener, packet, ctx);
    return;
  }
  const rst = resetFor(packet, ipFieldsFor(host.bound.get(seg.dstPort) ?? null, host.profile));
  if (rst) ctx.out.push(rst);
}

function asksForCookie(c: Conn): boolean {
  return c.state === 'SYN-SENT' && c.fastOpenClient;
}

/**
 * RFC 7413 §4.1.3: a client that opened with Fast Open updates its cookie cache from the
 * SYN-ACK that completed its handshake, for its next connection to that server
 * (fastopen-client.ts learnFromSynAck).
 */
function learnCookie(host: Host, after: Conn, packet: Packet, now: number): void {
  if (after.state === 'SYN-SENT' || after.state === 'CLOSED') return;
  const seg = packet.segment;
  const key = cacheKey(host.profile, after.tuple);
  const entry = learnFromSynAck(host.profile, host.fastOpenCookies.get(key), {
    sent: after.fastOpenSyn,
    synData: after.synData,
    dataAcked: seqDiff(seg.ack, after.iss) > after.synData,
    synRetransmitted: after.synTransmits > 1,
    received: findFastOpen(seg.options),
    mss: readOffer(seg.options).mss,
    now,
  });
  if (entry !== undefined) host.fastOpenCookies.set(key, entry);
}

/**
 * Whether a connect with data to this server would put data in its SYN now (a usable
 * cookie, or Linux's no-cookie bit): Linux tcp_fastopen_defer_connect() then lets a
 * TCP_FASTOPEN_CONNECT socket's connect() return at once and sends the SYN with the first
 * write.
 */
export function fastOpenReady(
  host: Host,
  remote: string,
  remotePort: number,
  now: number,
): boolean {
  const tuple = { localAddress: host.address, localPort: 0, remoteAddress: remote, remotePort };
  const entry = host.fastOpenCookies.get(cacheKey(host.profile, tuple));
  return planSyn(host.profile, entry, host.profile.mss, now).room > 0;
}

/**
 * A sysctl written while the host runs: every later step, on every socket, reads the new
 * profile, as Linux reads `net.ipv4.tcp_*` when it uses them (e.g. tcp_fastopen in
 * tcp_sendmsg_fastopen(), tcp_syn_retries in tcp_write_timeout()).
 */
export function retuneHost(host: Host, change: Partial<Profile>): void {
  host.profile = { ...host.profile, ...change };
}

/**
 * The host's own interface queue starts or stops refusing packets (Linux: `tc qdisc add dev
 * ... pfifo limit 0`, and its deletion). While it refuses, every packet the host sends is
 * dropped before it leaves, and the sender knows at once (NET_XMIT_DROP): data stays unsent
 * and is retried by the probe timer (probe-timer.ts), a retransmission by its timer without
 * backoff. Nothing is sent when it stops: the pending timers try again.
 */
export function refuseTransmits(host: Host, refuses: boolean): void {
  host.refusesTransmit = refuses;
}

/** Empties the Fast Open client's cookie cache (Linux `ip tcp_metrics flush`). */
export function flushFastOpenCache(host: Host): void {
  host.fastOpenCookies.clear();
}

function acceptQueueFull(host: Host, listener: SocketId | null): boolean {
  if (listener === null) return false;
  const l = host.sockets.get(listener);
  return l !== undefined && l.kind === 'listener' && l.acceptQueue.length >= l.room;
}

/** When the host next needs handleTimeout: the earliest pending timer, or null. */
export function nextDeadline(host: Host): number | null {
  const timers = host.timers;
  for (;;) {
    if (timers.empty) return null;
    const at = timers.topAt;
    if (live(host, timers.topSocket, timers.topTimer, at)) return at;
    timers.pop();
  }
}

function live(host: Host, socket: SocketId, timer: TimerName, at: number): boolean {
  const c = host.sockets.get(socket);
  return c !== undefined && c.kind === 'conn' && timerDue(c, timer) === at;
}

/**
 * Time passes: the earliest timer due at or before `now` fires (a `timer` output with action
 * `fire`, then what it caused). Call it while nextDeadline() <= now; timers due at one instant
 * fire one call each, in the order they were armed.
 */
export function handleTimeout(host: Host, now: number): readonly Output[] {
  const ctx = ctxFor(host, now);
  const at = nextDeadline(host);
  if (at === null || at > now) return made(ctx);
  const socket = host.timers.topSocket;
  const timer = host.timers.topTimer;
  host.timers.pop();
  const conn = host.sockets.get(socket) as Conn;
  ctx.out.push({ type: 'timer', socket, timer, action: 'fire' });
  const wasEmbryonic = embryonic(conn);
  connTimer(conn, timer, ctx);
  settle(host, conn, wasEmbryonic, ctx);
  return made(ctx);
}

export function hostSockets(host: Host): SocketId[] {
  return [...host.sockets.keys()];
}

/**
 * Bytes given to send() and not yet acknowledged (socketInfo's `unacknowledged`), without
 * building the whole SocketInfo: a blocked writer asks after every arrival.
 */
export function unacknowledgedBytes(host: Host, socket: SocketId): number {
  const s = host.sockets.get(socket);
  return s !== undefined && s.kind === 'conn' ? s.sndBuf.length : 0;
}

const NOT_NEGOTIATED = {
  mss: 0,
  sendMss: 0,
  wscale: null,
  sackPermitted: false,
  timestamps: false,
} as const;

export function socketInfo(host: Host, socket: SocketId): SocketInfo | undefined {
  const s = host.sockets.get(socket);
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
    ...(s.cc.cwnd === null ? {} : { cwnd: s.cc.cwnd }),
    ...(s.cc.ssthresh === null ? {} : { ssthresh: s.cc.ssthresh }),
    unread: s.rcvUnread,
    unacknowledged: s.sndBuf.length,
    probes: s.probesOut,
    backoff: s.backoff,
  };
  return s.srtt === null ? info : { ...info, srtt: s.srtt };
}
