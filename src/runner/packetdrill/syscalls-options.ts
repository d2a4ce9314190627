/**
 * setsockopt, getsockopt and fcntl. SO_ERROR and TCP_MAXSEG are read from the engine and
 * checked; TCP_MAXSEG, SO_RCVBUF and FreeBSD's TCP_KEEPINIT set before listen/connect are
 * passed on, and so are the IP options (ip-options.ts) at any time; O_NONBLOCK is applied by the runner's socket layer. The rest is not applicable.
 */
import { FastOpenBits, udpEncapsPortError } from '../../engine';
import type { SyscallSpec } from '../../wire/packetdrill/ast';
import { ipOptionValue, isIpOption, setIpOptions } from './ip-options';
import { applyKeepalive, getKeepalive, isKeepaliveOption, setKeepalive } from './keepalive-options';
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
  freebsdSockets,
} from './syscall-kit';

/** The index of the event whose system call this is (the spec object is the script's own). */
function eventIndex(ctx: RunContext, spec: SyscallSpec): number {
  return ctx.script.events.findIndex(
    (e) => e.action.type === 'syscall' && e.action.syscall === spec,
  );
}

export function doSetsockopt(ctx: RunContext, spec: SyscallSpec): CallOutcome {
  const entry = fdOf(ctx, spec);
  if (isOutcome(entry)) return entry;
  const name = symbolsOf(spec.args[2])[0] ?? '?';
  const value = intOf(spec.args[3]);
  if (isKeepaliveOption(name) && name !== 'TCP_KEEPINIT') {
    if (value === null) return fail('EINVAL');
    const refused = setKeepalive(entry, name, value, freebsdSockets(ctx));
    if (refused) return fail(refused);
    applyKeepalive(ctx, entry, spec, freebsdSockets(ctx));
    return ok();
  }
  if (isIpOption(name)) {
    const ip = ipOptionValue(name, spec.args[3]);
    if (ip === 'EINVAL') return fail('EINVAL');
    const refused = setIpOptions(ctx, entry, ip);
    return refused ? fail(refused) : ok(0, false);
  }
  switch (name) {
    case 'SO_REUSEADDR':
      return notApplicable('SO_REUSEADDR: no other socket holds the port in the simulation');
    case 'TCP_MAXSEG':
      if (value === null) return fail('EINVAL');
      entry.options = { ...entry.options, mss: value };
      return ok(0, false);
    case 'TCP_NOOPT':
      if (value === null) return fail('EINVAL');
      entry.options = { ...entry.options, noOptions: value !== 0 };
      return ok(0, false);
    case 'SO_RCVBUF':
      if (value === null) return fail('EINVAL');
      entry.options = { ...entry.options, receiveBuffer: value };
      return ok(0, false);
    case 'TCP_KEEPINIT': {
      if (value === null) return fail('EINVAL');
      const refused = setKeepalive(entry, name, value, freebsdSockets(ctx));
      if (refused) return fail(refused);
      return ctx.world.tuneProfile({ connectTimeoutMs: value * 1000 })
        ? ok(0, false)
        : notApplicable('TCP_KEEPINIT after the first connection cannot change the running engine');
    }
    case 'TCP_FASTOPEN':
      // The value is the Fast Open queue length; the engine bounds it by the backlog.
      if (value === null) return fail('EINVAL');
      entry.options = { ...entry.options, fastOpen: value > 0 };
      if (entry.listening && entry.socket !== null) {
        const r = ctx.world.call({ call: 'setFastOpen', socket: entry.socket, enabled: value > 0 });
        if (r.result !== 'ok') return fail(r.result);
      }
      return ok(0, false);
    case 'TCP_SYNCNT': {
      // Linux do_tcp_setsockopt(): 1 to MAX_TCP_SYNCNT (127), at any time; the next SYN
      // timeout reads it (tcp_write_timeout()). FreeBSD has no such option.
      if (freebsdSockets(ctx)) return notApplicable('TCP_SYNCNT is a Linux option');
      if (value === null || value < 1 || value > 127) return fail('EINVAL');
      entry.options = { ...entry.options, synRetries: value };
      if (entry.socket !== null && !entry.listening) {
        const r = ctx.world.call({ call: 'setSynRetries', socket: entry.socket, retries: value });
        if (r.result !== 'ok') return fail(r.result);
      }
      return ok(0, false);
    }
    case 'TCP_USER_TIMEOUT': {
      // Linux do_tcp_setsockopt() → tcp_sock_set_user_timeout(): milliseconds, 0 restores
      // tcp_retries2, a negative value is EINVAL; it applies at once. FreeBSD has no such option.
      if (freebsdSockets(ctx)) return notApplicable('TCP_USER_TIMEOUT is a Linux option');
      if (value === null || value < 0) return fail('EINVAL');
      entry.options = { ...entry.options, userTimeoutMs: value };
      if (entry.socket !== null) {
        const r = ctx.world.call({ call: 'setUserTimeout', socket: entry.socket, ms: value });
        if (r.result !== 'ok') return fail(r.result);
      }
      return ok(0, false);
    }
    case 'TCP_MD5SIG': {
      // FreeBSD tcp_ctloutput(): an int, TF_SIGNATURE on or off, at any time; the key is the
      // host's (setkey). Linux's TCP_MD5SIG takes a struct tcp_md5sig with the key instead.
      if (!freebsdSockets(ctx))
        return notApplicable("Linux's TCP_MD5SIG (struct tcp_md5sig) is not modeled");
      if (value === null) return fail('EINVAL');
      entry.options = { ...entry.options, tcpMd5: value !== 0 };
      if (entry.socket !== null) {
        const r = ctx.world.call({ call: 'setTcpMd5', socket: entry.socket, enabled: value !== 0 });
        if (r.result !== 'ok') return fail(r.result);
      }
      return ok(0, false);
    }
    case 'TCP_REMOTE_UDP_ENCAPS_PORT': {
      // FreeBSD tcp_ctloutput(): the peer's UDP port, before the connection leaves CLOSED.
      if (!freebsdSockets(ctx))
        return notApplicable('TCP_REMOTE_UDP_ENCAPS_PORT is a FreeBSD option');
      if (value === null) return fail('EINVAL');
      const state =
        entry.socket === null ? 'CLOSED' : (ctx.world.info(entry.socket)?.state ?? 'CLOSED');
      const refused = entry.listening
        ? 'EINVAL'
        : udpEncapsPortError(ctx.world.profile, value, state);
      if (refused) return fail(refused);
      entry.options = { ...entry.options, udpEncapsPort: value };
      return ok(0, false);
    }
    case 'TCP_FASTOPEN_CONNECT':
      // Linux do_tcp_setsockopt(): 0 or 1, with the client bit of tcp_fastopen, before connect.
      if (value === null || value < 0 || value > 1) return fail('EINVAL');
      if (!(ctx.world.profile.fastOpen & FastOpenBits.CLIENT)) return fail('EOPNOTSUPP');
      if (entry.socket !== null || entry.listening) return fail('EINVAL');
      entry.fastOpenConnect = value === 1;
      return ok(0, false);
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
    // Before a connection: the MSS set with TCP_MAXSEG, else the default send MSS a new
    // socket starts with (Linux do_tcp_getsockopt(): user_mss in CLOSE and LISTEN, else
    // mss_cache, which tcp_init_sock() sets to TCP_MSS_DEFAULT; FreeBSD t_maxseg = tcp_mssdflt).
    const actual = String(
      info?.negotiated.sendMss ?? entry.options.mss ?? ctx.world.profile.defaultPeerMss,
    );
    return {
      kind: 'value',
      value: { value: 0, errno: null },
      checked: true,
      extra: mismatch(name, intOf(wanted), actual),
    };
  }
  if (isKeepaliveOption(name)) {
    const value = getKeepalive(entry, name, ctx.script, eventIndex(ctx, spec), freebsdSockets(ctx));
    if (value === 'ENOPROTOOPT') return fail(value);
    return {
      kind: 'value',
      value: { value: 0, errno: null },
      checked: true,
      extra: mismatch(name, intOf(wanted), String(value)),
    };
  }
  if (name === 'SO_RCVBUF')
    return notApplicable("SO_RCVBUF: the kernel's buffer accounting is not modeled");
  return notApplicable(`getsockopt ${name} is not modeled`);
}

/** The option's value against the script's `[n]`; `...` (or no number) checks nothing. */
function mismatch(name: string, expected: string | number | null, actual: string): string | null {
  if (expected === null || String(expected) === actual) return null;
  return `${name}: expected [${expected}] vs actual [${actual}]`;
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
