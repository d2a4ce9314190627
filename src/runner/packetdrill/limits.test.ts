/**
 * Scripts a careless or hostile user may hand the lab: each is refused with one message that
 * names its line, and nothing throws. The first cases are the reproducers of the hardening
 * issue; the properties then mutate real scripts at random.
 */
import { describe, expect, it } from 'vitest';
import { profiles } from '../../engine';
import { SCRIPT_LIMITS, utf8Length } from '../../wire/packetdrill/limits';
import { errorOf } from '../../wire/packetdrill/parser-test-kit';
import type { ScriptRunResult } from './result';
import { runScript } from './runner';
import { commandVerdicts } from './sysctl';

/** An established connection as the passive side; the line under test comes after it. */
const ESTABLISHED = [
  '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
  '+0 bind(3, ..., ...) = 0',
  '+0 listen(3, 1) = 0',
  '+0 < S 0:0(0) win 65535 <mss 1000>',
  '+0 > S. 0:0(0) ack 1 <...>',
  '+.1 < . 1:1(0) ack 1 win 257',
  '+0 accept(3, ..., ...) = 4',
];

const withLine = (line: string): string => [...ESTABLISHED, line].join('\n');

function failureOf(result: ScriptRunResult): { line: number; reason: string } {
  const failure = result.firstFailure;
  expect(failure).not.toBeNull();
  return { line: failure!.line, reason: failure!.reason ?? '' };
}

describe('bounds of a packetdrill script', () => {
  it('refuses 2,333 nested [ with one message, not a stack overflow', () => {
    const source = `0 setsockopt(3, SOL_SOCKET, SO_LINGER, ${'['.repeat(2333)}1, 4) = 0`;
    expect(errorOf(source)).toBe(
      `1:${39 + SCRIPT_LIMITS.maxNesting}: arguments nest deeper than ${SCRIPT_LIMITS.maxNesting} levels of [ ], { } or ( )`,
    );
    const result = runScript(source);
    expect(result.outcome).toBe('error');
    expect(result.syntaxError?.line).toBe(1);
  });

  it('still reads nesting as deep as the limit allows', () => {
    const depth = SCRIPT_LIMITS.maxNesting - 1;
    const source = `0 setsockopt(3, SOL_SOCKET, SO_LINGER, ${'['.repeat(depth)}1${']'.repeat(depth)}, 4) = 0`;
    expect(runScript(source).syntaxError).toBeNull();
  });

  it('refuses nested structs and calls the same way', () => {
    const structs = `0 bind(3, ${'{a='.repeat(100)}1${'}'.repeat(100)}, 16) = 0`;
    expect(errorOf(structs)).toMatch(/nest deeper than/);
    const calls = `0 bind(3, ${'htons('.repeat(100)}1${')'.repeat(100)}, 16) = 0`;
    expect(errorOf(calls)).toMatch(/nest deeper than/);
  });

  it('refuses an integer a double cannot hold exactly, naming it', () => {
    expect(errorOf('0 write(3, ..., 9007199254740993) = 0')).toBe(
      '1:17: the integer 9007199254740993 is too large (at most 9007199254740991)',
    );
    expect(errorOf('0 write(3, ..., -0xffffffffffffffff) = 0')).toMatch(
      /^1:17: the integer -0xffffffffffffffff is too large/,
    );
  });

  it.each([
    'write(4, ..., -1) = -1',
    'send(4, ..., 16777217, 0) = 16777217',
    'read(4, ..., -1) = 0',
  ])('fails %s on its own line with one message', (call) => {
    const result = runScript(withLine(`+0 ${call}`));
    const name = call.slice(0, call.indexOf('('));
    const count = /, (-?\d+)/.exec(call.slice(call.indexOf('...')))![1];
    expect(failureOf(result)).toEqual({
      line: ESTABLISHED.length + 1,
      reason: `${name}: the byte count ${count} is outside 0 to 16,777,216`,
    });
  });

  it('writes the largest byte count the limit allows', () => {
    const result = runScript(withLine('+0 write(4, ..., 150000) = 150000'));
    expect(result.firstFailure).toBeNull();
  });

  it('refuses a script over the size limit before reading it', () => {
    const line = '+0 write(4, ..., 1000) = 1000\n';
    const source = line.repeat(Math.ceil(25 * 1024 * 1024) / line.length);
    const started = performance.now();
    const result = runScript(source);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.syntaxError).toMatchObject({
      line: 1,
      column: 1,
      message: '1:1: the script is larger than 256 KB, the most a script may be',
    });
  });

  it('counts the limit in UTF-8 bytes, as a file on disk has them', () => {
    expect(utf8Length('a')).toBe(1);
    expect(utf8Length('é')).toBe(2);
    expect(utf8Length('€')).toBe(3);
    expect(utf8Length('😀')).toBe(4);
    expect(utf8Length('\ud800')).toBe(3);
    const text = '// ' + '€'.repeat(SCRIPT_LIMITS.maxScriptBytes / 3);
    expect(runScript(text).syntaxError?.message).toMatch(/larger than 256 KB/);
  });

  it('refuses an event time later than a day, naming it', () => {
    expect(errorOf(`0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+99999999 close(3) = 0`)).toBe(
      '2:2: the time 99999999 s is later than 86400 s, the longest a script may run',
    );
  });
});

describe('sysctl values in a script', () => {
  it('applies none the kernel would refuse: the line says why, and no window becomes NaN', () => {
    const verdicts = commandVerdicts(
      'sysctl -w net.inet.tcp.recvspace=4294967295=65536 net.inet.tcp.sendspace=1e308',
      profiles.freebsd,
      true,
    );
    expect(verdicts).toEqual([
      {
        notApplicable:
          "net.inet.tcp.recvspace: expected a whole number from 0 to 2147483647, got '4294967295=65536'",
      },
      {
        notApplicable:
          "net.inet.tcp.sendspace: expected a whole number from 0 to 2147483647, got '1e308'",
      },
    ]);
  });

  it('still applies a hexadecimal value, as tcp_fastopen is written', () => {
    expect(
      commandVerdicts('sysctl -q net.ipv4.tcp_fastopen=0x70403', profiles.linux, false),
    ).toEqual([
      {
        setting: {
          profile: { fastOpen: 0x70403 },
          sysctls: { tcp_fastopen: 0x70403 },
          note: 'tcp_fastopen = 0x70403',
        },
      },
    ]);
  });
});
