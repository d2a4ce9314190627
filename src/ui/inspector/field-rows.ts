/**
 * The inspector's rows: every header field of one segment with its value, the other
 * numbering, one sentence of why, and the byte range it occupies in the encoded segment (from
 * src/wire's field map) so that selecting a row can highlight its bytes and vice versa.
 */
import { ipFamily, type FlagName } from '../../engine';
import { splitEndpoint } from '../../wire/address';
import type { SendEvent } from '../../sim/trace';
import type { EncodedSegment, FieldRange } from '../../wire/fields';
import { flagsLabel } from '../format/segment-label';
import { relativeSeq, type TraceFacts } from '../format/trace-facts';
import { bytes, portOf, printable, the } from '../format/words';
import { explainFlag, explainOption, FLAG_BITS, optionName, optionValue } from './explain-bits';
import { explainAck, explainPort, explainSeq, explainWindow } from './explain-numbers';
import { explainNatPort, explainProbeSeq, explainUnchanged } from './explain-nat';

/** A forwarded segment's field, with its value first as every reason gives it. */
function unchanged(e: SendEvent, facts: TraceFacts, field: string): string | undefined {
  const why = explainUnchanged(e, facts, field);
  const value = field === 'window' ? e.win : field === 'sequence number' ? e.seq : e.ack;
  return why === undefined ? undefined : `${value}: ${why}`;
}

export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

export interface FieldRow {
  /** Unique within the segment: 'seq', 'flag:SYN', 'option:0', … */
  readonly id: string;
  readonly name: string;
  readonly value: string;
  /** The same value seen another way: the relative number, the scaled window, the bit. */
  readonly alt?: string;
  readonly why: string;
  readonly range?: ByteRange;
  readonly group: 'ip' | 'header' | 'flags' | 'options' | 'payload' | 'sender';
  /** The value may break anywhere to fit (text, a long IPv6 address); numbers never break. */
  readonly breakable?: true;
}

export function fieldRows(e: SendEvent, facts: TraceFacts, encoded?: EncodedSegment): FieldRow[] {
  const map = encoded?.fields ?? [];
  const at = (name: string): ByteRange | undefined => rangeOf(map.find((f) => f.name === name));
  const rows: FieldRow[] = [
    row(
      'srcPort',
      'Source port',
      portOf(e.src),
      explainNatPort(e, 'src') ?? explainPort(e, facts, 'src'),
      at('srcPort'),
    ),
    row(
      'dstPort',
      'Destination port',
      portOf(e.dst),
      explainNatPort(e, 'dst') ?? explainPort(e, facts, 'dst'),
      at('dstPort'),
    ),
    withAlt(
      row(
        'seq',
        'Sequence number',
        `${e.seq}`,
        unchanged(e, facts, 'sequence number') ?? explainProbeSeq(e) ?? explainSeq(e, facts),
        at('seq'),
      ),
      relativeText(e.seq, facts.isn[e.from]),
    ),
    withAlt(
      row(
        'ack',
        'Acknowledgment number',
        `${e.ack}`,
        unchanged(e, facts, 'acknowledgment number') ?? explainAck(e, facts),
        at('ack'),
      ),
      e.flags.includes('ACK') ? relativeText(e.ack, facts.isn[e.to]) : undefined,
    ),
  ];
  if (encoded !== undefined) rows.push(dataOffsetRow(encoded, at('dataOffset')));
  rows.push(flagByteRow(e, at('flags')), ...FLAG_BITS.map((f) => flagRow(f, e, at('flags'))));
  rows.push(
    withAlt(
      row(
        'window',
        'Window',
        `${e.win}`,
        unchanged(e, facts, 'window') ?? explainWindow(e, facts),
        at('window'),
      ),
      scaledText(e, facts),
    ),
  );
  if (encoded !== undefined) rows.push(checksumRow(e, encoded, at('checksum')));
  rows.push(
    row(
      'urgent',
      'Urgent pointer',
      '0',
      '0: the URG bit is clear, so the field is not used (RFC 9293 §3.1, RFC 6093).',
      at('urgent'),
    ),
  );
  rows.push(...optionRows(e, facts, map));
  if (e.len > 0) rows.push(payloadRow(e, at('payload')));
  return rows;
}

function row(
  id: string,
  name: string,
  value: string,
  why: string,
  range: ByteRange | undefined,
  group: FieldRow['group'] = 'header',
): FieldRow {
  return range === undefined
    ? { id, name, value, why, group }
    : { id, name, value, why, range, group };
}

function withAlt(r: FieldRow, alt: string | undefined): FieldRow {
  return alt === undefined ? r : { ...r, alt };
}

function rangeOf(f: FieldRange | undefined): ByteRange | undefined {
  return f === undefined ? undefined : { start: f.start, end: f.end };
}

function relativeText(value: number, isn: number | undefined): string | undefined {
  return isn === undefined ? undefined : `relative ${relativeSeq(value, isn)}`;
}

function scaledText(e: SendEvent, facts: TraceFacts): string | undefined {
  const shift = facts.windowShift[e.from];
  if (shift === undefined || e.flags.includes('SYN')) return undefined;
  return `scaled ${bytes(e.win * 2 ** shift)}`;
}

function dataOffsetRow(encoded: EncodedSegment, range: ByteRange | undefined): FieldRow {
  const words = (encoded.bytes[12] ?? 0) >> 4;
  const optionBytes = words * 4 - 20;
  const why =
    optionBytes === 0
      ? `${words} × 4 = 20 bytes: the fixed header with no options; the data starts right after it (RFC 9293 §3.1).`
      : `${words} × 4 = ${words * 4} bytes: the 20-byte fixed header plus ${bytes(optionBytes)} of options, counted in 32-bit words (RFC 9293 §3.1).`;
  return withAlt(row('dataOffset', 'Data offset', `${words}`, why, range), `${words * 4} bytes`);
}

function flagByteRow(e: SendEvent, range: ByteRange | undefined): FieldRow {
  const bits = FLAG_BITS.reduce((n, f, i) => (e.flags.includes(f) ? n | (0x80 >> i) : n), 0);
  const hex = `0x${bits.toString(16).padStart(2, '0')}`;
  const names = flagsLabel(e.flags);
  const why = `The control bits set: ${names}; each bit is explained below (RFC 9293 §3.1).`;
  return withAlt(row('flags', 'Flags', hex, why, range, 'flags'), names);
}

function flagRow(flag: FlagName, e: SendEvent, range: ByteRange | undefined): FieldRow {
  const set = e.flags.includes(flag);
  return row(`flag:${flag}`, `${flag} bit`, set ? '1' : '0', explainFlag(flag, e), range, 'flags');
}

function checksumRow(
  e: SendEvent,
  encoded: EncodedSegment,
  range: ByteRange | undefined,
): FieldRow {
  const value = ((encoded.bytes[16] ?? 0) << 8) | (encoded.bytes[17] ?? 0);
  const hex = `0x${value.toString(16).padStart(4, '0')}`;
  const src = splitEndpoint(e.src).address;
  const dst = splitEndpoint(e.dst).address;
  const pseudo =
    ipFamily(src) === 6
      ? `the 40-byte IPv6 pseudo-header (${src} → ${dst}, upper-layer length ${encoded.bytes.length}, next header 6; RFC 8200 §8.1)`
      : `a pseudo-header (${src} → ${dst}, protocol 6, ${encoded.bytes.length} bytes)`;
  const why = `${hex}: the ones' complement of the ones' complement sum of ${pseudo}, the header and the data; ${the(e.to)} recomputes it to detect corruption (RFC 9293 §3.1).`;
  return row('checksum', 'Checksum', hex, why, range);
}

function optionRows(e: SendEvent, facts: TraceFacts, map: readonly FieldRange[]): FieldRow[] {
  // The encoder writes exactly the options given, in order (src/wire), so the k-th option
  // entry of the field map is the k-th option of the segment.
  const optionRanges = map.filter((f) => f.name.startsWith('option:'));
  const rows = e.options.map((o, i) =>
    row(
      `option:${i}`,
      optionName(o),
      optionValue(o),
      explainOption(o, e, facts),
      rangeOf(optionRanges[i]),
      'options',
    ),
  );
  const padding = map.find((f) => f.name === 'padding');
  if (padding !== undefined) {
    const size = padding.end - padding.start;
    rows.push(
      row(
        'padding',
        'Padding',
        bytes(size),
        `Zero bytes that fill the options to a multiple of 4 bytes (RFC 9293 §3.1).`,
        rangeOf(padding),
        'options',
      ),
    );
  }
  return rows;
}

function payloadRow(e: SendEvent, range: ByteRange | undefined): FieldRow {
  const last = (e.seq + e.len - 1) >>> 0;
  const why = `${bytes(e.len)} that ${the(e.from)}'s application handed to TCP, occupying sequence numbers ${e.seq} to ${last} (RFC 9293 §3.4).`;
  return withAlt(
    row('payload', 'Payload', printable(e.payload), why, range, 'payload'),
    bytes(e.len),
  );
}
