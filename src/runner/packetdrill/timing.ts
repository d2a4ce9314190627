/**
 * packetdrill's clock rules (run.c adjust_relative_event_times, verify_time): a relative time
 * counts from the moment the previous event finished, except that consecutive inbound packets
 * count from each other's scheduled times; the end of a blocking call counts from the same
 * anchor as its start; an event passes when |actual − expected| ≤ max(tolerance_usecs,
 * tolerance_percent × the scheduled gap since the previous event).
 */
import type { ScriptEvent } from '../../wire/packetdrill/ast';
import { formatSeconds } from '../../wire/packetdrill/format';

export type Expected =
  | { readonly kind: 'any' }
  | { readonly kind: 'at'; readonly usecs: number }
  | { readonly kind: 'between'; readonly start: number; readonly end: number };

export interface Scheduled {
  readonly expected: Expected;
  /** When the runner performs the event (for `*`, the current time). */
  readonly startUsecs: number;
  /** For a blocking call: when it must return. */
  readonly returnUsecs: number | null;
}

export interface PreviousEvent {
  readonly inbound: boolean;
  readonly usecs: number;
}

/** An injected packet: a `<` TCP segment or ICMP message. */
export function isInbound(event: ScriptEvent): boolean {
  const { action } = event;
  return (
    action.type === 'icmp' || (action.type === 'packet' && action.packet.direction === 'inbound')
  );
}

export function schedule(
  event: ScriptEvent,
  previous: PreviousEvent | null,
  nowUsecs: number,
): Scheduled {
  const { time } = event;
  const blocking = event.action.type === 'syscall' ? event.action.syscall.returnUsecs : null;
  const anchor =
    previous !== null && previous.inbound && isInbound(event) ? previous.usecs : nowUsecs;
  switch (time.kind) {
    case 'none':
    case 'any':
      return { expected: { kind: 'any' }, startUsecs: nowUsecs, returnUsecs: null };
    case 'absolute':
      return {
        expected: { kind: 'at', usecs: time.usecs },
        startUsecs: time.usecs,
        returnUsecs: blocking,
      };
    case 'relative': {
      const start = anchor + time.usecs;
      return {
        expected: { kind: 'at', usecs: start },
        startUsecs: start,
        returnUsecs: blocking === null ? null : blocking + anchor,
      };
    }
    case 'range': {
      const offset = time.relative ? anchor : 0;
      const start = time.startUsecs + offset;
      return {
        expected: { kind: 'between', start, end: time.endUsecs + offset },
        startUsecs: start,
        returnUsecs: null,
      };
    }
  }
}

export interface ToleranceConfig {
  readonly toleranceUsecs: number;
  readonly tolerancePercent: number;
}

export function toleranceFor(
  config: ToleranceConfig,
  scriptUsecs: number,
  sinceUsecs: number | null,
): number {
  if (sinceUsecs === null) return config.toleranceUsecs;
  const dynamic = (config.tolerancePercent / 100) * (scriptUsecs - sinceUsecs);
  return Math.max(config.toleranceUsecs, dynamic);
}

/** The scheduled time an expectation starts at (the `any` case uses `now`). */
export function expectedStart(expected: Expected, nowUsecs: number): number {
  return expected.kind === 'at'
    ? expected.usecs
    : expected.kind === 'between'
      ? expected.start
      : nowUsecs;
}

/** Null when `actual` is within tolerance of the expectation, else packetdrill's message. */
export function timingError(
  expected: Expected,
  actualUsecs: number,
  tolerance: number,
  what: string,
): string | null {
  if (expected.kind === 'any') return null;
  if (expected.kind === 'between') {
    if (actualUsecs >= expected.start - tolerance && actualUsecs <= expected.end + tolerance)
      return null;
    return `timing error: expected ${what} in time range ${formatSeconds(expected.start)}~${formatSeconds(
      expected.end,
    )} sec but happened at ${formatSeconds(actualUsecs)} sec`;
  }
  if (Math.abs(actualUsecs - expected.usecs) <= tolerance) return null;
  return `timing error: expected ${what} at ${formatSeconds(expected.usecs)} sec but happened at ${formatSeconds(
    actualUsecs,
  )} sec; tolerance ${formatSeconds(tolerance)} sec`;
}
