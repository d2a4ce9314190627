/**
 * parseScript: packetdrill text → typed Script. Pure (no file system), so the app can parse a
 * script in the browser. The first problem found is thrown as a ScriptSyntaxError naming its
 * line and column.
 */
import type { Action, EventTime, HeaderOption, Script, ScriptEvent } from './ast';
import { Cursor } from './cursor';
import { ScriptSyntaxError } from './errors';
import { formatKilobytes, SCRIPT_LIMITS, utf8Length } from './limits';
import { parsePacket } from './parse-packet';
import { parseSyscall } from './parse-syscall';
import { atEventTime, parseBlockingEnd, parseEventTime } from './parse-time';
import { preprocess } from './preprocess';

export interface ParseOptions {
  /** Symbols for `#ifdef` and `-D NAME=value`; e.g. `{ STANDARD: '' }` for the RFC's answer. */
  readonly defines?: Readonly<Record<string, string>>;
}

function parseHeaderOption(cursor: Cursor): HeaderOption {
  const at = cursor.location();
  cursor.advance(2);
  // packetdrill's lexer drops a `//` comment wherever it starts, so one may follow an option.
  const text = cursor
    .restOfLine()
    .replace(/\s+\/\/.*$/, '')
    .trim();
  const m = /^([A-Za-z0-9_-]+)(?:\s*=\s*(.*))?$/.exec(text);
  if (!m?.[1]) throw new ScriptSyntaxError(at, `malformed option line '--${text}'`);
  return { ...at, name: m[1], value: m[2]?.trim() ?? null };
}

function readDelimited(cursor: Cursor, open: string, close: string, what: string): string {
  const at = cursor.location();
  cursor.advance(open.length);
  const start = cursor.offset;
  while (!cursor.atEnd() && !cursor.startsWith(close)) cursor.advance();
  if (cursor.atEnd()) throw new ScriptSyntaxError(at, `unterminated ${what}: expected ${close}`);
  const body = cursor.slice(start);
  cursor.advance(close.length);
  return body.trim();
}

function parseAction(
  cursor: Cursor,
  time: EventTime,
  defines: Readonly<Record<string, string>>,
): Action {
  const returnUsecs = time.kind === 'none' ? null : parseBlockingEnd(cursor);
  cursor.skipSpace();
  const at = cursor.location();
  const c = cursor.peek();
  if (returnUsecs !== null && (c === '<' || c === '>' || c === '`' || cursor.startsWith('%{'))) {
    throw new ScriptSyntaxError(at, "only a system call can block ('...' end time)");
  }
  if (c === '<' || c === '>') {
    if (time.kind === 'none') throw new ScriptSyntaxError(at, 'a packet needs a time');
    const action = parsePacket(cursor, defines, c === '<');
    if (c === '<' && (time.kind === 'any' || time.kind === 'range')) {
      throw new ScriptSyntaxError(
        at,
        'only outbound packets may have a wildcard (*) or range (~) time',
      );
    }
    return action;
  }
  if (time.kind === 'any' || time.kind === 'range') {
    throw new ScriptSyntaxError(
      at,
      'only outbound packets may have a wildcard (*) or range (~) time',
    );
  }
  if (c === '`')
    return { type: 'command', command: readDelimited(cursor, '`', '`', 'shell command') };
  if (cursor.startsWith('%{'))
    return { type: 'code', code: readDelimited(cursor, '%{', '}%', 'code block') };
  if (time.kind === 'none') {
    // packetdrill's grammar (parser.y: event: event_time action) has no line without a time
    // either, so a script that trips here is malformed as written, not merely unsupported.
    throw new ScriptSyntaxError(
      at,
      `expected an event time, found ${cursor.describeNext()}: the script is malformed (packetdrill's own parser rejects a line that starts this way)`,
    );
  }
  if (/[A-Za-z_]/.test(c)) return { type: 'syscall', syscall: parseSyscall(cursor, returnUsecs) };
  throw new ScriptSyntaxError(
    at,
    `expected a packet (< or >), a system call, a \`command\` or a %{ }% block, found ${cursor.describeNext()}`,
  );
}

/** packetdrill's run-time rules that can be checked before running (run.c get_next_event). */
function checkTimes(events: readonly ScriptEvent[]): void {
  let previousAbsolute: number | null = null;
  let first = true;
  for (const event of events) {
    const { time } = event;
    if (time.kind === 'none') continue;
    if (first) {
      first = false;
      const usecs = time.kind === 'absolute' || time.kind === 'relative' ? time.usecs : 0;
      if (usecs !== 0) throw new ScriptSyntaxError(event, 'the first event must be at time 0');
    }
    if (time.kind === 'absolute') {
      if (previousAbsolute !== null && time.usecs < previousAbsolute) {
        throw new ScriptSyntaxError(
          event,
          'time goes backward: an absolute time earlier than the one before',
        );
      }
      previousAbsolute = time.usecs;
    }
  }
}

/** A script over the size limit is refused before any of it is read. */
function checkSize(source: string): void {
  const max = SCRIPT_LIMITS.maxScriptBytes;
  const bytes = source.length > max ? source.length : utf8Length(source, max);
  if (bytes > max) {
    throw new ScriptSyntaxError(
      { line: 1, column: 1 },
      `the script is larger than ${formatKilobytes(max)}, the most a script may be`,
    );
  }
}

export function parseScript(source: string, options: ParseOptions = {}): Script {
  checkSize(source);
  const defines = options.defines ?? {};
  const { text, usesPreprocessor } = preprocess(source, defines);
  const cursor = new Cursor(text);
  const headerOptions: HeaderOption[] = [];
  const events: ScriptEvent[] = [];
  for (;;) {
    cursor.skipSpace();
    if (cursor.atEnd()) break;
    const at = cursor.location();
    const start = cursor.offset;
    if (cursor.startsWith('--')) {
      headerOptions.push(parseHeaderOption(cursor));
      continue;
    }
    let time: EventTime = { kind: 'none' };
    if (atEventTime(cursor)) {
      time = parseEventTime(cursor);
      cursor.skipSpace(true);
    }
    const action = parseAction(cursor, time, defines);
    const eventText = cursor
      .slice(start)
      .split('\n')
      .map((l) => l.trim())
      .join(' ')
      .trim();
    events.push({ ...at, time, action, text: eventText });
  }
  checkTimes(events);
  return { options: headerOptions, events, defines, usesPreprocessor };
}
