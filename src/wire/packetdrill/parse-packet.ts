/**
 * Packet lines: `< S 0:0(0) win 32792 <mss 1000,nop,wscale 7>` and `> P. 1:1001(1000) ack 1`
 * (packetdrill parser.y, `tcp_packet_spec`). Packet lines end at the end of their line.
 */
import { Flag } from '../../engine';
import type {
  Action,
  IcmpSpec,
  PacketSpec,
  ScriptOptions,
  SourceLocation,
  UdpEncapsulation,
} from './ast';
import type { Cursor } from './cursor';
import { ScriptSyntaxError } from './errors';
import { parseIpInfo, parseUdpEncapsulation } from './parse-ip-info';
import { parseOptions } from './parse-options';
import { readBounded, readU32 } from './read-numbers';

/** Flag letters of packetdrill's `flags` token. `A` (AccECN AE) is kept apart. */
const FLAG_LETTERS: Readonly<Record<string, number>> = {
  S: Flag.SYN,
  F: Flag.FIN,
  R: Flag.RST,
  P: Flag.PSH,
  '.': Flag.ACK,
  U: Flag.URG,
  E: Flag.ECE,
  W: Flag.CWR,
  A: 0,
};

const FLAGS_TOKEN = /^(-|[SFRPUEWA]+\.?|\.)$/;

function parseFlags(text: string, at: SourceLocation): { flags: number; ae: boolean } {
  if (!FLAGS_TOKEN.test(text))
    throw new ScriptSyntaxError(at, `'${text}' is not a set of TCP flags`);
  if (text === '-') return { flags: 0, ae: false };
  let flags = 0;
  for (const letter of text) {
    const bit = FLAG_LETTERS[letter];
    if (bit === undefined) throw new ScriptSyntaxError(at, `unknown TCP flag '${letter}'`);
    if (bit !== 0 && flags & bit)
      throw new ScriptSyntaxError(at, `TCP flag '${letter}' written twice`);
    flags |= bit;
  }
  return { flags, ae: text.includes('A') };
}

/** Why a packet line is of a kind the runner does not model, or null for a TCP line. */
function unsupportedKind(token: string): string | null {
  if (token === 'udp' || token === 'udplite') return 'UDP packets are outside a TCP engine';
  if (/^\d+\.\d+\.\d+\.\d+/.test(token) || /^\d+$/.test(token)) {
    return 'explicit addresses and ports on packet lines are not supported';
  }
  if (token === 'gre' || token === 'mpls') return 'tunnel encapsulations are not modeled';
  return null;
}

/** `start:end(length)` (parser.y `seq`), its end checked to be start + length modulo 2^32. */
function readSeqSpan(cursor: Cursor): {
  seqStart: number;
  seqEnd: number;
  payloadLength: number;
} {
  const at = cursor.location();
  const seqStart = readU32(cursor, 'a sequence number start:end(length)');
  cursor.expect(':', "':' in start:end(length)");
  const seqEnd = readU32(cursor, 'the end of start:end(length)');
  cursor.expect('(', "'(' in start:end(length)");
  const payloadLength = readU32(cursor, 'a payload length');
  cursor.expect(')', "')' in start:end(length)");
  if ((seqStart + payloadLength) % 2 ** 32 !== seqEnd) {
    throw new ScriptSyntaxError(
      at,
      `inconsistent sequence numbers: ${seqStart}:${seqEnd} does not span ${payloadLength} bytes`,
    );
  }
  return { seqStart, seqEnd, payloadLength };
}

export function parsePacket(
  cursor: Cursor,
  defines: Readonly<Record<string, string>>,
  inbound: boolean,
): Action {
  const direction = inbound ? 'inbound' : 'outbound';
  cursor.advance(); // '<' or '>'
  cursor.skipSpace(true);
  const ip = cursor.peek() === '(' || cursor.peek() === '[' ? parseIpInfo(cursor) : undefined;
  cursor.skipSpace(true);
  const flagsAt = cursor.location();
  let token = cursor.readWhile((c) => !/\s/.test(c));
  if (token === 'icmp') {
    if (!inbound) {
      cursor.restOfLine();
      return { type: 'unsupported-packet', direction, reason: 'a TCP endpoint sends no ICMP' };
    }
    return parseIcmp(cursor, defines);
  }
  // packetdrill's lexer splits `F .` into a word and '.', which its grammar joins again
  // (parser.y: flags: WORD opt_ack_flag), so the ACK flag may stand apart from the others.
  if (/^[SFRPUEWA]+$/.test(token)) {
    cursor.skipSpace(true);
    if (cursor.peek() === '.' && /\s/.test(cursor.peek(1))) token += cursor.advance();
  }
  const unsupported = unsupportedKind(token);
  if (unsupported !== null) {
    cursor.restOfLine();
    return { type: 'unsupported-packet', direction, reason: unsupported };
  }
  if (token === '') throw new ScriptSyntaxError(flagsAt, 'expected TCP flags after the direction');
  const { flags, ae } = parseFlags(token, flagsAt);

  cursor.skipSpace(true);
  const { seqStart, seqEnd, payloadLength } = readSeqSpan(cursor);
  const absoluteSeq = cursor.peek() === '!';
  if (absoluteSeq) cursor.advance();

  let ack: number | null = null;
  let window: number | null = null;
  let urgent: number | null = null;
  let options: ScriptOptions = [];
  let udp: UdpEncapsulation | undefined;
  for (;;) {
    if (cursor.atLineEnd()) break;
    const at = cursor.location();
    if (cursor.peek() === '/') {
      udp = parseUdpEncapsulation(cursor);
      cursor.skipSpace(true);
      if (!cursor.atLineEnd()) {
        throw new ScriptSyntaxError(
          cursor.location(),
          `unexpected ${cursor.describeNext()} after the UDP encapsulation`,
        );
      }
      break;
    }
    if (cursor.peek() === '<') {
      options = parseOptions(cursor, defines);
      cursor.skipSpace(true);
      if (cursor.peek() === '/') continue;
      if (!cursor.atLineEnd()) {
        throw new ScriptSyntaxError(
          cursor.location(),
          `unexpected ${cursor.describeNext()} after the option list`,
        );
      }
      break;
    }
    const word = cursor.readWord();
    if (word === 'ack' && ack === null) ack = readBounded(cursor, 'an ack number', 0xffffffff);
    else if (word === 'win' && window === null) window = readBounded(cursor, 'a window', 0xffff);
    else if (word === 'urg' && urgent === null)
      urgent = readBounded(cursor, 'an urgent pointer', 0xffff);
    else {
      throw new ScriptSyntaxError(
        at,
        `unexpected ${word === null ? cursor.describeNext() : `'${word}'`} on a packet line`,
      );
    }
  }
  if (inbound && window === null) {
    throw new ScriptSyntaxError(flagsAt, 'an inbound packet must give its window (win N)');
  }
  if (inbound && options === 'unchecked') {
    throw new ScriptSyntaxError(flagsAt, '<...> only makes sense on an outbound packet');
  }
  const packet: PacketSpec = {
    direction,
    flags,
    flagsText: token,
    ae,
    seqStart,
    seqEnd,
    payloadLength,
    ack: ack ?? (flags & Flag.ACK ? 0 : null),
    window,
    urgent,
    options,
    ...(absoluteSeq ? { absoluteSeq } : {}),
    ...(ip ? { ip } : {}),
    ...(udp ? { udp } : {}),
  };
  return { type: 'packet', packet };
}

/** A word as packetdrill's lexer gives it: a -D symbol stands for its value (lexer.l word()). */
function word(cursor: Cursor, defines: Readonly<Record<string, string>>): string | null {
  const w = cursor.readWord();
  return w === null ? null : (defines[w] ?? w);
}

/**
 * The rest of `< icmp TYPE [CODE] [mtu N] [[start:end(len)]]` (packetdrill parser.y:
 * icmp_type opt_icmp_code opt_icmp_mtu opt_icmp_echoed).
 */
function parseIcmp(cursor: Cursor, defines: Readonly<Record<string, string>>): Action {
  cursor.skipSpace(true);
  const typeAt = cursor.location();
  const typeName = word(cursor, defines);
  if (typeName === null) throw new ScriptSyntaxError(typeAt, 'expected an ICMP type after icmp');
  cursor.skipSpace(true);
  let codeName: string | null = null;
  let mtu: number | null = null;
  const atMtu = (): boolean => cursor.startsWith('mtu') && !/[A-Za-z0-9_]/.test(cursor.peek(3));
  if (!atMtu() && cursor.peek() !== '[' && !cursor.atLineEnd()) {
    const codeAt = cursor.location();
    codeName = word(cursor, defines);
    if (codeName === null) {
      throw new ScriptSyntaxError(codeAt, `expected an ICMP code, found ${cursor.describeNext()}`);
    }
    cursor.skipSpace(true);
  }
  if (atMtu()) {
    cursor.advance(3);
    mtu = readBounded(cursor, 'an MTU', 0xffffffff);
    cursor.skipSpace(true);
  }
  let quoted: IcmpSpec['quoted'] = null;
  if (cursor.peek() === '[') {
    cursor.advance();
    cursor.skipSpace(true);
    if (!/[0-9]/.test(cursor.peek())) {
      cursor.restOfLine();
      return {
        type: 'unsupported-packet',
        direction: 'inbound',
        reason: 'an ICMP message quoting a UDP or raw packet has no TCP connection to reach',
      };
    }
    quoted = readSeqSpan(cursor);
    cursor.skipSpace(true);
    cursor.expect(']', "']' after the quoted segment");
  }
  cursor.skipSpace(true);
  if (!cursor.atLineEnd()) {
    throw new ScriptSyntaxError(
      cursor.location(),
      `unexpected ${cursor.describeNext()} on an ICMP line`,
    );
  }
  return { type: 'icmp', icmp: { typeName, codeName, mtu, quoted } };
}
