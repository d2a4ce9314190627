import { describe, expect, it } from 'vitest';
import { errorOf } from './parser-test-kit';
import { parseScript } from './parser';

describe('event times', () => {
  it('reads absolute, relative, wildcard and range times in microseconds', () => {
    const script = parseScript(
      [
        '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
        '+.1 close(3) = 0',
        '0.250 close(3) = 0',
        '* > S 0:0(0) <...>',
        '+0~+.04 > . 1:1(0) ack 1',
      ].join('\n'),
    );
    expect(script.events.map((e) => e.time)).toEqual([
      { kind: 'absolute', usecs: 0 },
      { kind: 'relative', usecs: 100_000 },
      { kind: 'absolute', usecs: 250_000 },
      { kind: 'any' },
      { kind: 'range', relative: true, startUsecs: 0, endUsecs: 40_000 },
    ]);
  });

  it('accepts a blank between + and the number, as the FreeBSD suite writes it', () => {
    const script = parseScript('0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+ 1.00 close(3) = 0');
    expect(script.events[1]!.time).toEqual({ kind: 'relative', usecs: 1_000_000 });
  });

  it('reads a blocking call as start...return (FORMAT.md "Blocking syscalls")', () => {
    const script = parseScript(
      '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+.1...0.200 connect(3, ..., ...) = 0',
    );
    const event = script.events[1]!;
    expect(event.time).toEqual({ kind: 'relative', usecs: 100_000 });
    expect(event.action.type === 'syscall' && event.action.syscall.returnUsecs).toBe(200_000);
  });

  it('rejects a first event that is not at time 0', () => {
    expect(errorOf('0.5 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3')).toBe(
      '1:1: the first event must be at time 0',
    );
  });

  it('rejects absolute times that go backward', () => {
    expect(errorOf('0 close(3) = 0\n0.2 close(3) = 0\n0.1 close(3) = 0')).toBe(
      '3:1: time goes backward: an absolute time earlier than the one before',
    );
  });

  it('allows wildcard and range times only on outbound packets', () => {
    expect(errorOf('0 close(3) = 0\n* < . 1:1(0) ack 1 win 10')).toBe(
      '2:3: only outbound packets may have a wildcard (*) or range (~) time',
    );
    expect(errorOf('0 close(3) = 0\n+0~+1 close(3) = 0')).toMatch(/^2:7: only outbound packets/);
  });

  it('rejects a range that mixes relative and absolute ends', () => {
    expect(errorOf('0 close(3) = 0\n+0~0.1 > . 1:1(0) ack 1')).toBe(
      '2:4: a time range must be both relative (+a~+b) or both absolute (a~b)',
    );
  });
});

describe('commands, code blocks and header options', () => {
  it('reads --name=value lines, back-quoted commands and %{ }% blocks', () => {
    const script = parseScript(
      [
        '--tolerance_usecs=7000',
        '`../common/defaults.sh',
        ' ../common/set_sysctls.py /proc/sys/net/ipv4/tcp_syn_retries=1`',
        '0.00 `sysctl -w net.inet.tcp.sack.enable=1`',
        '+0 %{ assert tcpi_state == TCP_CLOSE_WAIT }%',
      ].join('\n'),
    );
    expect(script.options).toEqual([
      { line: 1, column: 1, name: 'tolerance_usecs', value: '7000' },
    ]);
    expect(script.events.map((e) => [e.line, e.time.kind, e.action])).toEqual([
      [
        2,
        'none',
        {
          type: 'command',
          command:
            '../common/defaults.sh\n ../common/set_sysctls.py /proc/sys/net/ipv4/tcp_syn_retries=1',
        },
      ],
      [4, 'absolute', { type: 'command', command: 'sysctl -w net.inet.tcp.sack.enable=1' }],
      [5, 'relative', { type: 'code', code: 'assert tcpi_state == TCP_CLOSE_WAIT' }],
    ]);
  });

  it('skips // and /* */ comments', () => {
    const script = parseScript('// a comment\n/* a\nblock */ 0 close(3) = 0 // trailing\n');
    expect(script.events).toHaveLength(1);
    expect(script.events[0]!.line).toBe(3);
  });

  it('reports unterminated commands and blocks where they start', () => {
    expect(errorOf('0 close(3) = 0\n+0 `sysctl -w x=1')).toBe(
      '2:4: unterminated shell command: expected `',
    );
    expect(errorOf('0 close(3) = 0\n+0 %{ assert tcpi_state == 1')).toBe(
      '2:4: unterminated code block: expected }%',
    );
  });
});

describe('#ifdef preprocessor (nplab packetdrill)', () => {
  const source = [
    '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
    '#ifdef STANDARD',
    '+0 > R. 0:0(0) ack 1 win 0',
    '#else',
    '+0 > R 0:0(0) win 0',
    '#endif',
  ].join('\n');

  it('takes the STANDARD branch when STANDARD is defined', () => {
    const script = parseScript(source, { defines: { STANDARD: '' } });
    expect(script.usesPreprocessor).toBe(true);
    expect(script.events[1]!.line).toBe(3);
    expect(script.events[1]!.text).toBe('+0 > R. 0:0(0) ack 1 win 0');
  });

  it('takes the #else branch otherwise and keeps original line numbers', () => {
    const script = parseScript(source);
    expect(script.events).toHaveLength(2);
    expect(script.events[1]!.line).toBe(5);
  });

  it('supports #ifndef and nesting', () => {
    const nested = [
      '0 close(3) = 0',
      '#ifndef A',
      '#ifdef B',
      '+0 close(4) = 0',
      '#endif',
      '+0 close(5) = 0',
      '#endif',
    ].join('\n');
    expect(parseScript(nested).events.map((e) => e.line)).toEqual([1, 6]);
    expect(parseScript(nested, { defines: { B: '' } }).events.map((e) => e.line)).toEqual([
      1, 4, 6,
    ]);
    expect(parseScript(nested, { defines: { A: '', B: '' } }).events.map((e) => e.line)).toEqual([
      1,
    ]);
  });

  it('names the line of unbalanced directives', () => {
    expect(errorOf('0 close(3) = 0\n#else')).toBe('2:1: #else without #ifdef');
    expect(errorOf('0 close(3) = 0\n  #endif')).toBe('2:3: #endif without #ifdef');
    expect(errorOf('#ifdef STANDARD\n0 close(3) = 0')).toBe(
      '1:1: #ifdef without a matching #endif',
    );
    expect(errorOf('#if STANDARD\n#endif')).toBe('1:1: unknown preprocessor directive #if');
  });
});

describe('header options followed by a comment (packetdrill’s lexer drops // comments anywhere)', () => {
  it('reads the option and its value without the comment', () => {
    const script = parseScript(
      [
        '--tcp_ts_ecr_scaled // used in TEST 5',
        '--tolerance_usecs=7000  // loaded CI',
        '0 close(3) = 0',
      ].join('\n'),
    );
    expect(script.options).toEqual([
      { line: 1, column: 1, name: 'tcp_ts_ecr_scaled', value: null },
      { line: 2, column: 1, name: 'tolerance_usecs', value: '7000' },
    ]);
  });
});
