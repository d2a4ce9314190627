/** The one error the parser throws: it names the line and column of the problem. */
import type { SourceLocation } from './ast';

export class ScriptSyntaxError extends Error {
  readonly line: number;
  readonly column: number;
  /** The message without the position prefix. */
  readonly reason: string;

  constructor(where: SourceLocation, reason: string) {
    super(`${where.line}:${where.column}: ${reason}`);
    this.name = 'ScriptSyntaxError';
    this.line = where.line;
    this.column = where.column;
    this.reason = reason;
  }
}
