/**
 * A scanner over the script text that knows its line and column. packetdrill's lexer treats
 * newlines as white space, so most parsing skips them; packet lines are the exception and
 * read to the end of their line.
 */
import type { SourceLocation } from './ast';
import { ScriptSyntaxError } from './errors';

export class Cursor {
  private pos = 0;
  private line = 1;
  private column = 1;

  constructor(private readonly text: string) {}

  get offset(): number {
    return this.pos;
  }

  location(): SourceLocation {
    return { line: this.line, column: this.column };
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  peek(ahead = 0): string {
    return this.text.charAt(this.pos + ahead);
  }

  startsWith(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }

  advance(count = 1): string {
    const start = this.pos;
    for (let i = 0; i < count && this.pos < this.text.length; i++) {
      if (this.text.charAt(this.pos) === '\n') {
        this.line += 1;
        this.column = 1;
      } else {
        this.column += 1;
      }
      this.pos += 1;
    }
    return this.text.slice(start, this.pos);
  }

  slice(from: number, to = this.pos): string {
    return this.text.slice(from, to);
  }

  /** Skips blanks and comments; newlines too unless `withinLine`. */
  skipSpace(withinLine = false): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\r' || (!withinLine && c === '\n')) {
        this.advance();
      } else if (this.startsWith('//')) {
        while (!this.atEnd() && this.peek() !== '\n') this.advance();
      } else if (this.startsWith('/*')) {
        const at = this.location();
        const end = this.text.indexOf('*/', this.pos + 2);
        if (end < 0) throw new ScriptSyntaxError(at, 'unterminated /* comment');
        if (withinLine && this.text.slice(this.pos, end).includes('\n')) return;
        this.advance(end + 2 - this.pos);
      } else {
        return;
      }
    }
  }

  /** True when only blanks or a comment remain before the end of the line. */
  atLineEnd(): boolean {
    this.skipSpace(true);
    return this.atEnd() || this.peek() === '\n';
  }

  /** Reads characters while `test` holds. */
  readWhile(test: (c: string) => boolean): string {
    const start = this.pos;
    while (!this.atEnd() && test(this.peek())) this.advance();
    return this.text.slice(start, this.pos);
  }

  /** The rest of the current line, without its newline. */
  restOfLine(): string {
    return this.readWhile((c) => c !== '\n');
  }

  expect(s: string, what = `'${s}'`): void {
    if (!this.startsWith(s))
      throw new ScriptSyntaxError(
        this.location(),
        `expected ${what}, found ${this.describeNext()}`,
      );
    this.advance(s.length);
  }

  /** A short description of what comes next, for error messages. */
  describeNext(): string {
    const rest = this.text.slice(this.pos).replace(/^[ \t\r]+/, '');
    if (rest === '') return 'end of script';
    if (rest.startsWith('\n')) return 'end of line';
    const word = /^[^\s,()<>[\]{}]+/.exec(rest)?.[0] ?? rest.charAt(0);
    return `'${word.slice(0, 24)}'`;
  }

  /** Reads a number as the lexer does: `12`, `0.5`, `.04`, `0x1f`. Null when none is here. */
  readNumberText(): string | null {
    const m = /^(0x[0-9a-fA-F]+|\d+(?:\.\d+)?|\.\d+)/.exec(
      this.text.slice(this.pos, this.pos + 40),
    );
    if (!m) return null;
    return this.advance(m[0].length);
  }

  /** Reads a word: letters, digits and underscores, starting with a letter or underscore. */
  readWord(): string | null {
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos, this.pos + 200));
    if (!m) return null;
    return this.advance(m[0].length);
  }
}
