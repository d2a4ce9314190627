/** Helpers shared by the system-call handlers: reading arguments and judging results. */
import type { Errno, Output } from '../../engine';
import type { Expr, SyscallSpec } from '../../wire/packetdrill/ast';
import type { CallValue, FdEntry, RunContext } from './run-context';

/**
 * What a handler did:
 * - value: the call returned; `checked` when the value came from the engine.
 * - blocked: the call waits; `poll` is asked after every engine step until it completes.
 * - not-applicable / failed: the line cannot be carried out, with the reason.
 */
export type CallOutcome =
  | {
      readonly kind: 'value';
      readonly value: CallValue;
      readonly checked: boolean;
      readonly extra?: string | null;
    }
  | { readonly kind: 'blocked'; readonly poll: (outputs: readonly Output[]) => CallValue | null }
  | { readonly kind: 'not-applicable'; readonly reason: string }
  | { readonly kind: 'failed'; readonly reason: string };

export const ok = (value = 0, checked = true): CallOutcome => ({
  kind: 'value',
  value: { value, errno: null },
  checked,
});

export const fail = (errno: Errno | string, checked = true): CallOutcome => ({
  kind: 'value',
  value: { value: -1, errno },
  checked,
});

export const notApplicable = (reason: string): CallOutcome => ({ kind: 'not-applicable', reason });

export function intOf(expr: Expr | undefined): number | null {
  if (expr?.kind === 'int') return expr.value;
  if (expr?.kind === 'list' && expr.items.length === 1) return intOf(expr.items[0]);
  return null;
}

export function symbolsOf(expr: Expr | undefined): string[] {
  if (!expr) return [];
  if (expr.kind === 'symbol') return [expr.name];
  if (expr.kind === 'or') return expr.terms.flatMap(symbolsOf);
  if (expr.kind === 'list') return expr.items.flatMap(symbolsOf);
  return [];
}

/** Whether the script speaks to FreeBSD's socket layer (its errnos and option semantics). */
export function freebsdSockets(ctx: RunContext): boolean {
  return ctx.config.origin === 'freebsd' || ctx.world.profile.name === 'freebsd';
}

/** The fd named by argument `i`, or a failed outcome for an fd the script never opened. */
export function fdOf(ctx: RunContext, spec: SyscallSpec, i = 0): FdEntry | CallOutcome {
  const n = intOf(spec.args[i]);
  const entry = n === null ? undefined : ctx.fds.get(n);
  return entry ?? fail('EBADF');
}

export function isOutcome(x: FdEntry | CallOutcome): x is CallOutcome {
  return 'kind' in x;
}

/** A port in a sockaddr argument, `sin_port=htons(8080)`, or null. */
export function portOf(expr: Expr | undefined): number | null {
  if (expr?.kind !== 'struct') return null;
  const port = expr.fields.find((f) => f.name === 'sin_port' || f.name === 'sin6_port')?.value;
  if (port?.kind === 'call' && port.name === 'htons') return intOf(port.args[0]);
  return intOf(port);
}

/**
 * Errno names that are one number on Linux and FreeBSD (errno.h: `#define EWOULDBLOCK EAGAIN`,
 * and Linux's `#define EDEADLOCK EDEADLK`, `ENOTSUP EOPNOTSUPP`); packetdrill compares numbers.
 */
const ERRNO_ALIASES: Readonly<Record<string, string>> = {
  EWOULDBLOCK: 'EAGAIN',
  EDEADLOCK: 'EDEADLK',
  ENOTSUP: 'EOPNOTSUPP',
};

const sameErrno = (a: string, b: string | null): boolean =>
  b !== null && (ERRNO_ALIASES[a] ?? a) === (ERRNO_ALIASES[b] ?? b);

/** packetdrill's check of a call's return value and errno, or null when they agree. */
export function resultMismatch(spec: SyscallSpec, got: CallValue): string | null {
  const gotText = got.errno ? `${got.value} ${got.errno}` : String(got.value);
  if (spec.result.kind === 'int' && spec.result.value !== got.value) {
    return `expected result ${spec.result.value} but got ${gotText}`;
  }
  if (spec.errno !== null && !sameErrno(spec.errno, got.errno)) {
    return `expected errno ${spec.errno} but got ${got.errno ?? 'no error'}`;
  }
  return null;
}

/** The call as the script expects it and as it happened, in `= value ERRNO` form. */
export function formatValue(v: { value: number | string; errno: string | null }): string {
  return v.errno ? `= ${v.value} ${v.errno}` : `= ${v.value}`;
}

export function expectedValue(spec: SyscallSpec): string {
  const value = spec.result.kind === 'int' ? spec.result.value : '...';
  return formatValue({ value, errno: spec.errno });
}
