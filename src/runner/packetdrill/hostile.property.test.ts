/**
 * Properties over hostile scripts: the project's own scripts with their numbers replaced by
 * extreme values, random characters spliced in, and deep nesting. Whatever the text, parsing
 * and running give a verdict (a syntax error naming a line, or a verdict per line) and never
 * throw, print NaN or Infinity, or hang. `npm test` draws from one fixed seed; `npm run fuzz`
 * draws new ones.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScriptRunResult } from './result';
import { runScript } from './runner';

const OWN = new URL('../../../conformance/', import.meta.url);
const SCRIPTS = readdirSync(OWN)
  .filter((f) => f.endsWith('.pkt'))
  .map((name) => ({ name, text: readFileSync(new URL(name, OWN), 'utf8') }));

const EXTREME_NUMBERS = [
  '-1',
  '0',
  '1',
  '65535',
  '65536',
  '4294967295',
  '4294967296',
  '9007199254740991',
  '9007199254740992',
  '18446744073709551616',
  '0xffffffffffffffff',
  '1e308',
  '99999999999999999999999999999999999999999999',
  '.000001',
];

const SPLICES = [
  ...EXTREME_NUMBERS,
  '['.repeat(500),
  '{a='.repeat(200),
  'htons('.repeat(200),
  ']',
  ')',
  '}',
  '<',
  '>',
  '...',
  '~',
  '*',
  '%{',
  '`',
  '/*',
  '#ifdef X',
  '#endif',
  '\n',
  '\0',
  '\ufeff',
  'NaN',
  'Infinity',
];

/** A script with every number in one of its lines replaced, or a token spliced in anywhere. */
const mutatedScript = fc
  .record({
    script: fc.constantFrom(...SCRIPTS),
    edits: fc.array(
      fc.oneof(
        fc.record({
          kind: fc.constant('number' as const),
          at: fc.nat(),
          by: fc.constantFrom(...EXTREME_NUMBERS),
        }),
        fc.record({
          kind: fc.constant('splice' as const),
          at: fc.nat(),
          by: fc.constantFrom(...SPLICES),
        }),
        fc.record({
          kind: fc.constant('splice' as const),
          at: fc.nat(),
          by: fc.string({ maxLength: 6 }),
        }),
      ),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .map(({ script, edits }) => {
    let text = script.text;
    for (const edit of edits) {
      if (edit.kind === 'number') {
        const numbers = [...text.matchAll(/\d+/g)];
        const hit = numbers[edit.at % Math.max(1, numbers.length)];
        if (hit?.index !== undefined) {
          text = text.slice(0, hit.index) + edit.by + text.slice(hit.index + hit[0].length);
        }
      } else {
        const at = edit.at % (text.length + 1);
        text = text.slice(0, at) + edit.by + text.slice(at);
      }
    }
    return { name: script.name, text };
  });

/** Every number a result carries is finite, and every message is a line of text. */
function assertWellFormed(result: ScriptRunResult): void {
  const unfinished: string[] = [];
  JSON.stringify(result, (key, value: unknown) => {
    if (typeof value === 'number' && !Number.isFinite(value)) unfinished.push(key);
    return value;
  });
  expect(unfinished, 'fields that are NaN or Infinity').toEqual([]);
  if (result.syntaxError) {
    expect(result.outcome).toBe('error');
    expect(result.syntaxError.line).toBeGreaterThanOrEqual(1);
    expect(result.syntaxError.message).toMatch(/^\d+:\d+: \S/);
  }
  for (const line of result.lines) {
    if (line.reason !== undefined && line.reason !== null) expect(line.reason).not.toBe('');
  }
}

describe('hostile packetdrill scripts', () => {
  it('give a verdict for any mutation of a real script, never an exception', () => {
    fc.assert(
      fc.property(mutatedScript, ({ name, text }) => {
        assertWellFormed(runScript(text, { fileName: name }));
      }),
      { numRuns: 150 },
    );
  });

  it('give a verdict for any byte counts and any nesting depth in a call', () => {
    const call = fc.record({
      name: fc.constantFrom('write', 'read', 'send', 'recv', 'sendto', 'setsockopt', 'getsockopt'),
      count: fc.oneof(fc.integer(), fc.constantFrom(...EXTREME_NUMBERS)),
      depth: fc.nat({ max: 3000 }),
    });
    fc.assert(
      fc.property(call, ({ name, count, depth }) => {
        const script = [
          '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
          '+0 bind(3, ..., ...) = 0',
          '+0 listen(3, 1) = 0',
          '+0 < S 0:0(0) win 65535 <mss 1000>',
          '+0 > S. 0:0(0) ack 1 <...>',
          '+.1 < . 1:1(0) ack 1 win 257',
          '+0 accept(3, ..., ...) = 4',
          `+0 ${name}(4, ${'['.repeat(depth)}..., ${count}${']'.repeat(depth)}, 0) = ${count}`,
        ].join('\n');
        assertWellFormed(runScript(script));
      }),
      { numRuns: 100 },
    );
  });
});
