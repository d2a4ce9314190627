/**
 * The IP fields a packet line may name before its flags, `(ttl 3)`, `(tos 0x28)`, `(hlim 4)`,
 * `(class 0xe0)`, `[ect0]`, `(dscp CS1, ecn ce)`, `(flowlabel 0x1234)`, and the TCP-in-UDP
 * encapsulation after it, `/udp(1 > 9811)` (nplab packetdrill parser.y: `opt_ip_info`,
 * `ip_info`, `tos_spec`, `dscp`, `opt_udp_encaps_info`).
 */
import type { IpSpec, UdpEncapsulation } from './ast';
import type { Cursor } from './cursor';
import { ScriptSyntaxError } from './errors';
import { readBounded } from './read-numbers';

/** ECN codepoints, the low two bits of the TOS byte / traffic class (RFC 3168 §5). */
const ECN_CODEPOINTS: Readonly<Record<string, number>> = { noecn: 0, ect1: 1, ect0: 2, ce: 3 };
const ECN_MASK = 0x03;
const DSCP_MASK = 0xfc;

/** DSCP names (RFC 2474 class selectors, RFC 2597 AF, RFC 3246 EF, RFC 5865, RFC 8622). */
function dscpCodepoint(name: string): number | undefined {
  const cs = /^CS([0-7])$/.exec(name);
  if (cs) return Number(cs[1]) << 3;
  const af = /^AF([1-4])([1-3])$/.exec(name);
  if (af) return (Number(af[1]) << 3) | (Number(af[2]) << 1);
  return { EF: 46, VOICE_ADMIT: 44, LE: 1 }[name];
}

interface Parts {
  ttl: number | null;
  tos: { value: number; mask: number } | null;
  ect01: boolean;
  flowLabel: number | null;
}

function addTos(parts: Parts, value: number, mask: number, at: ReturnType<Cursor['location']>) {
  const old = parts.tos ?? { value: 0, mask: 0 };
  if (old.mask & mask) throw new ScriptSyntaxError(at, 'the TOS / traffic class is given twice');
  parts.tos = { value: old.value | (value & mask), mask: old.mask | mask };
}

function addEcn(word: string, parts: Parts, at: ReturnType<Cursor['location']>): void {
  if (word === 'ect01') {
    parts.ect01 = true;
    return;
  }
  const ecn = ECN_CODEPOINTS[word];
  if (ecn === undefined) throw new ScriptSyntaxError(at, `'${word}' is not an ECN codepoint`);
  addTos(parts, ecn, ECN_MASK, at);
}

function readItem(cursor: Cursor, parts: Parts): void {
  cursor.skipSpace(true);
  const at = cursor.location();
  const word = cursor.readWord();
  switch (word) {
    case 'ttl':
    case 'hlim':
      if (parts.ttl !== null) throw new ScriptSyntaxError(at, 'the TTL / hop limit is given twice');
      parts.ttl = readBounded(cursor, `a ${word}`, 255);
      return;
    case 'tos':
    case 'class':
      addTos(parts, readBounded(cursor, `a ${word} byte`, 255), 0xff, at);
      return;
    case 'dscp': {
      cursor.skipSpace(true);
      const name = /[0-9]/.test(cursor.peek()) ? null : cursor.readWord();
      const value = name === null ? readBounded(cursor, 'a DSCP', 63) : dscpCodepoint(name);
      if (value === undefined) throw new ScriptSyntaxError(at, `'${name}' is not a DSCP name`);
      addTos(parts, value << 2, DSCP_MASK, at);
      return;
    }
    case 'ecn':
      cursor.skipSpace(true);
      addEcn(cursor.readWord() ?? cursor.describeNext(), parts, at);
      return;
    case 'flowlabel':
      parts.flowLabel = readBounded(cursor, 'a flow label', 0xfffff);
      return;
    default:
      if (word !== null && (word in ECN_CODEPOINTS || word === 'ect01')) {
        addEcn(word, parts, at);
        return;
      }
      throw new ScriptSyntaxError(
        at,
        `expected ttl, hlim, tos, class, dscp, ecn or flowlabel, found ${word === null ? cursor.describeNext() : `'${word}'`}`,
      );
  }
}

/** `(…)` or `[…]` after the direction; the cursor stands on the opening bracket. */
export function parseIpInfo(cursor: Cursor): IpSpec {
  const close = cursor.peek() === '(' ? ')' : ']';
  cursor.advance();
  const parts: Parts = { ttl: null, tos: null, ect01: false, flowLabel: null };
  for (;;) {
    readItem(cursor, parts);
    cursor.skipSpace(true);
    if (cursor.peek() === ',') {
      cursor.advance();
      continue;
    }
    cursor.expect(close, `',' or '${close}' in the IP fields`);
    return parts;
  }
}

/** `/udp(src > dst)` after a TCP packet: the segment travels inside UDP (RFC 8085 ports). */
export function parseUdpEncapsulation(cursor: Cursor): UdpEncapsulation {
  cursor.expect('/');
  const at = cursor.location();
  if (cursor.readWord() !== 'udp') throw new ScriptSyntaxError(at, "expected 'udp' after '/'");
  cursor.expect('(', "'(' after '/udp'");
  const srcPort = readBounded(cursor, 'a UDP source port', 0xffff);
  cursor.skipSpace(true);
  cursor.expect('>', "'>' between the UDP ports");
  const dstPort = readBounded(cursor, 'a UDP destination port', 0xffff);
  cursor.skipSpace(true);
  cursor.expect(')', "')' after the UDP ports");
  return { srcPort, dstPort };
}
