/**
 * The field map: where each header field and option sits in an encoded segment, so the
 * inspector can highlight the bytes of the field a learner selects. Ranges are byte
 * offsets into the TCP segment, `start` inclusive and `end` exclusive.
 */

/** Option names as they appear in a field map: one entry per option in wire order. */
export type OptionFieldName =
  | 'option:eol'
  | 'option:nop'
  | 'option:mss'
  | 'option:wscale'
  | 'option:sackOK'
  | 'option:sack'
  | 'option:ts'
  | 'option:unknown';

export type SegmentFieldName =
  | 'srcPort'
  | 'dstPort'
  | 'seq'
  | 'ack'
  /**
   * The data offset shares byte 12 with the four reserved bits (RFC 9293 §3.1); a byte
   * range cannot split a nibble, so the range is that whole byte.
   */
  | 'dataOffset'
  | 'flags'
  | 'window'
  | 'checksum'
  | 'urgent'
  /** The whole options area, including padding. */
  | 'options'
  | OptionFieldName
  /** Zero bytes after the last option up to the 32-bit boundary (RFC 9293 §3.1, "Padding"). */
  | 'padding'
  | 'payload';

export interface FieldRange {
  readonly name: SegmentFieldName;
  readonly start: number;
  readonly end: number;
}

/** Bytes of one encoded segment and the map of its fields. */
export interface EncodedSegment {
  readonly bytes: Uint8Array;
  readonly fields: readonly FieldRange[];
}

/** Moves every range of a map by `offset` bytes (e.g. options placed after the fixed header). */
export function shiftFields(fields: readonly FieldRange[], offset: number): FieldRange[] {
  return fields.map((f) => ({ name: f.name, start: f.start + offset, end: f.end + offset }));
}
