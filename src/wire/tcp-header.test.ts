import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seq } from '../engine';
import { Flag, type Segment } from '../engine';
import { decodeSegment, encodeSegment } from './tcp-header';
import { ipv4Arb, segmentArb } from './testing/arbitraries';

const addresses = { src: '10.0.0.1', dst: '10.0.0.2' };

const syn: Segment = {
  srcPort: 49152,
  dstPort: 80,
  seq: seq(700),
  ack: seq(0),
  flags: Flag.SYN,
  window: 64240,
  urgent: 0,
  options: [{ kind: 'mss', value: 1460 }, { kind: 'nop' }, { kind: 'wscale', shift: 7 }],
  payload: new Uint8Array(0),
};

describe('TCP header (RFC 9293 §3.1)', () => {
  it('lays out a SYN as Figure 1 does, data offset 7 words for 8 option bytes', () => {
    const { bytes } = encodeSegment(syn, addresses);
    expect(bytes.length).toBe(28);
    const hex = Array.from(bytes.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
    // ports c000 0050, seq 000002bc, ack 0, offset 7 (0x70), SYN 02, window faf0.
    expect(hex).toBe('c0000050000002bc000000007002faf0');
    expect(Array.from(bytes.subarray(18))).toEqual([0, 0, 2, 4, 5, 0xb4, 1, 3, 3, 7]);
  });

  it('maps every field and option to its bytes for the inspector', () => {
    const payload = new TextEncoder().encode('GET /');
    const { fields } = encodeSegment({ ...syn, flags: Flag.ACK | Flag.PSH, payload }, addresses);
    expect(fields).toEqual([
      { name: 'srcPort', start: 0, end: 2 },
      { name: 'dstPort', start: 2, end: 4 },
      { name: 'seq', start: 4, end: 8 },
      { name: 'ack', start: 8, end: 12 },
      { name: 'dataOffset', start: 12, end: 13 },
      { name: 'flags', start: 13, end: 14 },
      { name: 'window', start: 14, end: 16 },
      { name: 'checksum', start: 16, end: 18 },
      { name: 'urgent', start: 18, end: 20 },
      { name: 'options', start: 20, end: 28 },
      { name: 'option:mss', start: 20, end: 24 },
      { name: 'option:nop', start: 24, end: 25 },
      { name: 'option:wscale', start: 25, end: 28 },
      { name: 'payload', start: 28, end: 33 },
    ]);
  });

  it('omits options and payload from the map when there are none', () => {
    const { fields } = encodeSegment({ ...syn, options: [] }, addresses);
    expect(fields.map((f) => f.name).at(-1)).toBe('urgent');
  });

  it('writes a checksum that verifies against the same addresses only', () => {
    const { bytes } = encodeSegment(syn, addresses);
    expect(decodeSegment(bytes, addresses).checksumOk).toBe(true);
    expect(decodeSegment(bytes, { src: '10.0.0.1', dst: '10.0.0.3' }).checksumOk).toBe(false);
    bytes[15] = (bytes[15] ?? 0) ^ 0x40; // one bit of the window changed in flight
    expect(decodeSegment(bytes, addresses).checksumOk).toBe(false);
  });

  it('refuses a window that does not fit 16 bits: scaling is the engine’s job (RFC 7323 §2.2)', () => {
    expect(() => encodeSegment({ ...syn, window: 65536 }, addresses)).toThrow(
      'TCP window must be an integer from 0 to 65535, got 65536',
    );
  });

  it('rejects a truncated header or a data offset below 5 words', () => {
    expect(() => decodeSegment(new Uint8Array(19))).toThrow(/at least 20 bytes, got 19/);
    const bytes = encodeSegment(syn, addresses).bytes;
    bytes[12] = 0x40;
    expect(() => decodeSegment(bytes)).toThrow(/header is 16 bytes/);
  });

  it('decodes what it encodes, checksum included, for random segments (property)', () => {
    fc.assert(
      fc.property(segmentArb, ipv4Arb, ipv4Arb, (segment, src, dst) => {
        const encoded = encodeSegment(segment, { src, dst });
        const decoded = decodeSegment(encoded.bytes, { src, dst });
        expect(decoded.checksumOk).toBe(true);
        expect(decoded.segment.payload).toEqual(segment.payload);
        expect(encodeSegment(decoded.segment, { src, dst }).bytes).toEqual(encoded.bytes);
        const { options: _o, payload: _p, ...fixed } = decoded.segment;
        const { options: _so, payload: _sp, ...expected } = segment;
        expect(fixed).toEqual(expected);
        // The map covers the segment exactly: the fixed fields, options, payload.
        const last = encoded.fields.at(-1);
        expect(last?.end).toBe(encoded.bytes.length);
      }),
    );
  });
});
