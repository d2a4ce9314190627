import { describe, expect, it } from 'vitest';
import { internetChecksum } from './checksum';
import { decodeEthernetFrame, encodeEthernetFrame, formatMac, macForAddress } from './ethernet';
import { decodeIpv4, encodeIpv4Header } from './ipv4';

describe('IPv4 header (RFC 791 §3.1)', () => {
  const header = encodeIpv4Header({
    src: '10.0.0.1',
    dst: '10.0.0.2',
    identification: 0x1234,
    payloadLength: 40,
  });

  it('is version 4, IHL 5, total length, DF, TTL 64, protocol TCP', () => {
    expect(Array.from(header.subarray(0, 10))).toEqual([
      0x45, 0, 0, 60, 0x12, 0x34, 0x40, 0, 64, 6,
    ]);
    expect(Array.from(header.subarray(12))).toEqual([10, 0, 0, 1, 10, 0, 0, 2]);
  });

  it('carries a header checksum that verifies to zero', () => {
    expect(internetChecksum(header)).toBe(0);
  });

  it('decodes its own header, reporting a corrupted TTL as a bad checksum', () => {
    const packet = new Uint8Array(60);
    packet.set(header);
    expect(decodeIpv4(packet)).toMatchObject({
      src: '10.0.0.1',
      dst: '10.0.0.2',
      identification: 0x1234,
      dontFragment: true,
      headerChecksumOk: true,
    });
    packet[8] = 63;
    expect(decodeIpv4(packet).headerChecksumOk).toBe(false);
  });

  it('refuses a packet that is not version 4 or is shorter than its total length', () => {
    const v6 = new Uint8Array(60);
    v6[0] = 0x60;
    expect(() => decodeIpv4(v6)).toThrow('expected an IPv4 packet, found IP version 6');
    expect(() => decodeIpv4(header)).toThrow(/total length is 60 but only 20 bytes/);
  });
});

describe('Ethernet II framing', () => {
  it('gives each address a locally administered unicast MAC', () => {
    const mac = macForAddress('10.0.0.2');
    expect(formatMac(mac)).toBe('02:00:0a:00:00:02');
    expect((mac[0] ?? 0) & 0b11).toBe(0b10); // locally administered bit set, multicast clear
  });

  it('writes destination, source, ethertype 0x0800, payload', () => {
    const frame = encodeEthernetFrame(
      macForAddress('10.0.0.1'),
      macForAddress('10.0.0.2'),
      Uint8Array.of(9),
    );
    expect(decodeEthernetFrame(frame)).toEqual({
      dst: '02:00:0a:00:00:02',
      src: '02:00:0a:00:00:01',
      etherType: 0x0800,
      payload: Uint8Array.of(9),
    });
  });
});
