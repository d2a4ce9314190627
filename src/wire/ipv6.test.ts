import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEndpoint } from './address';
import { tcpChecksum } from './checksum';
import { decodeIpv6, encodeIpv6Header, formatIpv6Address, parseIpv6Address } from './ipv6';
import { decodeSegment, encodeSegment } from './tcp-header';
import { segmentArb } from './testing/arbitraries';

describe('IPv6 addresses (RFC 4291 §2.2 text, RFC 5952 canonical form)', () => {
  it.each([
    ['2001:db8::1', '2001:db8::1'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['::', '::'],
    ['::1', '::1'],
    ['fe80::', 'fe80::'],
    // RFC 5952 §4.2.2: a single zero group is not shortened; §4.2.3: the first longest run is.
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
  ])('%s is written %s', (text, canonical) => {
    expect(formatIpv6Address(parseIpv6Address(text))).toBe(canonical);
  });

  it.each(['1:2:3', '2001:db8::1::2', '12345::', 'g::1', ''])('"%s" is refused', (text) => {
    expect(() => parseIpv6Address(text)).toThrow(/not an IPv6 address/);
  });

  it('round-trips any 16 bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        expect(parseIpv6Address(formatIpv6Address(bytes))).toEqual(bytes);
      }),
    );
  });

  it('an endpoint writes an IPv6 address in brackets (RFC 3986 §3.2.2)', () => {
    expect(parseEndpoint('[2001:db8::1]:443')).toEqual({ address: '2001:db8::1', port: 443 });
    expect(() => parseEndpoint('[2001:db8::1]:70000')).toThrow(/address:port/);
  });
});

describe('IPv6 header and TCP over IPv6', () => {
  it('a header says version 6, next header TCP, hop limit 64 and the payload length', () => {
    const header = encodeIpv6Header({ src: '2001:db8::1', dst: '2001:db8::2', payloadLength: 20 });
    const packet = new Uint8Array(60);
    packet.set(header);
    const decoded = decodeIpv6(packet);
    expect(decoded).toMatchObject({
      src: '2001:db8::1',
      dst: '2001:db8::2',
      hopLimit: 64,
      protocol: 6,
    });
    expect(decoded.payload).toHaveLength(20);
  });

  it('skips extension headers to reach TCP (RFC 8200 §4.1), refuses fragments', () => {
    const header = encodeIpv6Header({ src: '::1', dst: '::1', payloadLength: 8 + 20 });
    header[6] = 60; // a destination options header comes first
    const options = Uint8Array.of(6, 0, 1, 4, 0, 0, 0, 0); // next header TCP, PadN
    const packet = Uint8Array.from([...header, ...options, ...new Uint8Array(20)]);
    expect(decodeIpv6(packet).protocol).toBe(6);
    expect(decodeIpv6(packet).payload).toHaveLength(20);
    packet[6] = 44;
    packet[40 + 3] = 1; // more fragments
    expect(() => decodeIpv6(packet)).toThrow(/fragment/);
  });

  it('the TCP checksum covers the IPv6 pseudo-header (RFC 8200 §8.1) and verifies (property)', () => {
    fc.assert(
      fc.property(segmentArb, (segment) => {
        const addresses = { src: '2001:db8::a', dst: 'fe80::1' };
        const bytes = encodeSegment(segment, addresses).bytes;
        expect(tcpChecksum(addresses.src, addresses.dst, bytes)).toBe(0);
        expect(decodeSegment(bytes, addresses).checksumOk).toBe(true);
        // The same bytes do not verify against other addresses.
        expect(decodeSegment(bytes, { src: '2001:db8::b', dst: 'fe80::1' }).checksumOk).toBe(false);
      }),
    );
  });
});
