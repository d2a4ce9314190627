import { describe, expect, it } from 'vitest';
import { Flag } from '../../engine';
import { errorOf, only, packet } from './parser-test-kit';
import { parseScript } from './parser';

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

  it('marks UDP and outbound ICMP packet lines as unsupported instead of failing', () => {
    expect(only('0 > icmp unreachable port_unreachable')).toEqual({
      type: 'unsupported-packet',
      direction: 'outbound',
      reason: 'a TCP endpoint sends no ICMP',
    });
    expect(only('0 < udp (100)').type).toBe('unsupported-packet');
  });

  it('reads the IP fields before the flags: TTL, hop limit, TOS, class, DSCP and ECN', () => {
    expect(packet('0 > (ttl 4) R. 0:0(0) ack 1 win 0').ip).toEqual({
      ttl: 4,
      tos: null,
      ect01: false,
      flowLabel: null,
    });
    expect(packet('0 < (hlim 3) . 1:1(0) ack 1 win 9').ip?.ttl).toBe(3);
    expect(packet('0 > (class 0xe0) . 1:1(0) ack 1').ip?.tos).toEqual({ value: 0xe0, mask: 0xff });
    expect(packet('0 >[ect0] P. 1:11(10) ack 1').ip?.tos).toEqual({ value: 2, mask: 3 });
    expect(packet('0 > (dscp CS1, ecn ce) . 1:1(0) ack 1').ip?.tos).toEqual({
      value: 0x23,
      mask: 0xff,
    });
    expect(errorOf('0 > (ttl 300) . 1:1(0) ack 1')).toBe('1:10: a ttl 300 is larger than 255');
    expect(errorOf('0 > (speed 3) . 1:1(0) ack 1')).toBe(
      "1:6: expected ttl, hlim, tos, class, dscp, ecn or flowlabel, found 'speed'",
    );
  });

  it('reads an ACK flag written apart from the others, as packetdrill does (`F .`)', () => {
    expect(packet('0 < F  . 1:1(0) ack 101 win 65535').flagsText).toBe('F.');
    expect(packet('0 < F 1:1(0) win 65535').flagsText).toBe('F');
  });

  it("reads absolute sequence numbers ('!'), UDP encapsulation and computed MD5 signatures", () => {
    const rst = packet('0 > R. 0:0(0)! ack 2 win 0 <nop,nop,md5 valid>/udp(9811 > 1)');
    expect(rst.absoluteSeq).toBe(true);
    expect(rst.udp).toEqual({ srcPort: 9811, dstPort: 1 });
    expect(rst.options).toEqual([
      { kind: 'nop' },
      { kind: 'nop' },
      { kind: 'md5', digest: 'valid' },
    ]);
    expect(packet('0 < F. 1:1(0) ack 1 win 32767/udp(1 > 9811)').udp).toEqual({
      srcPort: 1,
      dstPort: 9811,
    });
    expect(packet('0 > . 1:1(0) ack 1').absoluteSeq).toBeUndefined();
  });

  describe('inbound ICMP lines (parser.y icmp_packet_spec)', () => {
    it('reads type, code, MTU and the quoted segment', () => {
      expect(only('0 < icmp unreachable frag_needed mtu 1200 [1:1461(1460)]')).toEqual({
        type: 'icmp',
        icmp: {
          typeName: 'unreachable',
          codeName: 'frag_needed',
          mtu: 1200,
          quoted: { seqStart: 1, seqEnd: 1461, payloadLength: 1460 },
        },
      });
    });

    it('leaves out what the line leaves out: no code, no MTU, no quoted segment', () => {
      expect(only('0 < icmp unreachable')).toEqual({
        type: 'icmp',
        icmp: { typeName: 'unreachable', codeName: null, mtu: null, quoted: null },
      });
      expect(only('0 < icmp packet_too_big mtu 1400 [0:1440(1440)]')).toMatchObject({
        icmp: { codeName: null, mtu: 1400, quoted: { seqStart: 0, payloadLength: 1440 } },
      });
      expect(only('0 < icmp unreachable [5000:6000(1000)]')).toMatchObject({
        icmp: { codeName: null, quoted: { seqStart: 5000, seqEnd: 6000 } },
      });
    });

    it('reads a code given by a -D symbol as its value (lexer.l word())', () => {
      const script = parseScript('0 < icmp unreachable CODE [0:10(10)]', {
        defines: { CODE: 'host_unreachable' },
      });
      expect(script.events[0]!.action).toMatchObject({ icmp: { codeName: 'host_unreachable' } });
    });

    it('says what is wrong with a malformed line', () => {
      expect(errorOf('0 < icmp')).toBe('1:9: expected an ICMP type after icmp');
      expect(errorOf('0 < icmp unreachable [0:10(9)]')).toBe(
        '1:23: inconsistent sequence numbers: 0:10 does not span 9 bytes',
      );
      expect(errorOf('0 < icmp unreachable mtu 800 win 3')).toBe(
        "1:30: unexpected 'win' on an ICMP line",
      );
    });

    it('leaves an ICMP message quoting UDP to the lines the runner cannot check', () => {
      expect(only('0 < icmp unreachable port_unreachable [udp (10)]')).toMatchObject({
        type: 'unsupported-packet',
        direction: 'inbound',
      });
    });
  });

  it('names line and column when start:end does not span the length', () => {
    expect(errorOf('0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 > P. 1:1001(100) ack 1')).toBe(
      '2:9: inconsistent sequence numbers: 1:1001 does not span 100 bytes',
    );
  });

  it('says a line without an event time makes the script malformed (a stray word before a comment)', () => {
    expect(errorOf('s//\n// comment\n0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3')).toBe(
      "1:1: expected an event time, found 's//': the script is malformed (packetdrill's own parser rejects a line that starts this way)",
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
