/**
 * System-call lines in strace style: `accept(3, ..., ...) = 4`,
 * `connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)`,
 * `getsockopt(3, SOL_SOCKET, SO_ERROR, [ETIMEDOUT], [4]) = 0` (packetdrill parser.y,
 * `syscall_spec` and `expression`).
 */
import type { Expr, SourceLocation, StructField, SyscallSpec } from './ast';
import type { Cursor } from './cursor';
import { ScriptSyntaxError } from './errors';
import { SCRIPT_LIMITS } from './limits';

/**
 * The parser descends once per `[`, `{` or `name(`; the depth is bounded so a hostile script
 * (thousands of `[`) gets one message instead of exhausting the stack.
 */
function deeper(at: SourceLocation, depth: number): number {
  const max = SCRIPT_LIMITS.maxNesting;
  if (depth >= max) {
    throw new ScriptSyntaxError(at, `arguments nest deeper than ${max} levels of [ ], { } or ( )`);
  }
  return depth + 1;
}

/** packetdrill's integers are 64-bit; this runner keeps those a double holds exactly. */
function readInteger(cursor: Cursor, at: SourceLocation, negative: boolean): number {
  const text = cursor.readNumberText();
  if (text === null || text.includes('.')) {
    throw new ScriptSyntaxError(at, `expected an integer, found ${cursor.describeNext()}`);
  }
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new ScriptSyntaxError(
      at,
      `the integer ${negative ? '-' : ''}${text} is too large (at most ${Number.MAX_SAFE_INTEGER})`,
    );
  }
  return negative ? -value : value;
}

function parseAtom(cursor: Cursor, withinLine: boolean, depth: number): Expr {
  cursor.skipSpace(withinLine);
  const at = cursor.location();
  if (cursor.startsWith('...')) {
    cursor.advance(3);
    return { kind: 'ellipsis' };
  }
  const c = cursor.peek();
  if (c === '-' || /[0-9]/.test(c)) {
    const negative = c === '-';
    if (negative) cursor.advance();
    return { kind: 'int', value: readInteger(cursor, at, negative) };
  }
  if (c === '"') {
    cursor.advance();
    const value = cursor.readWhile((ch) => ch !== '"' && ch !== '\n');
    cursor.expect('"', 'a closing quote');
    return { kind: 'string', value };
  }
  if (c === '[') {
    const inner = deeper(at, depth);
    cursor.advance();
    return { kind: 'list', items: parseList(cursor, ']', inner) };
  }
  if (c === '{') {
    const inner = deeper(at, depth);
    cursor.advance();
    return parseStruct(cursor, inner);
  }
  const name = cursor.readWord();
  if (name === null)
    throw new ScriptSyntaxError(at, `expected an argument, found ${cursor.describeNext()}`);
  cursor.skipSpace();
  if (cursor.peek() === '(') {
    const inner = deeper(at, depth);
    cursor.advance();
    return { kind: 'call', name, args: parseList(cursor, ')', inner) };
  }
  return { kind: 'symbol', name };
}

/**
 * `a | b | c`: flag sets such as O_RDWR|O_NONBLOCK. `withinLine` keeps a call's result from
 * reaching into the next line.
 */
export function parseExpr(cursor: Cursor, withinLine = false, depth = 0): Expr {
  const first = parseAtom(cursor, withinLine, depth);
  const terms: Expr[] = [first];
  for (;;) {
    cursor.skipSpace(withinLine);
    if (cursor.peek() !== '|') break;
    cursor.advance();
    terms.push(parseAtom(cursor, withinLine, depth));
  }
  return terms.length === 1 ? first : { kind: 'or', terms };
}

function parseList(cursor: Cursor, close: ')' | ']' | '}', depth: number): Expr[] {
  const items: Expr[] = [];
  cursor.skipSpace();
  if (cursor.peek() === close) {
    cursor.advance();
    return items;
  }
  for (;;) {
    items.push(parseExpr(cursor, false, depth));
    cursor.skipSpace();
    if (cursor.peek() === ',') {
      cursor.advance();
      continue;
    }
    cursor.expect(close, `',' or '${close}'`);
    return items;
  }
}

function parseStruct(cursor: Cursor, depth: number): Expr {
  const fields: StructField[] = [];
  cursor.skipSpace();
  if (cursor.peek() === '}') {
    cursor.advance();
    return { kind: 'struct', fields };
  }
  if (!/[A-Za-z_]/.test(cursor.peek()) || startsPositional(cursor))
    return parseIovec(cursor, depth);
  for (;;) {
    cursor.skipSpace();
    const at = cursor.location();
    const name = cursor.readWord();
    if (name === null)
      throw new ScriptSyntaxError(at, `expected a field name, found ${cursor.describeNext()}`);
    cursor.skipSpace();
    let length: Expr[] | undefined;
    if (cursor.peek() === '(') {
      cursor.advance();
      length = parseList(cursor, ')', depth);
      cursor.skipSpace();
    }
    cursor.expect('=', `'=' after field '${name}'`);
    const value = parseExpr(cursor, false, depth);
    fields.push(length === undefined ? { name, value } : { name, value, length });
    cursor.skipSpace();
    if (cursor.peek() === ',') {
      cursor.advance();
      continue;
    }
    cursor.expect('}', "',' or '}'");
    return { kind: 'struct', fields };
  }
}

/** Whether a struct opens with a bare word followed by ',' or '}' (`{NULL, 10}`): an iovec. */
function startsPositional(cursor: Cursor): boolean {
  let i = 0;
  while (/[A-Za-z0-9_]/.test(cursor.peek(i))) i++;
  while (cursor.peek(i) === ' ' || cursor.peek(i) === '\t') i++;
  return cursor.peek(i) === ',' || cursor.peek(i) === '}';
}

/** packetdrill's iovec, `{buffer, length}` (its grammar names no fields). */
function parseIovec(cursor: Cursor, depth: number): Expr {
  const at = cursor.location();
  const items = parseList(cursor, '}', depth);
  const [base, length] = items;
  if (items.length !== 2 || base === undefined || length === undefined) {
    throw new ScriptSyntaxError(
      at,
      `expected an iovec {buffer, length}, found ${items.length} items`,
    );
  }
  return {
    kind: 'struct',
    fields: [
      { name: 'iov_base', value: base },
      { name: 'iov_len', value: length },
    ],
  };
}

/** `( words )` after a result: strace's note, e.g. `(Operation now in progress)`. */
function parseNote(cursor: Cursor): string | null {
  if (!cursor.atLineEnd() && cursor.peek() === '(') {
    const at = cursor.location();
    cursor.advance();
    const text = cursor.readWhile((c) => c !== ')' && c !== '\n');
    if (cursor.peek() !== ')') throw new ScriptSyntaxError(at, "unterminated note: expected ')'");
    cursor.advance();
    return text.trim();
  }
  return null;
}

export function parseSyscall(cursor: Cursor, returnUsecs: number | null): SyscallSpec {
  const at = cursor.location();
  const name = cursor.readWord();
  if (name === null)
    throw new ScriptSyntaxError(at, `expected a system call, found ${cursor.describeNext()}`);
  cursor.skipSpace(true);
  cursor.expect('(', `'(' after ${name}`);
  const args = parseList(cursor, ')', 1);
  cursor.skipSpace(true);
  cursor.expect('=', `'= result' after ${name}(...)`);
  const result = parseExpr(cursor, true);
  let errno: string | null = null;
  let note: string | null = null;
  if (!cursor.atLineEnd()) {
    const errnoAt = cursor.location();
    if (cursor.peek() === '(') {
      note = parseNote(cursor);
    } else {
      const found = cursor.describeNext();
      errno = cursor.readWord();
      if (errno === null || !/^E[A-Z0-9]+$/.test(errno)) {
        throw new ScriptSyntaxError(
          errnoAt,
          `expected an errno name such as EAGAIN, found ${found}`,
        );
      }
      note = parseNote(cursor);
    }
  }
  if (!cursor.atLineEnd()) {
    throw new ScriptSyntaxError(
      cursor.location(),
      `unexpected ${cursor.describeNext()} after the system call`,
    );
  }
  return { name, args, result, errno, note, returnUsecs };
}
