/**
 * sendto(fd, buf, n, flags, addr, len). With MSG_FASTOPEN it is Linux's Fast Open connect
 * (syscalls-socket.ts); on a connected socket it is send(). On an unconnected FreeBSD socket
 * it opens the connection itself: TCP is a PR_IMPLOPCL protocol, so sosend() passes the
 * address to tcp_usr_send(), which connects (tcp_connect()) and queues the data for after the
 * handshake; the call returns n at once. When the socket set TCP_FASTOPEN the data is offered
 * for the SYN (RFC 7413), and the engine decides what the SYN carries. Linux ignores the
 * address of a plain TCP sendto and fails with EPIPE on an unconnected socket
 * (sk_stream_wait_connect()), which send() already answers.
 */
import type { SyscallSpec } from '../../wire/packetdrill/ast';
import type { FdEntry, RunContext } from './run-context';
import {
  fail,
  fdOf,
  intOf,
  isOutcome,
  ok,
  portOf,
  symbolsOf,
  type CallOutcome,
  freebsdSockets,
} from './syscall-kit';
import { doWrite } from './syscalls-io';
import { startConnect } from './syscalls-socket';

/** FreeBSD's implied open: connect to the address and queue all `length` bytes. */
function impliedOpen(
  ctx: RunContext,
  spec: SyscallSpec,
  entry: FdEntry,
  length: number,
): CallOutcome {
  const remotePort = portOf(spec.args[4]) ?? ctx.config.connectPort;
  const offer = entry.options.fastOpen ? new Uint8Array(length) : undefined;
  const connected = startConnect(ctx, entry, remotePort, offer);
  if (connected.result !== 'ok' || connected.socket === undefined) return fail(connected.result);
  const inSyn = offer ? (connected.bytes ?? 0) : 0;
  if (inSyn >= length) return ok(length);
  const rest = ctx.world.call({
    call: 'send',
    socket: connected.socket,
    data: new Uint8Array(length - inSyn),
  });
  if (rest.result !== 'ok') return fail(rest.result);
  return ok(inSyn + (rest.bytes ?? 0));
}

export function doSendto(ctx: RunContext, spec: SyscallSpec): CallOutcome {
  const entry = fdOf(ctx, spec);
  if (isOutcome(entry)) return entry;
  const length = intOf(spec.args[2]);
  const plain = !symbolsOf(spec.args[3]).includes('MSG_FASTOPEN');
  if (
    plain &&
    length !== null &&
    length >= 0 &&
    entry.socket === null &&
    !entry.listening &&
    freebsdSockets(ctx)
  ) {
    return impliedOpen(ctx, spec, entry, length);
  }
  return doWrite(ctx, spec);
}
