/** Numbers in a script line: unsigned 32-bit integers, some with a smaller bound (a window, an MSS). */
import type { Cursor } from './cursor';
import { ScriptSyntaxError } from './errors';

/** An unsigned integer that fits in 32 bits, read where the cursor stands. */
export function readU32(cursor: Cursor, what: string): number {
  const at = cursor.location();
  const text = cursor.readNumberText();
  if (text === null || text.includes('.')) {
    throw new ScriptSyntaxError(at, `expected ${what}, found ${cursor.describeNext()}`);
  }
  const value = Number(text);
  if (value > 0xffffffff)
    throw new ScriptSyntaxError(at, `${what} ${text} does not fit in 32 bits`);
  return value;
}

/** An unsigned integer no larger than `max`, after any spaces. */
export function readBounded(cursor: Cursor, what: string, max: number): number {
  cursor.skipSpace(true);
  const at = cursor.location();
  const value = readU32(cursor, what);
  if (value > max) throw new ScriptSyntaxError(at, `${what} ${value} is larger than ${max}`);
  return value;
}
