import { describe, expect, it } from 'vitest';
import { Flag } from '../../engine/types';
import type { Action, PacketSpec, SyscallSpec } from './ast';
import { ScriptSyntaxError } from './errors';
import { parseScript } from './parser';

function only(source: string): Action {
  const script = parseScript(source);
  expect(script.events).toHaveLength(1);
  return script.events[0]!.action;
}

function packet(source: string): PacketSpec {
  const action = only(source);
  if (action.type !== 'packet') throw new Error(`expected a packet, got ${action.type}`);
  return action.packet;
}

function syscall(source: string): SyscallSpec {
  const action = only(source);
  if (action.type !== 'syscall') throw new Error(`expected a syscall, got ${action.type}`);
  return action.syscall;
}

/** The error a malformed script raises, as `line:column: reason`. */
function errorOf(source: string, defines?: Record<string, string>): string {
  try {
    parseScript(source, defines ? { defines } : {});
  } catch (e) {
    expect(e).toBeInstanceOf(ScriptSyntaxError);
    return (e as ScriptSyntaxError).message;
  }
  throw new Error('the script parsed without an error');
}

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

describe('packets', () => {
  it('reads an inbound SYN with window and options', () => {
    expect(packet('0 < S 0:0(0) win 32792 <mss 1000,sackOK,nop,nop,nop,wscale 7>')).toEqual({
      direction: 'inbound',
      flags: Flag.SYN,
      flagsText: 'S',
      ae: false,
      seqStart: 0,
      seqEnd: 0,
      payloadLength: 0,
      ack: null,
      window: 32792,
      urgent: null,
      options: [
        { kind: 'mss', value: 1000 },
        { kind: 'sackOK' },
        { kind: 'nop' },
        { kind: 'nop' },
        { kind: 'nop' },
        { kind: 'wscale', shift: 7 },
      ],
    });
  });

  it('maps every flag letter, with . as ACK and - as no flag at all', () => {
    expect(packet('0 > S. 0:0(0) ack 1 <...>').flags).toBe(Flag.SYN | Flag.ACK);
    expect(packet('0 > FP. 1:11(10) ack 1').flags).toBe(Flag.FIN | Flag.PSH | Flag.ACK);
    expect(packet('0 > R 34:34(0) win 0').flags).toBe(Flag.RST);
    expect(packet('0 > SEW 0:0(0) <...>').flags).toBe(Flag.SYN | Flag.ECE | Flag.CWR);
    expect(packet('0 < - 1:1001(1000) win 20000').flags).toBe(0);
  });

  it('reads data, ack and TS options on one line', () => {
    const p = packet('0 > . 1:1(0) ack 1001 <nop,nop,TS val 200 ecr 201>');
    expect(p.ack).toBe(1001);
    expect(p.window).toBeNull();
    expect(p.options).toEqual([
      { kind: 'nop' },
      { kind: 'nop' },
      { kind: 'ts', val: 200, ecr: 201 },
    ]);
  });

  it('treats no option list as "no options" and <...> as unchecked', () => {
    expect(packet('0 > . 1:1(0) ack 1').options).toEqual([]);
    expect(packet('0 > S 0:0(0) <...>').options).toBe('unchecked');
  });

  it('reads SACK blocks, eol padding and Fast Open cookies', () => {
    expect(packet('0 > . 1:1(0) ack 1 <nop,nop,sack 1001:2001 3001:4001>').options).toEqual([
      { kind: 'nop' },
      { kind: 'nop' },
      {
        kind: 'sack',
        blocks: [
          [1001, 2001],
          [3001, 4001],
        ],
      },
    ]);
    expect(packet('0 < S 0:0(0) win 1 <mss 1460,sackOK,eol,eol>').options).toContainEqual({
      kind: 'eol',
    });
    expect(packet('0 > S 0:0(0) <mss 1460,FO,nop,nop>').options).toContainEqual({
      kind: 'fastopen',
      experimental: false,
      cookie: '',
    });
    expect(packet('0 < S 0:10(10) win 1 <FO abcd1234>').options).toEqual([
      { kind: 'fastopen', experimental: false, cookie: 'abcd1234' },
    ]);
  });

  it('resolves a Fast Open cookie symbol from the defines (-D TFO_COOKIE=...)', () => {
    const script = parseScript('0 < S 0:10(10) win 1 <FOEXP TFO_COOKIE>', {
      defines: { TFO_COOKIE: '3021B9D889017EEB' },
    });
    const action = script.events[0]!.action;
    expect(action.type === 'packet' && action.packet.options).toEqual([
      { kind: 'fastopen', experimental: true, cookie: '3021b9d889017eeb' },
    ]);
  });

  it('keeps an undefined cookie symbol unresolved rather than guessing', () => {
    expect(packet('0 < S 0:10(10) win 1 <FOEXP TFO_COOKIE>').options).toEqual([
      { kind: 'fastopen', experimental: true, cookie: null, symbol: 'TFO_COOKIE' },
    ]);
  });

  it('marks UDP, ICMP and IP-level packet lines as unsupported instead of failing', () => {
    const action = only('0 < icmp unreachable frag_needed mtu 1200 [1:1461(1460)]');
    expect(action).toEqual({
      type: 'unsupported-packet',
      direction: 'inbound',
      reason: 'ICMP messages are not modeled by the simulated link',
    });
    expect(only('0 > [ect0] S 0:0(0) <...>').type).toBe('unsupported-packet');
  });

  it('names line and column when start:end does not span the length', () => {
    expect(errorOf('0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 > P. 1:1001(100) ack 1')).toBe(
      '2:9: inconsistent sequence numbers: 1:1001 does not span 100 bytes',
    );
  });

  it('requires a window on inbound packets', () => {
    expect(errorOf('0 < . 1:1(0) ack 1')).toBe(
      '1:5: an inbound packet must give its window (win N)',
    );
  });

  it('rejects unknown flags, options and trailing words with their position', () => {
    expect(errorOf('0 > SX 0:0(0)')).toBe("1:5: 'SX' is not a set of TCP flags");
    expect(errorOf('0 > S 0:0(0) <mss 1460,bogus 3>')).toBe("1:24: unknown TCP option 'bogus'");
    expect(errorOf('0 > . 1:1(0) ack 1 wnd 3')).toBe("1:20: unexpected 'wnd' on a packet line");
    expect(errorOf('0 > . 1:1(0) ack 1 <nop,nop')).toBe(
      "1:28: expected ',' or '>' in the option list, found end of script",
    );
    expect(errorOf('0 > . 1:1(0) win 70000')).toBe('1:18: a window 70000 is larger than 65535');
  });
});

describe('system calls', () => {
  it('reads arguments, result, errno and note', () => {
    expect(syscall('0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)')).toEqual({
      name: 'connect',
      args: [{ kind: 'int', value: 3 }, { kind: 'ellipsis' }, { kind: 'ellipsis' }],
      result: { kind: 'int', value: -1 },
      errno: 'EINPROGRESS',
      note: 'Operation now in progress',
      returnUsecs: null,
    });
  });

  it('reads lists, flag sets, structs and calls', () => {
    expect(syscall('0 getsockopt(3, SOL_SOCKET, SO_ERROR, [ETIMEDOUT], [4]) = 0').args[3]).toEqual({
      kind: 'list',
      items: [{ kind: 'symbol', name: 'ETIMEDOUT' }],
    });
    expect(syscall('0 fcntl(3, F_SETFL, O_RDWR | O_NONBLOCK) = 0').args[2]).toEqual({
      kind: 'or',
      terms: [
        { kind: 'symbol', name: 'O_RDWR' },
        { kind: 'symbol', name: 'O_NONBLOCK' },
      ],
    });
    const bind = syscall(
      '0 bind(3, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("192.168.0.1")}, 16) = 0',
    );
    expect(bind.args[1]).toEqual({
      kind: 'struct',
      fields: [
        { name: 'sa_family', value: { kind: 'symbol', name: 'AF_INET' } },
        {
          name: 'sin_port',
          value: { kind: 'call', name: 'htons', args: [{ kind: 'int', value: 8080 }] },
        },
        {
          name: 'sin_addr',
          value: {
            kind: 'call',
            name: 'inet_addr',
            args: [{ kind: 'string', value: '192.168.0.1' }],
          },
        },
      ],
    });
  });

  it('reads a hex result followed by a note, as fcntl(F_GETFL) prints it', () => {
    const call = syscall('0 fcntl(3, F_GETFL) = 0x02 (flags O_RDWR)');
    expect(call.result).toEqual({ kind: 'int', value: 2 });
    expect(call.errno).toBeNull();
    expect(call.note).toBe('flags O_RDWR');
  });

  it('does not let a result reach into the next line', () => {
    const script = parseScript('0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 close(3) = 0');
    expect(script.events).toHaveLength(2);
  });

  it('names line and column of a malformed call', () => {
    expect(errorOf('0 close(3 = 0')).toBe("1:11: expected ',' or ')', found '='");
    expect(errorOf('0 close(3)')).toBe(
      "1:11: expected '= result' after close(...), found end of script",
    );
    expect(errorOf('0 close(3) = -1 whatever')).toBe(
      "1:17: expected an errno name such as EAGAIN, found 'whatever'",
    );
    expect(errorOf('0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0...1 > S 0:0(0) <...>')).toBe(
      "2:8: only a system call can block ('...' end time)",
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
