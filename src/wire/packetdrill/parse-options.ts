/**
 * TCP option lists: `<mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 8>`, `<...>`, SACK blocks,
 * Fast Open cookies (packetdrill parser.y, `tcp_option`).
 */
import type { ScriptOptions, ScriptTcpOption } from './ast';
import type { Cursor } from './cursor';
import { ScriptSyntaxError } from './errors';
import { readBounded } from './read-numbers';

function expectWord(cursor: Cursor, word: string): void {
  cursor.skipSpace(true);
  const at = cursor.location();
  if (cursor.readWord() !== word) throw new ScriptSyntaxError(at, `expected '${word}'`);
}

/** A Fast Open cookie: hex bytes, a symbol defined with -D, or nothing (a cookie request). */
function readCookie(
  cursor: Cursor,
  experimental: boolean,
  defines: Readonly<Record<string, string>>,
): ScriptTcpOption {
  cursor.skipSpace(true);
  const at = cursor.location();
  const word = cursor.readWhile((c) => /[A-Za-z0-9_]/.test(c));
  if (word === '') return { kind: 'fastopen', experimental, cookie: '' };
  const resolved = /^[0-9a-fA-F]+$/.test(word) ? word : defines[word];
  if (resolved === undefined) return { kind: 'fastopen', experimental, cookie: null, symbol: word };
  if (!/^([0-9a-fA-F]{2})+$/.test(resolved)) {
    throw new ScriptSyntaxError(
      at,
      `Fast Open cookie '${word}' is not an even number of hex digits`,
    );
  }
  return { kind: 'fastopen', experimental, cookie: resolved.toLowerCase() };
}

function parseOption(cursor: Cursor, defines: Readonly<Record<string, string>>): ScriptTcpOption {
  cursor.skipSpace(true);
  const at = cursor.location();
  const name = cursor.readWord();
  switch (name) {
    case 'nop':
      return { kind: 'nop' };
    case 'eol':
      return { kind: 'eol' };
    case 'mss':
      return { kind: 'mss', value: readBounded(cursor, 'an MSS', 0xffff) };
    case 'wscale':
      return { kind: 'wscale', shift: readBounded(cursor, 'a window scale shift', 255) };
    case 'sackOK':
      return { kind: 'sackOK' };
    case 'sack': {
      const blocks: (readonly [number, number])[] = [];
      for (;;) {
        cursor.skipSpace(true);
        if (!/[0-9]/.test(cursor.peek())) break;
        const left = readBounded(cursor, 'a SACK block start', 0xffffffff);
        cursor.expect(':');
        blocks.push([left, readBounded(cursor, 'a SACK block end', 0xffffffff)]);
      }
      if (blocks.length === 0) throw new ScriptSyntaxError(at, 'sack needs at least one block a:b');
      return { kind: 'sack', blocks };
    }
    case 'TS': {
      expectWord(cursor, 'val');
      const val = readBounded(cursor, 'a TS val', 0xffffffff);
      expectWord(cursor, 'ecr');
      return { kind: 'ts', val, ecr: readBounded(cursor, 'a TS ecr', 0xffffffff) };
    }
    case 'FO':
      return readCookie(cursor, false, defines);
    case 'FOEXP':
      return readCookie(cursor, true, defines);
    case 'md5': {
      cursor.skipSpace(true);
      // nplab packetdrill: `md5 valid` / `md5 invalid` ask for a signature computed with the
      // script's --tcp_md5_secret (a right one, or a wrong one) instead of a written digest.
      if (cursor.startsWith('valid') || cursor.startsWith('invalid')) {
        return { kind: 'md5', digest: cursor.readWord() ?? '' };
      }
      const digest = cursor.readWhile((c) => /[0-9a-fA-F]/.test(c));
      return { kind: 'md5', digest: digest.toLowerCase() };
    }
    default:
      throw new ScriptSyntaxError(
        at,
        `unknown TCP option ${name === null ? cursor.describeNext() : `'${name}'`}`,
      );
  }
}

/** Parses from `<` to `>`. */
export function parseOptions(
  cursor: Cursor,
  defines: Readonly<Record<string, string>>,
): ScriptOptions {
  cursor.expect('<');
  cursor.skipSpace(true);
  if (cursor.startsWith('...')) {
    cursor.advance(3);
    cursor.skipSpace(true);
    cursor.expect('>', "'>' after '<...'");
    return 'unchecked';
  }
  const options: ScriptTcpOption[] = [];
  for (;;) {
    options.push(parseOption(cursor, defines));
    cursor.skipSpace(true);
    if (cursor.peek() === ',') {
      cursor.advance();
      continue;
    }
    cursor.expect('>', "',' or '>' in the option list");
    return options;
  }
}
