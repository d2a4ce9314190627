/**
 * Application calls on a host (sockets API shape): listen, connect, accept, send,
 * receive, close, shutdown, abort, getError. Each changes the host in place.
 */
import type { AppCall, CallResult, SocketOptions } from './api';
import { cacheKey, planSyn } from './fastopen-client';
import { connAbort, connClose, connReceive, connSend, connShutdown } from './conn-calls';
import type { Conn } from './conn';
import { createConn } from './conn-init';
import { sendSyn } from './handshake';
import {
  addSock,
  embryonic,
  findConn,
  findListener,
  queuesChanged,
  removeSock,
  settle,
  type Host,
  type Listener,
} from './host-state';
import { chooseIsn, timestampOffset, type FourTuple } from './isn';
import { setConnKeepalive } from './keepalive';
import { ourOffer } from './listener';
import { withoutOptions } from './options';
import { changeState, setState, type Ctx } from './step';
import type { SocketId } from './types';

type ConnectCall = Extract<AppCall, { call: 'connect' }>;

/** The options of a call that gave none, shared rather than a new empty object per call. */
const DEFAULT_OPTIONS: SocketOptions = {};
type SetUserTimeoutCall = Extract<AppCall, { call: 'setUserTimeout' }>;
type SetKeepaliveCall = Extract<AppCall, { call: 'setKeepalive' }>;
/** The calls that act on one connection (onConn). */
type ConnCall = Extract<
  AppCall,
  {
    call:
      | 'send'
      | 'receive'
      | 'shutdown'
      | 'close'
      | 'abort'
      | 'setSynRetries'
      | 'setUserTimeout'
      | 'setKeepalive'
      | 'setIpOptions'
      | 'setTcpMd5';
  }
>;
type SetIpOptionsCall = Extract<AppCall, { call: 'setIpOptions' }>;

const OK: CallResult = { result: 'ok' };

export function callOnHost(host: Host, call: AppCall, ctx: Ctx): CallResult {
  switch (call.call) {
    case 'listen':
      return listen(host, call.port, call.backlog ?? 128, call.options ?? {}, ctx);
    case 'connect':
      return connect(host, call, ctx);
    case 'accept':
      return accept(host, call.socket, ctx);
    case 'send':
    case 'receive':
    case 'shutdown':
    case 'setSynRetries':
      return onConn(host, call.socket, call, ctx);
    case 'close':
      return close(host, call, ctx);
    case 'abort':
      return abort(host, call, ctx);
    case 'getError':
      return getError(host, call.socket);
    case 'setFastOpen':
      return setFastOpen(host, call.socket, call.enabled);
    case 'setUserTimeout':
      return setUserTimeout(host, call, ctx);
    case 'setKeepalive':
      return setKeepalive(host, call, ctx);
    case 'setIpOptions':
      return setIpOptions(host, call, ctx);
    case 'setTcpMd5':
      return setTcpMd5(host, call, ctx);
    case 'bind':
      host.bound.set(call.port, call.ip);
      return OK;
    case 'unbind':
      host.bound.delete(call.port);
      return OK;
  }
}

/**
 * IP_TTL, IP_TOS and their IPv6 twins at any time: the next packet the socket sends carries
 * them (FreeBSD ip_ctloutput() and ip6_ctloutput() change the inpcb the output path reads);
 * on a listener, for the SYN-ACKs and connections to come.
 */
function setIpOptions(host: Host, call: SetIpOptionsCall, ctx: Ctx): CallResult {
  const l = host.sockets.get(call.socket);
  if (l?.kind === 'listener') {
    l.options = { ...l.options, ip: { ...l.options.ip, ...call.ip } };
    return OK;
  }
  return onConn(host, call.socket, call, ctx);
}

/**
 * TCP_MD5SIG at any time (FreeBSD tcp_ctloutput() sets or clears TF_SIGNATURE, which
 * tcp_output() and tcp_input() read on every segment); on a listener, for the SYN-ACKs and
 * connections to come.
 */
function setTcpMd5(
  host: Host,
  call: Extract<AppCall, { call: 'setTcpMd5' }>,
  ctx: Ctx,
): CallResult {
  const l = host.sockets.get(call.socket);
  if (l?.kind === 'listener') {
    l.options = { ...l.options, tcpMd5: call.enabled };
    return OK;
  }
  return onConn(host, call.socket, call, ctx);
}

/**
 * TCP_USER_TIMEOUT at any time (Linux do_tcp_setsockopt(): the next retransmission timeout
 * reads it); on a listener, for the connections it will accept (sk_clone_lock() copies it).
 */
function setUserTimeout(host: Host, call: SetUserTimeoutCall, ctx: Ctx): CallResult {
  const l = host.sockets.get(call.socket);
  if (l?.kind === 'listener') {
    l.options = { ...l.options, userTimeoutMs: call.ms };
    return OK;
  }
  return onConn(host, call.socket, call, ctx);
}

/** SO_KEEPALIVE / TCP_KEEP* at any time; on a listener, for the connections it will accept. */
function setKeepalive(host: Host, call: SetKeepaliveCall, ctx: Ctx): CallResult {
  const l = host.sockets.get(call.socket);
  if (l?.kind === 'listener') {
    const { keepalive: _, ...rest } = l.options;
    l.options = call.keepalive === null ? rest : { ...rest, keepalive: call.keepalive };
    return OK;
  }
  return onConn(host, call.socket, call, ctx);
}

/** TCP_FASTOPEN on a listening socket: the SYNs that arrive from now on see it (RFC 7413 §4.2.2). */
function setFastOpen(host: Host, socket: SocketId, enabled: boolean): CallResult {
  const l = host.sockets.get(socket);
  if (!l || l.kind !== 'listener') return { result: 'EINVAL' };
  l.options = { ...l.options, fastOpen: enabled };
  return OK;
}

function listen(
  host: Host,
  port: number,
  backlog: number,
  options: SocketOptions,
  ctx: Ctx,
): CallResult {
  if (findListener(host, port)) return { result: 'EADDRINUSE' };
  host.bound.delete(port);
  const id = host.nextId;
  // Linux __sys_listen(): a backlog above net.core.somaxconn is cut to it.
  const granted = Math.max(
    0,
    host.maxBacklog === null ? backlog : Math.min(backlog, host.maxBacklog),
  );
  const l: Listener = {
    kind: 'listener',
    id,
    port,
    backlog: granted,
    // Linux's queues are full only above the backlog, so listen(fd, 0) still admits one.
    room: host.profile.listenQueueRoom === 'backlog+1' ? granted + 1 : Math.max(1, granted),
    synQueue: [],
    acceptQueue: [],
    options,
  };
  changeState({ id, state: 'CLOSED' }, ctx, 'LISTEN', 'listen(): passive OPEN (RFC 9293 §3.10.1)');
  addSock(host, l);
  queuesChanged(l, ctx);
  host.nextId = id + 1;
  return { result: 'ok', socket: id };
}

function pickPort(host: Host, remote: string, remotePort: number): { port: number; next: number } {
  let port = host.nextPort;
  for (let i = 0; i < 16384; i++) {
    const candidate = port;
    port = port >= 65535 ? 49152 : port + 1;
    if (!findConn(host, candidate, remote, remotePort) && !findListener(host, candidate)) {
      return { port: candidate, next: port };
    }
  }
  return { port: host.nextPort, next: host.nextPort };
}

/** OPEN, active (RFC 9293 §3.10.1): choose the ISS, send <SEQ=ISS><CTL=SYN>, SYN-SENT. */
function connect(host: Host, call: ConnectCall, ctx: Ctx): CallResult {
  const { remote, remotePort } = call;
  const options = call.options ?? DEFAULT_OPTIONS;
  let localPort = call.localPort;
  let nextPort = host.nextPort;
  if (localPort === undefined) {
    const picked = pickPort(host, remote, remotePort);
    localPort = picked.port;
    nextPort = picked.next;
  } else if (findConn(host, localPort, remote, remotePort)) {
    return { result: 'EADDRINUSE' };
  }
  const tuple: FourTuple = {
    localAddress: host.address,
    localPort,
    remoteAddress: remote,
    remotePort,
  };
  const id = host.nextId;
  const d = createConn({
    id,
    tuple,
    iss: chooseIsn(host.isn, tuple, ctx.now),
    profile: host.profile,
    offer: options.noOptions
      ? withoutOptions(ourOffer(host, options.mss))
      : ourOffer(host, options.mss),
    tsOffset: timestampOffset(host.isn, tuple),
    passive: false,
    listener: null,
    mssClamp: options.mss ?? null,
    receiveBuffer: options.receiveBuffer ?? null,
    synRetries: options.synRetries ?? null,
    userTimeoutMs: options.userTimeoutMs ?? 0,
    keepalive: options.keepalive ?? null,
    ip: options.ip ?? host.bound.get(localPort) ?? null,
    md5: options.tcpMd5 ?? false,
    udpPort: options.udpEncapsPort ?? 0,
  });
  host.bound.delete(localPort);
  const limit = host.profile.connectTimeoutMs;
  d.connectDeadline = limit === null ? null : ctx.now + limit;
  if (call.fastOpen !== undefined) prepareFastOpen(host, d, call.fastOpen, ctx.now);
  setState(d, ctx, 'SYN-SENT', 'connect(): active OPEN, SYN sent (RFC 9293 §3.10.1)');
  sendSyn(d, ctx);
  addSock(host, d);
  host.nextId = id + 1;
  host.nextPort = nextPort;
  return call.fastOpen === undefined
    ? { result: 'ok', socket: id }
    : { result: 'ok', socket: id, bytes: d.synData };
}

/**
 * A connect with data (RFC 7413 §4.2.1): the client's cookie cache decides whether the SYN
 * carries a cookie and data, asks for a cookie, or goes without the option
 * (fastopen-client.ts planSyn, after Linux tcp_send_syn_data() and FreeBSD
 * tcp_fastopen_connect()). The data the SYN does not carry waits for the handshake.
 */
function prepareFastOpen(host: Host, d: Conn, data: Uint8Array, now: number): void {
  const entry = host.fastOpenCookies.get(cacheKey(host.profile, d.tuple));
  const plan = planSyn(host.profile, entry, d.offer.mss, now);
  d.fastOpenSyn = plan.option;
  d.fastOpenClient = plan.option !== null || plan.room > 0;
  if (plan.room <= 0) return;
  const room = Math.min(plan.room, host.profile.sendBuffer);
  const take = data.length <= room ? data : data.subarray(0, room);
  d.sndBuf.append(take);
  d.synData = take.length;
}

function accept(host: Host, socket: SocketId, ctx: Ctx): CallResult {
  const l = host.sockets.get(socket);
  if (!l || l.kind !== 'listener') return { result: 'EINVAL' };
  const first = l.acceptQueue.shift();
  if (first === undefined) return { result: 'EAGAIN' };
  queuesChanged(l, ctx);
  const child = host.sockets.get(first);
  if (child && child.kind === 'conn') {
    child.owned = true;
    child.listener = null;
  }
  return { result: 'ok', socket: first };
}

/**
 * A call on one connection, and the host's bookkeeping after it. The call is dispatched by a
 * switch rather than passed as a closure: send and receive run several times per segment.
 */
function onConn(host: Host, socket: SocketId, call: ConnCall, ctx: Ctx): CallResult {
  const c = host.sockets.get(socket);
  if (!c) return { result: 'EBADF' };
  if (c.kind !== 'conn') return { result: 'ENOTCONN' };
  const wasEmbryonic = embryonic(c);
  const result = callOnConn(c, call, ctx);
  settle(host, c, wasEmbryonic, ctx);
  return result;
}

function callOnConn(c: Conn, call: ConnCall, ctx: Ctx): CallResult {
  switch (call.call) {
    case 'send':
      return connSend(c, call.data, ctx, call.handOver === true);
    case 'receive':
      return connReceive(c, call.max ?? Infinity, ctx);
    case 'shutdown':
      return connShutdown(c, call.how, ctx);
    case 'close':
      connClose(c, ctx);
      return OK;
    case 'abort':
      connAbort(c, ctx);
      return OK;
    case 'setSynRetries':
      c.synRetries = call.retries;
      return OK;
    case 'setUserTimeout':
      c.userTimeoutMs = call.ms;
      return OK;
    case 'setKeepalive':
      setConnKeepalive(c, call.keepalive, ctx);
      return OK;
    case 'setIpOptions':
      c.ip = { ...c.ip, ...call.ip };
      return OK;
    case 'setTcpMd5':
      c.md5 = call.enabled;
      return OK;
  }
}

function close(host: Host, call: ConnCall & { call: 'close' }, ctx: Ctx): CallResult {
  const s = host.sockets.get(call.socket);
  if (!s) return { result: 'EBADF' };
  if (s.kind === 'listener') return closeListener(host, s, ctx);
  return onConn(host, call.socket, call, ctx);
}

function abort(host: Host, call: ConnCall & { call: 'abort' }, ctx: Ctx): CallResult {
  const s = host.sockets.get(call.socket);
  if (!s) return { result: 'EBADF' };
  if (s.kind === 'listener') return closeListener(host, s, ctx);
  return onConn(host, call.socket, call, ctx);
}

/**
 * Closing a listener (RFC 9293 §3.10.4, LISTEN: "any outstanding RECEIVEs are returned";
 * delete the TCB). Connections not yet accepted are aborted with a RST.
 */
function closeListener(host: Host, l: Listener, ctx: Ctx): CallResult {
  removeSock(host, l.id);
  changeState(
    { id: l.id, state: 'LISTEN' },
    ctx,
    'CLOSED',
    'close() of a listening socket (RFC 9293 §3.10.4)',
  );
  ctx.out.push({ type: 'closed', socket: l.id });
  queuesChanged(l, ctx);
  for (const id of [...l.acceptQueue, ...l.synQueue]) {
    const child = host.sockets.get(id);
    if (!child || child.kind !== 'conn') continue;
    child.listener = null;
    connAbort(child, ctx);
    settle(host, child, false, ctx);
  }
  return { result: 'ok' };
}

function getError(host: Host, socket: SocketId): CallResult {
  const c = host.sockets.get(socket);
  if (!c) return { result: 'EBADF' };
  if (c.kind !== 'conn') return { result: 'ok', error: 'ok' };
  if (c.error !== null) {
    const error = c.error;
    c.error = null;
    return { result: 'ok', error };
  }
  // Without a hard error SO_ERROR reports an ICMP soft error once (Linux sock_getsockopt():
  // xchg(&sk->sk_err_soft, 0); RFC 9293 §3.9.2.2 SHLD-25). FreeBSD's SO_ERROR reads so_error
  // alone: its t_softerror shows only as the error a timeout fails with (tcp_timer_rexmt()).
  if (host.profile.icmpErrors === 'freebsd') return { result: 'ok', error: 'ok' };
  const error = c.softError ?? 'ok';
  c.softError = null;
  return { result: 'ok', error };
}
