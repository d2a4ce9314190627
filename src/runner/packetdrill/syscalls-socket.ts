/**
 * Socket life-cycle calls: socket, bind, listen, accept, connect, shutdown, close. The runner
 * keeps the fd table (packetdrill maps script fds to live ones the same way); listen, accept,
 * connect, shutdown and close go to the engine and their results are checked.
 */
import type { CallResult, Output, SocketId } from '../../engine';
import { FastOpenBits } from '../../engine';
import type { SyscallSpec } from '../../wire/packetdrill/ast';
import type { FdEntry, RunContext } from './run-context';
import { bindIp } from './ip-options';
import { applyKeepalive, inheritKeepalive } from './keepalive-options';
import { newScriptSocket } from './script-socket';
import {
  fail,
  fdOf,
  intOf,
  isOutcome,
  notApplicable,
  ok,
  portOf,
  symbolsOf,
  type CallOutcome,
  freebsdSockets,
} from './syscall-kit';

export function doSocket(ctx: RunContext, spec: SyscallSpec): CallOutcome {
  const fd = intOf(spec.result);
  if (fd === null || fd < 0) return notApplicable('failing socket() calls are not modeled');
  if (
    !symbolsOf(spec.args[1]).includes('SOCK_STREAM') ||
    symbolsOf(spec.args[2]).some((s) => s !== 'IPPROTO_TCP')
  ) {
    return notApplicable('only TCP stream sockets are simulated');
  }
  const scriptSocket = newScriptSocket('init', ctx.config.bindPort, ctx.nextRemotePort++);
  const entry: FdEntry = {
    fd,
    socket: null,
    port: null,
    listening: false,
    nonBlocking: false,
    options: {},
    scriptSocket,
  };
  ctx.fds.set(fd, entry);
  // FreeBSD's always_keepalive: every new socket sends keep-alives (keepalive-options.ts).
  applyKeepalive(ctx, entry, spec, freebsdSockets(ctx));
  ctx.sut = scriptSocket;
  return ok(fd, false);
}

/**
 * The errno a connect-like call gets from a socket that is not fresh: EALREADY while its
 * connection attempt is under way, EISCONN once it is connected or was (Linux
 * inet_stream_connect(), FreeBSD kern_connectat() and soconnect()); on a listener Linux says
 * EISCONN and FreeBSD EOPNOTSUPP (soconnect() refuses SO_ACCEPTCONN sockets).
 */
function notFresh(ctx: RunContext, entry: FdEntry): CallOutcome | null {
  if (entry.listening) return fail(freebsdSockets(ctx) ? 'EOPNOTSUPP' : 'EISCONN');
  if (entry.socket === null) return null;
  const state = ctx.world.info(entry.socket)?.state;
  return fail(state === 'SYN-SENT' || state === 'SYN-RECEIVED' ? 'EALREADY' : 'EISCONN');
}

export function doBind(ctx: RunContext, spec: SyscallSpec): CallOutcome {
  const entry = fdOf(ctx, spec);
  if (isOutcome(entry)) return entry;
  // A socket binds once: a second bind, or one after connect or listen, is EINVAL
  // (Linux inet_bind(): inet_num already set; FreeBSD in_pcbbind(): inp_lport != 0).
  if (entry.port !== null || entry.socket !== null) return fail('EINVAL');
  entry.port = portOf(spec.args[1]) ?? ctx.config.bindPort;
  if (entry.scriptSocket) entry.scriptSocket.localPort = entry.port;
  bindIp(ctx, entry);
  return ok(0, false);
}

export function doListen(ctx: RunContext, spec: SyscallSpec): CallOutcome {
  const entry = fdOf(ctx, spec);
  if (isOutcome(entry)) return entry;
  // listen() on a connected or connecting socket is EINVAL (Linux inet_listen(): the socket
  // must be unconnected; FreeBSD tcp_usr_listen(): only from CLOSED). Listening again only
  // changes the backlog.
  if (entry.listening) return ok();
  if (entry.socket !== null) return fail('EINVAL');
  const backlog = intOf(spec.args[1]);
  const port = entry.port ?? ctx.config.bindPort;
  const result = ctx.world.call({
    call: 'listen',
    port,
    ...(backlog !== null ? { backlog } : {}),
    options: entry.options,
  });
  if (result.result !== 'ok') return fail(result.result);
  entry.socket = result.socket ?? null;
  entry.listening = true;
  if (entry.scriptSocket) {
    entry.scriptSocket.phase = 'listening';
    entry.scriptSocket.localPort = port;
  }
  return ok();
}

/** The fd number accept() hands out: the script's, as packetdrill maps live fds to script fds. */
function acceptedFd(ctx: RunContext, spec: SyscallSpec): number {
  const wanted = intOf(spec.result);
  if (wanted !== null && wanted >= 0) return wanted;
  let fd = 3;
  while (ctx.fds.has(fd)) fd++;
  return fd;
}

function tryAccept(ctx: RunContext, spec: SyscallSpec, listener: FdEntry): CallOutcome | null {
  const result = ctx.world.call({ call: 'accept', socket: listener.socket! });
  if (result.result === 'EAGAIN') return null;
  if (result.result !== 'ok' || result.socket === undefined) return fail(result.result);
  const fd = acceptedFd(ctx, spec);
  const child = ctx.sut?.phase.startsWith('passive') ? ctx.sut : null;
  ctx.fds.set(fd, {
    fd,
    socket: result.socket,
    port: listener.port,
    listening: false,
    nonBlocking: false,
    options: {},
    scriptSocket: child,
  });
  inheritKeepalive(ctx.fds.get(fd)!, listener);
  return ok(fd);
}

export function doAccept(ctx: RunContext, spec: SyscallSpec): CallOutcome {
  const listener = fdOf(ctx, spec);
  if (isOutcome(listener)) return listener;
  if (!listener.listening || listener.socket === null) return fail('EINVAL');
  const now = tryAccept(ctx, spec, listener);
  if (now) return now;
  if (listener.nonBlocking) return fail('EAGAIN');
  return {
    kind: 'blocked',
    poll: (outputs) => {
      if (!outputs.some((o) => o.type === 'acceptable' && o.listener === listener.socket))
        return null;
      const later = tryAccept(ctx, spec, listener);
      return later?.kind === 'value' ? later.value : null;
    },
  };
}

/** Completion of a connect(): established, or the error that ended the attempt. */
function connectDone(
  socket: SocketId,
  outputs: readonly Output[],
): { value: number; errno: string | null } | null {
  for (const o of outputs) {
    if (o.type === 'established' && o.socket === socket) return { value: 0, errno: null };
    if (o.type === 'error' && o.socket === socket) return { value: -1, errno: o.errno };
  }
  return null;
}

/** Active open on the engine; `fastOpen` is the data offered for the SYN (RFC 7413). */
export function startConnect(
  ctx: RunContext,
  entry: FdEntry,
  remotePort: number,
  fastOpen?: Uint8Array,
): CallResult {
  const result = ctx.world.call({
    call: 'connect',
    remote: ctx.addresses.remoteIp,
    remotePort,
    ...(entry.port !== null ? { localPort: entry.port } : {}),
    options: entry.options,
    ...(fastOpen !== undefined ? { fastOpen } : {}),
  });
  if (result.result !== 'ok' || result.socket === undefined) return result;
  entry.socket = result.socket;
  const scriptSocket = entry.scriptSocket ?? newScriptSocket('init', 0, remotePort);
  scriptSocket.phase = 'connecting';
  scriptSocket.localPort = ctx.world.info(result.socket)?.localPort ?? 0;
  scriptSocket.remotePort = remotePort;
  entry.scriptSocket = scriptSocket;
  ctx.sut = scriptSocket;
  return result;
}

export function doConnect(ctx: RunContext, spec: SyscallSpec): CallOutcome {
  const entry = fdOf(ctx, spec);
  if (isOutcome(entry)) return entry;
  const refused = notFresh(ctx, entry);
  if (refused) return refused;
  if ((entry.deferredPort ?? null) !== null) return fail('EISCONN');
  const remotePort = portOf(spec.args[1]) ?? ctx.config.connectPort;
  if (entry.fastOpenConnect && ctx.world.fastOpenReady(ctx.addresses.remoteIp, remotePort)) {
    // Linux tcp_fastopen_defer_connect(): with a usable cookie connect() returns 0 at once
    // and the first write sends the SYN with its data (doFastOpenSendto).
    entry.deferredPort = remotePort;
    return ok(0, false);
  }
  // Without a cookie a TCP_FASTOPEN_CONNECT socket's SYN asks for one.
  const offer = entry.fastOpenConnect ? new Uint8Array(0) : undefined;
  const result = startConnect(ctx, entry, remotePort, offer);
  if (result.result !== 'ok' || result.socket === undefined) return fail(result.result);
  const socket = result.socket;
  if (entry.nonBlocking) return fail('EINPROGRESS');
  return { kind: 'blocked', poll: (outputs) => connectDone(socket, outputs) };
}

/**
 * sendto(fd, buf, n, MSG_FASTOPEN, addr, len) on an unconnected socket (RFC 7413): connect
 * with data for the SYN. It returns the bytes the SYN carries; when none (no cookie yet, so
 * the SYN asks for one) a non-blocking socket (or MSG_DONTWAIT) gets EINPROGRESS, as Linux's
 * tcp_sendmsg_fastopen; a blocking one waits for the handshake and returns all n bytes.
 */
export function doFastOpenSendto(
  ctx: RunContext,
  spec: SyscallSpec,
  entry: FdEntry,
  length: number,
): CallOutcome {
  // Linux tcp_sendmsg_fastopen(): EOPNOTSUPP when the client bit of tcp_fastopen is off or
  // the address is AF_UNSPEC; the socket stays unconnected.
  if (!(ctx.world.profile.fastOpen & FastOpenBits.CLIENT)) return fail('EOPNOTSUPP');
  if (symbolsOf(spec.args[4]).includes('AF_UNSPEC')) return fail('EOPNOTSUPP');
  const refused = notFresh(ctx, entry);
  if (refused) return refused;
  const remotePort = entry.deferredPort ?? portOf(spec.args[4]) ?? ctx.config.connectPort;
  entry.deferredPort = null;
  const result = startConnect(ctx, entry, remotePort, new Uint8Array(length));
  if (result.result !== 'ok' || result.socket === undefined) return fail(result.result);
  const bytes = result.bytes ?? 0;
  const nonBlocking = entry.nonBlocking || symbolsOf(spec.args[3]).includes('MSG_DONTWAIT');
  if (nonBlocking) return bytes > 0 ? ok(bytes) : fail('EINPROGRESS');
  // Linux tcp_sendmsg_fastopen(): a blocking sendto waits for the handshake and then sends
  // the rest like send(); the rest is queued now, so the ACK of the SYN-ACK carries it
  // (tcp_rcv_synsent_state_process() holds the ACK while a writer waits, sk_write_pending).
  const socket = result.socket;
  if (length > bytes) {
    const rest = ctx.world.call({ call: 'send', socket, data: new Uint8Array(length - bytes) });
    if (rest.result !== 'ok') return fail(rest.result);
  }
  return {
    kind: 'blocked',
    poll: (outputs) => {
      const done = connectDone(socket, outputs);
      return done === null || done.errno !== null ? done : { value: length, errno: null };
    },
  };
}

export function doShutdown(ctx: RunContext, spec: SyscallSpec): CallOutcome {
  const entry = fdOf(ctx, spec);
  if (isOutcome(entry)) return entry;
  const how = symbolsOf(spec.args[1])[0];
  const map = { SHUT_RD: 'read', SHUT_WR: 'write', SHUT_RDWR: 'both' } as const;
  const mode = how === 'SHUT_RD' || how === 'SHUT_WR' || how === 'SHUT_RDWR' ? map[how] : null;
  if (mode === null) return fail('EINVAL');
  if (entry.socket === null) return fail('ENOTCONN');
  const result = ctx.world.call({ call: 'shutdown', socket: entry.socket, how: mode });
  return result.result === 'ok' ? ok() : fail(result.result);
}

export function doClose(ctx: RunContext, spec: SyscallSpec): CallOutcome {
  const entry = fdOf(ctx, spec);
  if (isOutcome(entry)) return entry;
  ctx.fds.delete(entry.fd);
  if (entry.socket === null) {
    if (entry.port !== null) ctx.world.call({ call: 'unbind', port: entry.port });
    return ok(0, false);
  }
  const result = ctx.world.call({ call: 'close', socket: entry.socket });
  return result.result === 'ok' ? ok() : fail(result.result);
}
