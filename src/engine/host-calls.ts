/**
 * Application calls on a host (sockets API shape): listen, connect, accept, send,
 * receive, close, shutdown, abort, getError.
 */
import type { AppCall, CallResult, SocketOptions } from './api';
import { FastOpenBits } from './fastopen';
import { appendBytes } from './sendbuf';
import { connAbort, connClose, connReceive, connSend, connShutdown } from './conn-calls';
import type { Conn } from './conn';
import { createConn } from './conn-init';
import { sendSyn } from './handshake';
import {
  findConn,
  findListener,
  getSock,
  HostEdit,
  settle,
  withConn,
  type Host,
  type Listener,
} from './host-state';
import { chooseIsn, timestampOffset, type FourTuple } from './isn';
import { ourOffer } from './listener';
import { changeState, setState, type Ctx } from './step';
import { cloneConn, type Draft } from './conn';
import type { SocketId } from './types';

type ConnectCall = Extract<AppCall, { call: 'connect' }>;

export interface CallStep {
  readonly host: Host;
  readonly result: CallResult;
}

export function callOnHost(host: Host, call: AppCall, ctx: Ctx): CallStep {
  switch (call.call) {
    case 'listen':
      return listen(host, call.port, call.backlog ?? 128, call.options ?? {}, ctx);
    case 'connect':
      return connect(host, call, ctx);
    case 'accept':
      return accept(host, call.socket);
    case 'send':
      return onConn(host, call.socket, ctx, (c) => connSend(c, call.data, ctx));
    case 'receive':
      return onConn(host, call.socket, ctx, (c) => connReceive(c, call.max ?? Infinity, ctx));
    case 'shutdown':
      return onConn(host, call.socket, ctx, (c) => connShutdown(c, call.how, ctx));
    case 'close':
      return close(host, call.socket, ctx);
    case 'abort':
      return abort(host, call.socket, ctx);
    case 'getError':
      return getError(host, call.socket);
  }
}

function fail(host: Host, result: CallResult['result']): CallStep {
  return { host, result: { result } };
}

function listen(
  host: Host,
  port: number,
  backlog: number,
  options: SocketOptions,
  ctx: Ctx,
): CallStep {
  if (findListener(host, port)) return fail(host, 'EADDRINUSE');
  const id = host.nextId;
  const l: Listener = {
    kind: 'listener',
    id,
    port,
    backlog: Math.max(1, backlog),
    synQueue: [],
    acceptQueue: [],
    options,
  };
  changeState({ id, state: 'CLOSED' }, ctx, 'LISTEN', 'listen(): passive OPEN (RFC 9293 §3.10.1)');
  const edit = new HostEdit(host);
  edit.put(l);
  return { host: edit.build({ nextId: id + 1 }), result: { result: 'ok', socket: id } };
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
function connect(host: Host, call: ConnectCall, ctx: Ctx): CallStep {
  const { remote, remotePort } = call;
  const options = call.options ?? {};
  let localPort = call.localPort;
  let nextPort = host.nextPort;
  if (localPort === undefined) {
    const picked = pickPort(host, remote, remotePort);
    localPort = picked.port;
    nextPort = picked.next;
  } else if (findConn(host, localPort, remote, remotePort)) {
    return fail(host, 'EADDRINUSE');
  }
  const tuple: FourTuple = {
    localAddress: host.address,
    localPort,
    remoteAddress: remote,
    remotePort,
  };
  const id = host.nextId;
  const d: Draft = createConn({
    id,
    tuple,
    iss: chooseIsn(host.isn, tuple, ctx.now),
    profile: host.profile,
    offer: ourOffer(host, options.mss),
    tsOffset: timestampOffset(host.isn, tuple),
    passive: false,
    listener: null,
    mssClamp: options.mss ?? null,
    receiveBuffer: options.receiveBuffer ?? null,
  });
  const limit = host.profile.connectTimeoutMs;
  d.connectDeadline = limit === null ? null : ctx.now + limit;
  if (call.fastOpen !== undefined) prepareFastOpen(host, d, call.fastOpen);
  setState(d, ctx, 'SYN-SENT', 'connect(): active OPEN, SYN sent (RFC 9293 §3.10.1)');
  sendSyn(d, ctx);
  const edit = new HostEdit(host);
  edit.put(d);
  return {
    host: edit.build({ nextId: id + 1, nextPort }),
    result:
      call.fastOpen === undefined
        ? { result: 'ok', socket: id }
        : { result: 'ok', socket: id, bytes: d.synData },
  };
}

/**
 * sendto(MSG_FASTOPEN), RFC 7413 §4.2.1: with a cookie for the server (or the profile's
 * no-cookie bit) the SYN carries as much data as fits beside the options (Linux: the MSS
 * less MAX_TCP_OPTION_SPACE, 40 bytes); without one it asks for a cookie and takes none.
 */
function prepareFastOpen(host: Host, d: Draft, data: Uint8Array): void {
  const bits = host.profile.fastOpen;
  if (!(bits & FastOpenBits.CLIENT)) return;
  const cookie = host.fastOpenCookies.get(d.tuple.remoteAddress);
  if (cookie === undefined && !(bits & FastOpenBits.CLIENT_NO_COOKIE)) {
    d.fastOpenSyn = { cookie: [], experimental: false };
    return;
  }
  if (cookie !== undefined) d.fastOpenSyn = { cookie, experimental: false };
  const room = Math.min(d.offer.mss - 40, host.profile.sendBuffer);
  const take = data.length <= room ? data : data.subarray(0, room);
  d.sndBuf = appendBytes(d.sndBuf, take);
  d.synData = take.length;
}

function accept(host: Host, socket: SocketId): CallStep {
  const l = getSock(host, socket);
  if (!l || l.kind !== 'listener') return fail(host, 'EINVAL');
  const [first, ...rest] = l.acceptQueue;
  if (first === undefined) return fail(host, 'EAGAIN');
  const child = getSock(host, first);
  const edit = new HostEdit(host);
  edit.put({ ...l, acceptQueue: rest });
  if (child && child.kind === 'conn') {
    const d: Draft = cloneConn(child);
    d.owned = true;
    d.listener = null;
    edit.put(d);
  }
  return { host: edit.build(), result: { result: 'ok', socket: first } };
}

function onConn(
  host: Host,
  socket: SocketId,
  ctx: Ctx,
  f: (c: Conn) => { readonly conn: Conn; readonly result: CallResult },
): CallStep {
  const c = getSock(host, socket);
  if (!c) return fail(host, 'EBADF');
  if (c.kind !== 'conn') return fail(host, 'ENOTCONN');
  const r = f(c);
  if (r.conn === c) return { host, result: r.result };
  // Most calls change only this connection's TCB: no table changes, no map path copied.
  const quick = withConn(host, r.conn);
  if (quick) return { host: quick, result: r.result };
  const edit = new HostEdit(host);
  settle(edit, c, r.conn, ctx);
  return { host: edit.build(), result: r.result };
}

function close(host: Host, socket: SocketId, ctx: Ctx): CallStep {
  const s = getSock(host, socket);
  if (!s) return fail(host, 'EBADF');
  if (s.kind === 'listener') return closeListener(host, s, ctx);
  return onConn(host, socket, ctx, (c) => ({ conn: connClose(c, ctx), result: { result: 'ok' } }));
}

function abort(host: Host, socket: SocketId, ctx: Ctx): CallStep {
  const s = getSock(host, socket);
  if (!s) return fail(host, 'EBADF');
  if (s.kind === 'listener') return closeListener(host, s, ctx);
  return onConn(host, socket, ctx, (c) => ({ conn: connAbort(c, ctx), result: { result: 'ok' } }));
}

/**
 * Closing a listener (RFC 9293 §3.10.4, LISTEN: "any outstanding RECEIVEs are returned";
 * delete the TCB). Connections not yet accepted are aborted with a RST.
 */
function closeListener(host: Host, l: Listener, ctx: Ctx): CallStep {
  const edit = new HostEdit(host);
  edit.remove(l.id);
  changeState(
    { id: l.id, state: 'LISTEN' },
    ctx,
    'CLOSED',
    'close() of a listening socket (RFC 9293 §3.10.4)',
  );
  ctx.out.push({ type: 'closed', socket: l.id });
  for (const id of [...l.acceptQueue, ...l.synQueue]) {
    const child = edit.get(id);
    if (!child || child.kind !== 'conn') continue;
    const orphan: Draft = cloneConn(child);
    orphan.listener = null;
    const after = connAbort(orphan, ctx);
    settle(edit, child, after, ctx);
  }
  return { host: edit.build(), result: { result: 'ok' } };
}

function getError(host: Host, socket: SocketId): CallStep {
  const c = getSock(host, socket);
  if (!c) return fail(host, 'EBADF');
  if (c.kind !== 'conn' || c.error === null) return { host, result: { result: 'ok', error: 'ok' } };
  const edit = new HostEdit(host);
  const d: Draft = cloneConn(c);
  d.error = null;
  edit.put(d);
  return { host: edit.build(), result: { result: 'ok', error: c.error } };
}
