import { describe, expect, it } from 'vitest';
import { internetChecksum, pseudoHeader, tcpChecksum } from './checksum';

describe('Internet checksum (RFC 1071)', () => {
  it('matches the numerical example of RFC 1071 §3: sum ddf2, checksum 220d', () => {
    // 0001 + f203 + f4f5 + f6f7 = 2ddf0 → fold 2 into ddf2; the checksum is its complement.
    const bytes = Uint8Array.of(0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7);
    expect(internetChecksum(bytes)).toBe(0x220d);
  });

  it('pads an odd last byte with a zero on the right (RFC 1071 §4.1)', () => {
    // 0001 + f203 + f400 = 1e604 → e605 → complement 19fa.
    expect(internetChecksum(Uint8Array.of(0x00, 0x01, 0xf2, 0x03, 0xf4))).toBe(0x19fa);
  });

  it('sums several chunks as one run of bytes, even when a chunk has odd length', () => {
    const whole = Uint8Array.of(0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7);
    const parts = [whole.subarray(0, 3), whole.subarray(3, 4), whole.subarray(4)];
    expect(internetChecksum(...parts)).toBe(internetChecksum(whole));
  });

  it('gives zero when summed again with its own checksum in place (RFC 1071 §1 (3))', () => {
    const bytes = Uint8Array.of(0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7, 0x22, 0x0d);
    expect(internetChecksum(bytes)).toBe(0);
  });
});

describe('TCP pseudo-header (RFC 9293 §3.1)', () => {
  it('holds source, destination, a zero, protocol 6 and the TCP length', () => {
    expect(Array.from(pseudoHeader('10.0.0.1', '192.168.1.2', 0x123))).toEqual([
      10, 0, 0, 1, 192, 168, 1, 2, 0, 6, 0x01, 0x23,
    ]);
  });

  it('checksums a bare SYN 10.0.0.1:49152 → 10.0.0.2:80 seq=700 win=64240 to dde2', () => {
    // Pseudo-header words: 0a00 0001 0a00 0002 0006 0014 → 141d.
    // Header words: c000 0050 0000 02bc 0000 0000 5002 faf0 0000 0000 → 20dfe.
    // 141d + 20dfe = 2221b → fold: 221b + 2 = 221d → complement dde2.
    const header = Uint8Array.of(
      0xc0,
      0x00,
      0x00,
      0x50,
      0,
      0,
      0x02,
      0xbc,
      0,
      0,
      0,
      0,
      0x50,
      0x02,
      0xfa,
      0xf0,
      0,
      0,
      0,
      0,
    );
    expect(tcpChecksum('10.0.0.1', '10.0.0.2', header)).toBe(0xdde2);
  });

  it('rejects an address that is not a dotted quad, naming it', () => {
    expect(() => pseudoHeader('10.0.0', '10.0.0.2', 20)).toThrow(/"10\.0\.0" is not a dotted-quad/);
    expect(() => pseudoHeader('10.0.0.1', '10.0.0.256', 20)).toThrow(/10\.0\.0\.256/);
  });
});
