/**
 * Compares an outbound segment (already in script space) with the `>` line, field by field, as
 * packetdrill's verify_outbound_live_headers and verify_outbound_live_tcp_options do: every flag,
 * seq, ack, payload length, window when the line gives one, urgent pointer, and the option list
 * in order with lengths and values, except TS val (checked only with --tcp_ts_tick_usecs) and
 * TS ecr (packetdrill never compares it).
 */
import { Flag } from '../../engine';
import type { PacketSpec, ScriptTcpOption } from '../../wire/packetdrill/ast';
import { formatFlags, formatOption } from '../../wire/packetdrill/format';

export interface Mismatch {
  readonly field: string;
  readonly expected: string;
  readonly actual: string;
}

export interface TsCheck {
  /** 0 = TS val not checked. */
  readonly tickUsecs: number;
  /** Tolerance in µs for the TS val, from the time since the script started. */
  readonly toleranceUsecs: number;
}

function optionsMismatch(
  expected: readonly ScriptTcpOption[],
  actual: readonly ScriptTcpOption[],
  ts: TsCheck,
): Mismatch | null {
  const list = (options: readonly ScriptTcpOption[]): string =>
    `<${options.map(formatOption).join(',')}>`;
  const whole = (why: string): Mismatch => ({
    field: `tcp options (${why})`,
    expected: list(expected),
    actual: list(actual),
  });
  if (expected.length !== actual.length) return whole('a different number of options');
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!;
    const a = actual[i]!;
    if (e.kind !== a.kind) return whole(`option ${i + 1} is ${a.kind}, not ${e.kind}`);
    if (e.kind === 'ts' && a.kind === 'ts') {
      const off = Math.abs((a.val - e.val) | 0) * ts.tickUsecs;
      if (ts.tickUsecs > 0 && off > ts.toleranceUsecs) {
        return {
          field: `TS val (tolerance ${ts.toleranceUsecs} µs)`,
          expected: String(e.val),
          actual: String(a.val),
        };
      }
    } else if (e.kind === 'fastopen' && e.cookie === null) {
      return whole(`Fast Open cookie ${e.symbol ?? ''} is not defined`);
    } else if (formatOption(e) !== formatOption(a)) {
      return whole(`${e.kind} differs`);
    }
  }
  return null;
}

const FLAG_FIELDS: readonly (readonly [number, string])[] = [
  [Flag.SYN, 'SYN'],
  [Flag.RST, 'RST'],
  [Flag.ACK, 'ACK'],
  [Flag.FIN, 'FIN'],
  [Flag.PSH, 'PSH'],
  [Flag.URG, 'URG'],
  [Flag.ECE, 'ECE'],
  [Flag.CWR, 'CWR'],
];

/** Every difference between the line and the segment, in packetdrill's order of checks. */
export function compareSegment(expected: PacketSpec, actual: PacketSpec, ts: TsCheck): Mismatch[] {
  const out: Mismatch[] = [];
  const field = (name: string, e: number, a: number): void => {
    if (e !== a) out.push({ field: name, expected: String(e), actual: String(a) });
  };
  if (expected.flags !== actual.flags) {
    const differing = FLAG_FIELDS.filter(
      ([bit]) => (expected.flags & bit) !== (actual.flags & bit),
    );
    out.push({
      field: `flags (${differing.map(([, name]) => name).join(', ')})`,
      expected: formatFlags(expected.flags),
      actual: formatFlags(actual.flags),
    });
  }
  field('seq', expected.seqStart, actual.seqStart);
  field('payload length', expected.payloadLength, actual.payloadLength);
  if (expected.flags & Flag.ACK && actual.flags & Flag.ACK)
    field('ack', expected.ack ?? 0, actual.ack ?? 0);
  if (expected.window !== null) field('win', expected.window, actual.window ?? 0);
  field('urg', expected.urgent ?? 0, actual.urgent ?? 0);
  if (expected.options !== 'unchecked' && actual.options !== 'unchecked') {
    const options = optionsMismatch(expected.options, actual.options, ts);
    if (options) out.push(options);
  }
  return out;
}
