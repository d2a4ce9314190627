/**
 * nplab packetdrill's preprocessor: `#ifdef NAME`, `#ifndef NAME`, `#else`, `#endif`. The FreeBSD
 * suite uses it to keep the RFC's answer (`#ifdef STANDARD`) beside FreeBSD's. Lines that are
 * not taken, and the directives themselves, become empty lines, so every position the parser
 * reports is still a position in the original text.
 */
import { ScriptSyntaxError } from './errors';

interface OpenBlock {
  readonly line: number;
  /** Whether the enclosing blocks are all taken. */
  readonly parentActive: boolean;
  /** Whether the current branch of this block is taken. */
  active: boolean;
  sawElse: boolean;
}

export interface Preprocessed {
  readonly text: string;
  readonly usesPreprocessor: boolean;
}

const DIRECTIVE = /^(\s*)#\s*([A-Za-z]+)\s*(.*?)\s*$/;

export function preprocess(
  source: string,
  defines: Readonly<Record<string, string>>,
): Preprocessed {
  const lines = source.split('\n');
  const stack: OpenBlock[] = [];
  let usesPreprocessor = false;
  const out = lines.map((line, index) => {
    const lineNo = index + 1;
    const active = stack.length === 0 || stack[stack.length - 1]!.active;
    const m = DIRECTIVE.exec(line);
    if (!m) return active ? line : '';
    const [, indent = '', directive = '', argument = ''] = m;
    const column = indent.length + 1;
    usesPreprocessor = true;
    switch (directive) {
      case 'ifdef':
      case 'ifndef': {
        const name = /^[A-Za-z_][A-Za-z0-9_]*$/.exec(argument)?.[0];
        if (!name) {
          throw new ScriptSyntaxError(
            { line: lineNo, column },
            `#${directive} needs a symbol name`,
          );
        }
        const defined = Object.prototype.hasOwnProperty.call(defines, name);
        const taken = directive === 'ifdef' ? defined : !defined;
        stack.push({ line: lineNo, parentActive: active, active: active && taken, sawElse: false });
        return '';
      }
      case 'else': {
        const top = stack[stack.length - 1];
        if (!top) throw new ScriptSyntaxError({ line: lineNo, column }, '#else without #ifdef');
        if (top.sawElse)
          throw new ScriptSyntaxError(
            { line: lineNo, column },
            'a second #else in one #ifdef block',
          );
        top.sawElse = true;
        top.active = top.parentActive && !top.active;
        return '';
      }
      case 'endif':
        if (!stack.pop())
          throw new ScriptSyntaxError({ line: lineNo, column }, '#endif without #ifdef');
        return '';
      default:
        throw new ScriptSyntaxError(
          { line: lineNo, column },
          `unknown preprocessor directive #${directive}`,
        );
    }
  });
  const unclosed = stack[stack.length - 1];
  if (unclosed) {
    throw new ScriptSyntaxError(
      { line: unclosed.line, column: 1 },
      '#ifdef without a matching #endif',
    );
  }
  return { text: out.join('\n'), usesPreprocessor };
}
