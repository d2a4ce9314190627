import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from './testing/temp-dir';
import { parseArgs, runConformance } from './conformance';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

function cli(argv: string[], cwd = REPO): { code: number; out: string[] } {
  const out: string[] = [];
  const code = runConformance(argv, { out: (l) => out.push(l), cwd });
  return { code, out };
}

const PASSING = [
  '`./defaults.sh`',
  '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
  '+0 bind(3, ..., ...) = 0',
  '+.1 < S 0:0(0) win 65535 <mss 1460>',
  '+0 > R. 0:0(0) ack 1 win 0',
].join('\n');
const FAILING = PASSING.replace('> R. 0:0(0) ack 1 win 0', '> R. 0:0(0) ack 2 win 0');
const SKIPPED = `${PASSING}\n+0 < udp (1000)`;

function folder(files: Record<string, string>): string {
  const dir = tempDir('conformance-');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('parseArgs', () => {
  it('reads paths, -D definitions in both spellings, and --verbose', () => {
    expect(parseArgs(['a.pkt', '-D', 'STANDARD', '-DX=1', '--verbose', 'dir'])).toEqual({
      paths: ['a.pkt', 'dir'],
      defines: { STANDARD: '', X: '1' },
      verbose: true,
    });
  });

  it('rejects unknown options and a -D without a name', () => {
    expect(parseArgs(['--fast'])).toBe('unknown option --fast');
    expect(parseArgs(['-D'])).toBe('-D needs NAME or NAME=value');
  });
});

describe('npm run conformance', () => {
  it('prints PASS, FAIL with expected against actual, SKIP, and the totals line; exit 1 on a failure', () => {
    const dir = folder({ 'a-pass.pkt': PASSING, 'b-fail.pkt': FAILING, 'c-skip.pkt': SKIPPED });
    const { code, out } = cli([dir], dir);
    expect(code).toBe(1);
    expect(out[0]).toMatch(
      /^PASS {2}a-pass\.pkt {2}\(linux profile; lines: 1 passed, .*packet lines checked 2\/2\)$/,
    );
    expect(out.slice(1, 6)).toEqual([
      expect.stringMatching(/^FAIL {2}b-fail\.pkt/),
      '      line 5: +0 > R. 0:0(0) ack 2 win 0',
      '      ack: expected 2 vs actual 1',
      '        expected: R. 0:0(0) ack 2 win 0',
      '        actual:   R. 0:0(0) ack 1 win 0',
    ]);
    expect(out).toContainEqual(expect.stringMatching(/^SKIP {2}c-skip\.pkt/));
    expect(out).toContainEqual('      line 6 not applicable: UDP packets are outside a TCP engine');
    expect(out.at(-1)).toBe('1 passed, 1 failed, 1 skipped');
  });

  it('exits 0 when every script met its expectation, and prints each line with --verbose', () => {
    const dir = folder({ 'ok.pkt': PASSING });
    const { code, out } = cli(['ok.pkt', '--verbose'], dir);
    expect(code).toBe(0);
    expect(out).toContainEqual(
      expect.stringMatching(/^ {4} {3}5 passed {9}\+0 > R\. 0:0\(0\) ack 1 win 0$/),
    );
    expect(out.at(-1)).toBe('1 passed, 0 failed, 0 skipped');
  });

  it('says clearly that the shared scripts are skipped when their folder is not there', () => {
    // A project folder of its own, so nothing beside the temporary folder stands in for ../shared.
    const dir = join(folder({}), 'project');
    mkdirSync(join(dir, 'conformance'), { recursive: true });
    writeFileSync(join(dir, 'conformance', 'ok.pkt'), PASSING);
    const { code, out } = cli([], dir);
    expect(code).toBe(0);
    expect(out).toContainEqual(
      'SKIPPED  ../shared/conformance/packetdrill: the shared conformance scripts are not here, so they were not run',
    );
    expect(out.at(-1)).toBe('1 passed, 0 failed, 0 skipped');
  });

  it('reports a script that does not parse as a failure naming line and column', () => {
    const dir = folder({
      'bad.pkt': '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 > S 0:0(0) <mss>',
    });
    const { code, out } = cli(['bad.pkt'], dir);
    expect(code).toBe(1);
    expect(out[0]).toBe("FAIL  bad.pkt:2:19: expected an MSS, found '>'");
  });

  it('exits 2 for usage errors: an unknown option or a missing file', () => {
    expect(cli(['--nope']).code).toBe(2);
    const missing = cli(['no-such-script.pkt']);
    expect(missing.code).toBe(2);
    expect(missing.out[0]).toBe('error: no such file or folder: no-such-script.pkt');
  });

  it("runs the project's own scripts by default", () => {
    const { out } = cli(['conformance']);
    const own = readdirSync(join(REPO, 'conformance')).filter((f) => f.endsWith('.pkt'));
    expect(own.length).toBeGreaterThanOrEqual(6);
    expect(out.filter((l) => l.startsWith('PASS  conformance/'))).toHaveLength(own.length);
  });

  it('fails a hostile script on its own and still runs the rest of the folder', () => {
    const dir = folder({
      'a-nested.pkt': `0 setsockopt(3, SOL_SOCKET, SO_LINGER, ${'['.repeat(2333)}1, 4) = 0`,
      'b-huge.pkt': '// padding\n'.repeat(30_000),
      'c-write.pkt': `${PASSING}\n+0 write(3, ..., -1) = -1`,
      'd-pass.pkt': PASSING,
    });
    const { code, out } = cli([dir], dir);
    expect(code).toBe(1);
    expect(out).toContain(
      'FAIL  a-nested.pkt:1:71: arguments nest deeper than 32 levels of [ ], { } or ( )',
    );
    expect(out).toContain('FAIL  b-huge.pkt: the script is 323 KB; scripts may be up to 256 KB');
    expect(out).toContain('      write: the byte count -1 is outside 0 to 16,777,216');
    expect(out).toContainEqual(expect.stringMatching(/^PASS {2}d-pass\.pkt/));
    expect(out.at(-1)).toBe('1 passed, 3 failed, 0 skipped');
    expect(out.join('\n')).not.toMatch(/ at .*\.ts:\d+/);
  });
});
