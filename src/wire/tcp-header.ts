/**
 * The TCP header (RFC 9293 §3.1, Figure 1) as bytes, with a field map for the inspector.
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   |          Source Port          |       Destination Port        |
 *   |                        Sequence Number                        |
 *   |                    Acknowledgment Number                      |
 *   |  DOffset | Rsrvd |   flags   |            Window             |
 *   |           Checksum            |         Urgent Pointer        |
 *   |                      [Options]  + padding                     |
 *   |                             data                              |
 */
import { seq } from '../engine';
import type { Segment } from '../engine';
import { tcpChecksum } from './checksum';
import type { EncodedSegment, FieldRange } from './fields';
import { shiftFields } from './fields';
import { decodeOptions, encodeOptions } from './options';

export const TCP_FIXED_HEADER_BYTES = 20;

/** Where the segment travels: the pseudo-header addresses its checksum covers (§3.1). */
export interface SegmentAddresses {
  readonly src: string;
  readonly dst: string;
}

const FIXED_FIELDS: readonly FieldRange[] = [
  { name: 'srcPort', start: 0, end: 2 },
  { name: 'dstPort', start: 2, end: 4 },
  { name: 'seq', start: 4, end: 8 },
  { name: 'ack', start: 8, end: 12 },
  { name: 'dataOffset', start: 12, end: 13 },
  { name: 'flags', start: 13, end: 14 },
  { name: 'window', start: 14, end: 16 },
  { name: 'checksum', start: 16, end: 18 },
  { name: 'urgent', start: 18, end: 20 },
];

/**
 * Encodes a segment with its checksum computed over the IPv4 pseudo-header. The field map
 * lists the fixed fields, then 'options' (the whole area) followed by each option and any
 * padding, then 'payload' when there is one.
 */
export function encodeSegment(segment: Segment, addresses: SegmentAddresses): EncodedSegment {
  checkHeaderValues(segment);
  const options = encodeOptions(segment.options);
  const headerLength = TCP_FIXED_HEADER_BYTES + options.bytes.length;
  const bytes = new Uint8Array(headerLength + segment.payload.length);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, segment.srcPort);
  view.setUint16(2, segment.dstPort);
  view.setUint32(4, segment.seq);
  view.setUint32(8, segment.ack);
  // Data offset counts 32-bit words; the low four bits are reserved and sent as zero.
  view.setUint8(12, (headerLength / 4) << 4);
  view.setUint8(13, segment.flags);
  view.setUint16(14, segment.window);
  view.setUint16(18, segment.urgent);
  bytes.set(options.bytes, TCP_FIXED_HEADER_BYTES);
  bytes.set(segment.payload, headerLength);
  // The checksum field is zero while the checksum is computed (RFC 9293 §3.1).
  view.setUint16(16, tcpChecksum(addresses.src, addresses.dst, bytes));

  const fields: FieldRange[] = [...FIXED_FIELDS];
  if (options.bytes.length > 0) {
    fields.push({ name: 'options', start: TCP_FIXED_HEADER_BYTES, end: headerLength });
    fields.push(...shiftFields(options.fields, TCP_FIXED_HEADER_BYTES));
  }
  if (segment.payload.length > 0) {
    fields.push({ name: 'payload', start: headerLength, end: bytes.length });
  }
  return { bytes, fields };
}

function checkHeaderValues(segment: Segment): void {
  const limits: [string, number, number][] = [
    ['source port', segment.srcPort, 0xffff],
    ['destination port', segment.dstPort, 0xffff],
    ['sequence number', segment.seq, 0xffffffff],
    ['acknowledgment number', segment.ack, 0xffffffff],
    ['flags', segment.flags, 0xff],
    ['window', segment.window, 0xffff],
    ['urgent pointer', segment.urgent, 0xffff],
  ];
  for (const [what, value, max] of limits) {
    if (!Number.isInteger(value) || value < 0 || value > max) {
      throw new Error(`TCP ${what} must be an integer from 0 to ${max}, got ${value}`);
    }
  }
}

export interface DecodedSegment {
  readonly segment: Segment;
  /** Header length in bytes from the data offset field. */
  readonly headerLength: number;
  /** The checksum field as found. */
  readonly checksum: number;
  /** Whether the checksum verifies; present when the addresses were given. */
  readonly checksumOk?: boolean;
}

/** Decodes a TCP segment; the checksum is verified when the pseudo-header addresses are given. */
export function decodeSegment(bytes: Uint8Array, addresses?: SegmentAddresses): DecodedSegment {
  if (bytes.length < TCP_FIXED_HEADER_BYTES) {
    throw new Error(`a TCP header is at least 20 bytes, got ${bytes.length}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = (view.getUint8(12) >>> 4) * 4;
  if (headerLength < TCP_FIXED_HEADER_BYTES || headerLength > bytes.length) {
    throw new Error(
      `TCP data offset says the header is ${headerLength} bytes, but it must be 20 to ${Math.min(60, bytes.length)}`,
    );
  }
  const segment: Segment = {
    srcPort: view.getUint16(0),
    dstPort: view.getUint16(2),
    seq: seq(view.getUint32(4)),
    ack: seq(view.getUint32(8)),
    flags: view.getUint8(13),
    window: view.getUint16(14),
    urgent: view.getUint16(18),
    options: decodeOptions(bytes.subarray(TCP_FIXED_HEADER_BYTES, headerLength)),
    payload: bytes.slice(headerLength),
  };
  const checksum = view.getUint16(16);
  if (!addresses) return { segment, headerLength, checksum };
  const checksumOk = tcpChecksum(addresses.src, addresses.dst, bytes) === 0;
  return { segment, headerLength, checksum, checksumOk };
}
