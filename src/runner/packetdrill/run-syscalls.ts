/**
 * System-call lines. A call that would block (connect, accept, read on a blocking socket) is
 * left pending while the script goes on, as packetdrill's syscall thread does; it is checked
 * when the script reaches its next system call or its end, and must have returned at the time
 * written after `...` (or at once, when the line has no `...`).
 */
import type { SyscallSpec } from '../../wire/packetdrill/ast';
import { formatSeconds } from '../../wire/packetdrill/format';
import { record, type CallValue, type RunContext } from './run-context';
import { expectedValue, formatValue, resultMismatch, type CallOutcome } from './syscall-kit';
import { doIoctl, doRead, doWrite } from './syscalls-io';
import { doSendmsg } from './syscalls-sendmsg';
import { doFcntl, doGetsockopt, doSetsockopt } from './syscalls-options';
import { doSendto } from './syscalls-sendto';
import {
  doAccept,
  doBind,
  doClose,
  doConnect,
  doListen,
  doShutdown,
  doSocket,
} from './syscalls-socket';
import { timingError, toleranceFor, type Scheduled } from './timing';

/** How long past its return time a blocking call is waited for before it counts as stuck. */
const BLOCKING_GRACE_USECS = 2_000_000;

const HANDLERS: Readonly<Record<string, (ctx: RunContext, spec: SyscallSpec) => CallOutcome>> = {
  socket: doSocket,
  bind: doBind,
  listen: doListen,
  accept: doAccept,
  connect: doConnect,
  shutdown: doShutdown,
  close: doClose,
  write: doWrite,
  send: doWrite,
  sendto: doSendto,
  sendmsg: doSendmsg,
  read: doRead,
  recv: doRead,
  recvfrom: doRead,
  ioctl: doIoctl,
  setsockopt: doSetsockopt,
  getsockopt: doGetsockopt,
  fcntl: doFcntl,
};

function judge(
  spec: SyscallSpec,
  value: CallValue,
  extra: string | null | undefined,
): string | null {
  return resultMismatch(spec, value) ?? extra ?? null;
}

/** Gives the engine a look at a pending call after each step (wired as the world's onStep). */
export function pollPending(ctx: RunContext): void {
  const outputs = ctx.stepOutputs.splice(0);
  const p = ctx.pending;
  if (!p || p.done) return;
  const value = p.poll(outputs);
  if (value) p.done = { value, atUsecs: ctx.world.nowUsecs };
}

/** Waits for the pending blocking call to return and records its verdict. */
export function settlePending(ctx: RunContext): void {
  const p = ctx.pending;
  if (!p) return;
  const deadline = p.returnUsecs + BLOCKING_GRACE_USECS;
  while (!p.done) {
    const next = ctx.world.nextTimerUsecs();
    if (next === null || next > deadline) break;
    ctx.world.advanceTo(next);
  }
  ctx.pending = null;
  const scheduled: Scheduled = {
    expected: { kind: 'at', usecs: p.startUsecs },
    startUsecs: p.startUsecs,
    returnUsecs: p.returnUsecs,
  };
  if (!p.done) {
    record(ctx, p.index, scheduled, {
      status: 'failed',
      reason: `the blocking ${p.spec.name}() had not returned by ${formatSeconds(deadline)} sec (expected at ${formatSeconds(p.returnUsecs)} sec)`,
      expected: expectedValue(p.spec),
      actual: 'still blocked',
    });
    return;
  }
  const { value, atUsecs } = p.done;
  const tolerance = toleranceFor(ctx.config, p.returnUsecs, p.startUsecs);
  const wrong =
    judge(p.spec, value, null) ??
    timingError({ kind: 'at', usecs: p.returnUsecs }, atUsecs, tolerance, 'system call return');
  record(ctx, p.index, scheduled, {
    status: wrong ? 'failed' : 'passed',
    ...(wrong
      ? { reason: wrong, expected: expectedValue(p.spec), actual: formatValue(value) }
      : {}),
    actualUsecs: atUsecs,
  });
}

export function runSyscall(
  ctx: RunContext,
  index: number,
  spec: SyscallSpec,
  scheduled: Scheduled,
): void {
  const handler = HANDLERS[spec.name];
  if (!handler) {
    record(ctx, index, scheduled, {
      status: 'not-applicable',
      reason: `${spec.name}() is not modeled`,
    });
    return;
  }
  const outcome = handler(ctx, spec);
  const at = ctx.world.nowUsecs;
  switch (outcome.kind) {
    case 'not-applicable':
      record(ctx, index, scheduled, {
        status: 'not-applicable',
        reason: outcome.reason,
        actualUsecs: at,
      });
      return;
    case 'failed':
      record(ctx, index, scheduled, {
        status: 'failed',
        reason: outcome.reason,
        expected: expectedValue(spec),
        actualUsecs: at,
      });
      return;
    case 'blocked':
      ctx.pending = {
        index,
        spec,
        startUsecs: scheduled.startUsecs,
        returnUsecs: scheduled.returnUsecs ?? scheduled.startUsecs,
        poll: outcome.poll,
        done: null,
      };
      return;
    case 'value': {
      const wrong = judge(spec, outcome.value, outcome.extra);
      const status = wrong ? 'failed' : outcome.checked ? 'passed' : 'performed';
      record(ctx, index, scheduled, {
        status,
        ...(wrong
          ? { reason: wrong, expected: expectedValue(spec), actual: formatValue(outcome.value) }
          : {}),
        actualUsecs: at,
      });
    }
  }
}
