/**
 * setsockopt, getsockopt and fcntl. SO_ERROR and TCP_MAXSEG are read from the engine and
 * checked; TCP_MAXSEG, SO_RCVBUF and FreeBSD's TCP_KEEPINIT set before listen/connect are
 * passed on; O_NONBLOCK is applied by the runner's socket layer. The rest is not applicable.
 */
import type { SyscallSpec } from './ast';
import type { RunContext } from './run-context';
import {
  fail,
  fdOf,
  intOf,
  isOutcome,
  notApplicable,
  ok,
  symbolsOf,
  type CallOutcome,
} from './syscall-kit';

export function doSetsockopt(ctx: RunContext, spec: SyscallSpec): CallOutcome {
  const entry = fdOf(ctx, spec);
  if (isOutcome(entry)) return entry;
  const name = symbolsOf(spec.args[2])[0] ?? '?';
  const value = intOf(spec.args[3]);
  switch (name) {
    case 'SO_REUSEADDR':
      return notApplicable('SO_REUSEADDR: no other socket holds the port in the simulation');
    case 'TCP_MAXSEG':
      if (value === null) return fail('EINVAL');
      entry.options = { ...entry.options, mss: value };
      return ok(0, false);
    case 'SO_RCVBUF':
      if (value === null) return fail('EINVAL');
      entry.options = { ...entry.options, receiveBuffer: value };
      return ok(0, false);
    case 'TCP_KEEPINIT':
      if (value === null) return fail('EINVAL');
      return ctx.world.tuneProfile({ connectTimeoutMs: value * 1000 })
        ? ok(0, false)
        : notApplicable('TCP_KEEPINIT after the first connection cannot change the running engine');
    case 'TCP_FASTOPEN':
      // The value is the Fast Open queue length; the engine bounds it by the backlog.
      if (value === null) return fail('EINVAL');
      entry.options = { ...entry.options, fastOpen: value > 0 };
      return ok(0, false);
    case 'TCP_FASTOPEN_CONNECT':
      return notApplicable('TCP_FASTOPEN_CONNECT: only sendto(MSG_FASTOPEN) is modeled');
    default:
      return notApplicable(`setsockopt ${name} has no engine setting`);
  }
}

export function doGetsockopt(ctx: RunContext, spec: SyscallSpec): CallOutcome {
  const entry = fdOf(ctx, spec);
  if (isOutcome(entry)) return entry;
  const name = symbolsOf(spec.args[2])[0] ?? '?';
  const wanted = spec.args[3];
  if (name === 'SO_ERROR') {
    const error =
      entry.socket === null
        ? 'ok'
        : (ctx.world.call({ call: 'getError', socket: entry.socket }).error ?? 'ok');
    const actual = error === 'ok' ? '0' : error;
    const expected = intOf(wanted) !== null ? String(intOf(wanted)) : (symbolsOf(wanted)[0] ?? '?');
    return {
      kind: 'value',
      value: { value: 0, errno: null },
      checked: true,
      extra: mismatch(name, expected, actual),
    };
  }
  if (name === 'TCP_MAXSEG') {
    const info = entry.socket === null ? undefined : ctx.world.info(entry.socket);
    if (!info) return fail('ENOTCONN');
    const actual = String(info.negotiated.sendMss);
    return {
      kind: 'value',
      value: { value: 0, errno: null },
      checked: true,
      extra: mismatch(name, String(intOf(wanted)), actual),
    };
  }
  if (name === 'SO_RCVBUF')
    return notApplicable("SO_RCVBUF: the kernel's buffer accounting is not modeled");
  return notApplicable(`getsockopt ${name} is not modeled`);
}

function mismatch(name: string, expected: string, actual: string): string | null {
  return expected === actual ? null : `${name}: expected [${expected}] vs actual [${actual}]`;
}

export function doFcntl(ctx: RunContext, spec: SyscallSpec): CallOutcome {
  const entry = fdOf(ctx, spec);
  if (isOutcome(entry)) return entry;
  const command = symbolsOf(spec.args[1])[0];
  if (command === 'F_SETFL') entry.nonBlocking = symbolsOf(spec.args[2]).includes('O_NONBLOCK');
  return notApplicable(
    `fcntl(${command ?? '?'}): file status flags belong to the socket layer the runner emulates, not to TCP` +
      (command === 'F_SETFL'
        ? `; O_NONBLOCK is ${entry.nonBlocking ? 'now on' : 'off'} for later calls`
        : ''),
  );
}
