import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './testing/temp-dir';
import { applyOverrides } from './args-apply';
import { parseArgs, type RunArgs } from './args';
import { describeJsonError, InputError, loadScenarioFile } from './scenario-file';
import { validateScenario } from '../sim';

function file(text: string | Buffer): string {
  const path = join(tempDir('scenario-file-'), 'scenario.json');
  writeFileSync(path, text);
  return path;
}

function problemOf(path: string): string {
  try {
    loadScenarioFile(path);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('the file was read without a problem');
}

describe('reading a scenario file', () => {
  it('refuses /dev/zero at once, without reading it', () => {
    const started = performance.now();
    expect(problemOf('/dev/zero')).toBe('/dev/zero is not a regular file');
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('refuses a file over the size limit before reading it', () => {
    const path = file(Buffer.alloc(1024 * 1024 + 1, 0x20));
    expect(problemOf(path)).toBe(`${path} is 1,025 KB; a scenario file may be up to 1,024 KB`);
  });

  it('accepts a UTF-8 byte-order mark', () => {
    expect(loadScenarioFile(file('\ufeff{"seed": 3}'))).toEqual({ seed: 3 });
  });

  it('quotes a parse error on one line, naming the place, without raw bytes', () => {
    const nul = file(Buffer.from([0, 0, 0]));
    expect(problemOf(nul)).toBe(
      `${nul} is not valid JSON: unexpected character U+0000 at line 1, column 1`,
    );
    const twoLines = file('{"a": 1,\n "b" x}');
    expect(problemOf(twoLines)).toBe(
      `${twoLines} is not valid JSON: unexpected character 'x' at line 2, column 6`,
    );
    const cut = file('{"a":\n\n');
    expect(problemOf(cut)).toBe(`${cut} is not valid JSON: the text ends before the JSON does`);
    for (const message of [problemOf(nul), problemOf(twoLines), problemOf(cut)]) {
      expect([...message].every((c) => c >= ' ')).toBe(true);
    }
  });

  it('names the place of an error V8 reports by position', () => {
    expect(
      describeJsonError(
        '[1,\n2 3]',
        new SyntaxError(`Expected ',' or ']' after array element in JSON at position 6`),
      ),
    ).toBe("line 2, column 3: expected ',' or ']' after array element, found '3'");
    expect(
      describeJsonError(
        '{"a": "\u0001"}',
        new SyntaxError('Bad control character in string literal in JSON at position 7'),
      ),
    ).toBe('line 1, column 8: bad control character in string literal, found U+0001');
  });

  it('names JSON that is not an object as such, even with overrides given', () => {
    const args = parseArgs([
      '--scenario',
      'x.json',
      '--delay',
      '10',
      '--profile',
      'rfc',
    ]) as RunArgs;
    for (const json of [[1, 2], 'text', 7, null]) {
      const result = validateScenario(applyOverrides(json, args));
      expect(result.ok ? [] : result.errors[0]).toMatch(
        /^\(scenario\): must be a JSON object, got /,
      );
    }
  });
});
