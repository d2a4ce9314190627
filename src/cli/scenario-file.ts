/**
 * Reading a scenario file for `npm run sim`: what can be known before reading is checked
 * first (a regular file, within SCENARIO_LIMITS.maxScenarioBytes, so /dev/zero or a 2 GB log is
 * refused at once), then the text is parsed as JSON. Each problem is one line that quotes no
 * raw bytes: a character that cannot be printed is named by its code point.
 */
import { readFileSync, statSync } from 'node:fs';
import { SCENARIO_LIMITS } from '../sim';

/** A mistake in what the user gave us: reported in one line, exit code 2. */
export class InputError extends Error {}

const kilobytes = (bytes: number) => `${Math.ceil(bytes / 1024).toLocaleString('en-US')} KB`;

/** A character as a message may show it: itself when printable, else its code point. */
export function describeCharacter(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const printable =
    code > 0x20 && code !== 0x7f && !(code >= 0x80 && code < 0xa0) && code !== 0xfeff;
  return printable ? `'${char}'` : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

/**
 * JSON.parse's message without the text it quotes: V8 repeats the start of the input, raw
 * bytes and newlines included. What remains names the place (line and column) and the problem.
 */
export function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const token = /^Unexpected token '([\s\S]+?)', /.exec(message)?.[1];
  if (token !== undefined) {
    const position = text.indexOf(token);
    const where = position >= 0 ? ` at ${lineAndColumn(text, position)}` : '';
    return `unexpected character ${describeCharacter(token)}${where}`;
  }
  if (/Unexpected end of JSON input/.test(message)) return 'the text ends before the JSON does';
  const at = /^(.*?) in JSON at position (\d+)/.exec(message);
  if (at?.[1] !== undefined && at[2] !== undefined) {
    const position = Number(at[2]);
    const found =
      position < text.length ? `, found ${describeCharacter(text.charAt(position))}` : '';
    return `${lineAndColumn(text, position)}: ${at[1].charAt(0).toLowerCase()}${at[1].slice(1)}${found}`;
  }
  // Any other wording: keep it to one printable line.
  return [...message]
    .map((c) => (describeCharacter(c).startsWith('U+') ? ' ' : c))
    .join('')
    .slice(0, 120);
}

export function loadScenarioFile(name: string): unknown {
  let size: number;
  try {
    const stat = statSync(name);
    if (!stat.isFile()) throw new InputError(`${name} is not a regular file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    const e = error as NodeJS.ErrnoException;
    throw new InputError(`cannot read ${name}: ${e.code ?? e.message}`);
  }
  const max = SCENARIO_LIMITS.maxScenarioBytes;
  if (size > max) {
    throw new InputError(
      `${name} is ${kilobytes(size)}; a scenario file may be up to ${kilobytes(max)}`,
    );
  }
  let text: string;
  try {
    text = readFileSync(name, 'utf8');
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new InputError(`cannot read ${name}: ${e.code ?? e.message}`);
  }
  // A byte-order mark is how some editors start a UTF-8 file; it is not part of the JSON.
  if (text.startsWith('\ufeff')) text = text.slice(1);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InputError(`${name} is not valid JSON: ${describeJsonError(text, error)}`);
  }
}
