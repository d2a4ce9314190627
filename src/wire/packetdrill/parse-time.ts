/**
 * Event times: `0.100` absolute, `+.1` relative, `*` any time, `a~b` / `+a~+b` a window, and a
 * blocking call's return time after `...` (packetdrill parser.y, `event_time`, `opt_end_time`).
 */
import type { EventTime } from './ast';
import type { Cursor } from './cursor';
import { ScriptSyntaxError } from './errors';
import { SCRIPT_LIMITS } from './limits';

/** Seconds as written → integer microseconds, the unit packetdrill computes in. */
export function secondsToUsecs(text: string): number {
  return Math.round(Number(text) * 1_000_000);
}

function readSeconds(cursor: Cursor): number {
  cursor.skipSpace(true);
  const at = cursor.location();
  const text = cursor.readNumberText();
  if (text === null || text.startsWith('0x')) {
    throw new ScriptSyntaxError(at, `expected a time in seconds, found ${cursor.describeNext()}`);
  }
  const max = SCRIPT_LIMITS.maxTimeSeconds;
  if (Number(text) > max) {
    throw new ScriptSyntaxError(
      at,
      `the time ${text} s is later than ${max} s, the longest a script may run`,
    );
  }
  return secondsToUsecs(text);
}

/** One time point: `+0.1` (relative) or `0.1` (absolute). */
function readPoint(cursor: Cursor): { relative: boolean; usecs: number } {
  if (cursor.peek() === '+') {
    cursor.advance();
    return { relative: true, usecs: readSeconds(cursor) };
  }
  return { relative: false, usecs: readSeconds(cursor) };
}

/** True when the cursor is at something that starts an event time. */
export function atEventTime(cursor: Cursor): boolean {
  const c = cursor.peek();
  return c === '*' || c === '+' || c === '.' || (c >= '0' && c <= '9');
}

export function parseEventTime(cursor: Cursor): EventTime {
  if (cursor.peek() === '*') {
    cursor.advance();
    return { kind: 'any' };
  }
  const first = readPoint(cursor);
  if (cursor.peek() !== '~') {
    return first.relative
      ? { kind: 'relative', usecs: first.usecs }
      : { kind: 'absolute', usecs: first.usecs };
  }
  cursor.advance();
  const at = cursor.location();
  const second = readPoint(cursor);
  if (second.relative !== first.relative) {
    throw new ScriptSyntaxError(
      at,
      'a time range must be both relative (+a~+b) or both absolute (a~b)',
    );
  }
  if (second.usecs < first.usecs) {
    throw new ScriptSyntaxError(at, 'a time range must not end before it starts');
  }
  return {
    kind: 'range',
    relative: first.relative,
    startUsecs: first.usecs,
    endUsecs: second.usecs,
  };
}

/** After an event time: `...end` marks a blocking system call. Null when absent. */
export function parseBlockingEnd(cursor: Cursor): number | null {
  if (!cursor.startsWith('...')) return null;
  cursor.advance(3);
  return readSeconds(cursor);
}
