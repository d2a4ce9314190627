import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './testing/temp-dir';
import { areaOf, rateOf } from './conformance-areas';
import { runConformance } from './conformance';
import { parseThreshold } from './conformance-threshold';

describe('suite areas', () => {
  it.each([
    [
      'corpus/freebsd/state-event-engine/rcv-rst-closed/rcv-rst-closed-ipv4.pkt',
      'FreeBSD state-event-engine IPv4',
    ],
    [
      'corpus/freebsd/state-event-engine/rcv-rst-closed/rcv-rst-closed-ipv6.pkt',
      'FreeBSD state-event-engine IPv6',
    ],
    ['corpus/freebsd/snippets/closing-ipv6.pkt', 'FreeBSD snippets'],
    ['corpus/freebsd/snd-syn/snd-syn-without-options-ipv4.pkt', 'FreeBSD snd-syn'],
    ['corpus/freebsd/socket-api/getsockopt/x-ipv4.pkt', 'FreeBSD socket-api'],
    ['corpus/freebsd/rcv-data-segments/reordering-12345.pkt', 'FreeBSD rcv-data-segments'],
    ['corpus/freebsd/fast-open/client/client-x.pkt', 'FreeBSD fast-open client'],
    [
      'corpus/google/gtests/net/tcp/fastopen/server/opt34/basic.pkt',
      'Google tcp/fastopen/server/opt34',
    ],
    ['corpus/google/gtests/net/tcp/shutdown/shutdown-rd-close.pkt', 'Google tcp/shutdown'],
    ['../shared/conformance/packetdrill/linux-selftests__tcp_basic_client.pkt', 'shared scripts'],
    ['conformance/time-wait.pkt', 'project scripts'],
    ['C:\\scripts\\mine\\a.pkt', 'mine'],
  ])('%s belongs to %s', (path, area) => {
    expect(areaOf(path)).toBe(area);
  });

  it('rounds a rate down, so 2 of 3 is 66.6 % and never more than was reached', () => {
    expect(rateOf({ passed: 2, failed: 1, skipped: 0 })).toBe(66.6);
    expect(rateOf({ passed: 1, failed: 0, skipped: 1 })).toBe(50);
    expect(rateOf({ passed: 0, failed: 0, skipped: 0 })).toBe(0);
  });
});

describe('the threshold file', () => {
  it('names the field that is wrong', () => {
    expect(parseThreshold('{')).toBe('not JSON');
    expect(parseThreshold('[]')).toBe('not a JSON object');
    expect(parseThreshold('{"overall": 101, "areas": {}}')).toMatch(/^overall: /);
    expect(parseThreshold('{"overall": 5, "areas": {"x": "9"}}')).toBe(
      'areas."x": must be a percentage from 0 to 100',
    );
    expect(parseThreshold('{"overall": 5, "areas": {"x": 9}}')).toEqual({
      overall: 5,
      areas: { x: 9 },
    });
  });
});

const PASSING = [
  '`./defaults.sh`',
  '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
  '+0 bind(3, ..., ...) = 0',
  '+.1 < S 0:0(0) win 65535 <mss 1460>',
  '+0 > R. 0:0(0) ack 1 win 0',
].join('\n');
const FAILING = PASSING.replace('ack 1 win 0', 'ack 2 win 0');

/** A folder with suites/a (one pass, one fail) and suites/b (one pass), and a threshold file. */
function workspace(threshold: object): string {
  const dir = tempDir('areas-');
  mkdirSync(join(dir, 'suites', 'a'), { recursive: true });
  mkdirSync(join(dir, 'suites', 'b'), { recursive: true });
  writeFileSync(join(dir, 'suites', 'a', 'one.pkt'), PASSING);
  writeFileSync(join(dir, 'suites', 'a', 'two.pkt'), FAILING);
  writeFileSync(join(dir, 'suites', 'b', 'three.pkt'), PASSING);
  writeFileSync(join(dir, 'rates.json'), JSON.stringify(threshold));
  return dir;
}

function cli(argv: string[], cwd: string): { code: number; out: string[] } {
  const out: string[] = [];
  const code = runConformance(argv, { out: (l) => out.push(l), cwd });
  return { code, out };
}

describe('npm run conformance -- --threshold', () => {
  it('prints the table by area and passes while no rate falls, even with a failing script', () => {
    const dir = workspace({ overall: 66.6, areas: { a: 50, b: 100 } });
    const { code, out } = cli(['suites', '--quiet', '--threshold=rates.json'], dir);
    expect(code).toBe(0);
    expect(out).toContainEqual(expect.stringMatching(/^a +1 +1 +0 +2 +50\.0 % {2}threshold 50 %$/));
    expect(out).toContainEqual(expect.stringMatching(/^overall +2 +1 +0 +3 +66\.6 %/));
    expect(out).toContain('threshold met (rates.json)');
    expect(out.at(-1)).toBe('2 passed, 1 failed, 0 skipped');
    expect(out.some((l) => l.startsWith('FAIL'))).toBe(false);
  });

  it('fails with exit 1 naming each rate that fell below its threshold', () => {
    const dir = workspace({ overall: 70, areas: { a: 100, b: 100 } });
    const { code, out } = cli(['suites', '--quiet', '--threshold=rates.json'], dir);
    expect(code).toBe(1);
    expect(out).toContain('below threshold: a: 50.0 % passed, below the threshold 100 %');
    expect(out).toContain('below threshold: overall: 66.6 % passed, below the threshold 70 %');
  });

  it('refuses a threshold file it cannot read with exit 2 and the field named', () => {
    const dir = workspace({ overall: 'high', areas: {} });
    const { code, out } = cli(['suites', '--threshold=rates.json'], dir);
    expect(code).toBe(2);
    expect(out[0]).toBe('error: rates.json: overall: must be a percentage from 0 to 100');
  });

  it('--update-threshold raises rates that rose and never lowers one', () => {
    const dir = workspace({ overall: 10, areas: { a: 80, b: 0, gone: 42 } });
    const { code } = cli(
      ['suites', '--quiet', '--threshold=rates.json', '--update-threshold'],
      dir,
    );
    expect(code).toBe(1); // area a fell below 80 %: the run still says so
    const written = JSON.parse(readFileSync(join(dir, 'rates.json'), 'utf8')) as {
      overall: number;
      areas: Record<string, number>;
    };
    expect(written.areas).toEqual({ a: 80, b: 100, gone: 42 });
    // "gone" was not run, so the overall rate of this run is not comparable and stays.
    expect(written.overall).toBe(10);
  });
});
