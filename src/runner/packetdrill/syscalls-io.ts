/**
 * Data calls: write, send, sendto, read, recv, and ioctl(SIOCINQ). Payload bytes are zeros:
 * scripts give only lengths, and the runner compares lengths.
 */
import type { Output } from '../../engine';
import type { Expr, SyscallSpec } from '../../wire/packetdrill/ast';
import { SCRIPT_LIMITS } from '../../wire/packetdrill/limits';
import type { CallValue, FdEntry, RunContext } from './run-context';
import {
  fail,
  fdOf,
  freebsdSockets,
  intOf,
  isOutcome,
  notApplicable,
  ok,
  symbolsOf,
  type CallOutcome,
} from './syscall-kit';
import { doFastOpenSendto } from './syscalls-socket';

function send(ctx: RunContext, entry: FdEntry, length: number): CallOutcome {
  if (entry.socket === null) return fail('EPIPE');
  if (waitsForConnect(ctx, entry)) return fail('EAGAIN');
  const result = ctx.world.call({
    call: 'send',
    socket: entry.socket,
    data: new Uint8Array(length),
  });
  return result.result === 'ok' ? ok(result.bytes ?? length) : fail(result.result);
}

/**
 * Linux's tcp_sendmsg_locked() lets no data into the send queue before the handshake ends
 * (only a passive Fast Open child may send in SYN-RECEIVED): it waits in
 * sk_stream_wait_connect(), which a non-blocking socket leaves at once with EAGAIN. FreeBSD's
 * sosend() queues it (TCP's implied connect, PR_IMPLOPCL), as RFC 9293 §3.10.2 SEND in
 * SYN-SENT does; a blocking Linux write ends the same way once the handshake completes.
 */
function waitsForConnect(ctx: RunContext, entry: FdEntry): boolean {
  if (!entry.nonBlocking || freebsdSockets(ctx) || entry.socket === null) return false;
  return ctx.world.info(entry.socket)?.state === 'SYN-SENT';
}

/**
 * A byte count the runner can carry out: 0 to SCRIPT_LIMITS.maxIoBytes, or the one message
 * that says why not (the runner names the line). The payload is allocated, so a count of -1
 * or 2^53 must never reach it.
 */
function byteCount(spec: SyscallSpec): number | CallOutcome {
  const count = intOf(spec.args[2]);
  if (count === null) return notApplicable(`${spec.name} needs a byte count`);
  const max = SCRIPT_LIMITS.maxIoBytes;
  if (count < 0 || count > max) {
    return {
      kind: 'failed',
      reason: `${spec.name}: the byte count ${count} is outside 0 to ${max.toLocaleString('en-US')}`,
    };
  }
  return count;
}

/** Linux's MSG_FASTOPEN, by name or as its value 0x20000000 (include/linux/socket.h). */
const MSG_FASTOPEN = 0x20000000;

function fastOpenFlag(flags: Expr | undefined): boolean {
  if (flags?.kind === 'or') return flags.terms.some(fastOpenFlag);
  const value = intOf(flags);
  return (
    symbolsOf(flags).includes('MSG_FASTOPEN') || (value !== null && (value & MSG_FASTOPEN) !== 0)
  );
}

/**
 * A NULL buffer with a byte count above 0 fails with EFAULT before TCP sees the call: the
 * kernel's copy from or to user memory faults (Linux tcp_sendmsg_locked() and
 * tcp_recvmsg() return -EFAULT; syscall-invalid-buf-ptr.pkt). Nothing is sent or consumed.
 */
function nullBuffer(spec: SyscallSpec, count: number): boolean {
  return count > 0 && symbolsOf(spec.args[1]).includes('NULL');
}

/** write(fd, buf, n), send(fd, buf, n, flags), sendto(fd, buf, n, flags, addr, len). */
export function doWrite(ctx: RunContext, spec: SyscallSpec): CallOutcome {
  const entry = fdOf(ctx, spec);
  if (isOutcome(entry)) return entry;
  const length = byteCount(spec);
  if (typeof length !== 'number') return length;
  if (nullBuffer(spec, length)) return fail('EFAULT');
  if ((entry.deferredPort ?? null) !== null) {
    // The first write of a deferred TCP_FASTOPEN_CONNECT connect() opens it with its data.
    return doFastOpenSendto(ctx, spec, entry, length);
  }
  if (spec.name === 'sendto' && fastOpenFlag(spec.args[3])) {
    // Linux: MSG_FASTOPEN opens the connection; on one already open it is a plain send
    // (nonblocking-sendto.pkt: "MSG_FASTOPEN is ignored after handshake").
    const state = entry.socket === null ? null : ctx.world.info(entry.socket)?.state;
    if (state === null || state === 'SYN-SENT' || state === 'SYN-RECEIVED') {
      return doFastOpenSendto(ctx, spec, entry, length);
    }
    return send(ctx, entry, length);
  }
  // MSG_ZEROCOPY changes how the kernel takes the bytes (pinned pages, a completion on the
  // error queue), not what TCP sends.
  const flags = symbolsOf(spec.args[3]).filter((f) => f !== '0' && f !== 'MSG_ZEROCOPY');
  if ((spec.name === 'send' || spec.name === 'sendto') && flags.length > 0) {
    return notApplicable(`send flags ${flags.join('|')} are not modeled`);
  }
  return send(ctx, entry, length);
}

function receive(ctx: RunContext, entry: FdEntry, max: number): CallValue | 'again' {
  if ((entry.deferredPort ?? null) !== null) return 'again'; // a deferred connect is still opening
  if (entry.socket === null) return { value: -1, errno: 'ENOTCONN' };
  const result = ctx.world.call({ call: 'receive', socket: entry.socket, max });
  if (result.result === 'EAGAIN') return 'again';
  if (result.result !== 'ok') return { value: -1, errno: result.result };
  return { value: result.data?.length ?? 0, errno: null };
}

/** read(fd, buf, n), recv(fd, buf, n, flags), recvfrom(fd, buf, n, flags, addr, len). */
export function doRead(ctx: RunContext, spec: SyscallSpec): CallOutcome {
  const entry = fdOf(ctx, spec);
  if (isOutcome(entry)) return entry;
  const max = byteCount(spec);
  if (typeof max !== 'number') return max;
  if (nullBuffer(spec, max)) return fail('EFAULT');
  const flags = symbolsOf(spec.args[3]).filter((f) => f !== '0');
  if (spec.name !== 'read' && flags.length > 0)
    return notApplicable(`recv flags ${flags.join('|')} are not modeled`);
  const now = receive(ctx, entry, max);
  if (now !== 'again') return { kind: 'value', value: now, checked: true };
  if (entry.nonBlocking) return fail('EAGAIN');
  const socket = entry.socket;
  return {
    kind: 'blocked',
    poll: (outputs: readonly Output[]) => {
      const news = outputs.some(
        (o) =>
          (o.type === 'readable' || o.type === 'eof' || o.type === 'error') && o.socket === socket,
      );
      if (!news) return null;
      const later = receive(ctx, entry, max);
      return later === 'again' ? null : later;
    },
  };
}

/** ioctl(fd, SIOCINQ or FIONREAD, [n]): bytes waiting to be read. */
export function doIoctl(ctx: RunContext, spec: SyscallSpec): CallOutcome {
  const entry = fdOf(ctx, spec);
  if (isOutcome(entry)) return entry;
  const request = symbolsOf(spec.args[1])[0];
  if (request !== 'SIOCINQ' && request !== 'FIONREAD')
    return notApplicable(`ioctl ${request ?? '?'} is not modeled`);
  const expected = intOf(spec.args[2]);
  const unread = entry.socket === null ? 0 : (ctx.world.info(entry.socket)?.unread ?? 0);
  const extra =
    expected !== null && expected !== unread
      ? `${request}: expected [${expected}] vs actual [${unread}]`
      : null;
  return { kind: 'value', value: { value: 0, errno: null }, checked: true, extra };
}
