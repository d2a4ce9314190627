import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { presets, runScenario } from '../sim';
import { capturedSegments, type CapturePoint } from './capture';
import { decodeFrame } from './frame';
import { encodeEthernetFrame, macForAddress } from './ethernet';
import { encodeIpv4Header } from './ipv4';
import { readPcap, writePcap } from './pcap';
import { segmentFromSendEvent } from './send-event';
import { encodeSegment } from './tcp-header';
import { ipv4Arb, segmentArb } from './testing/arbitraries';

describe('frames round-trip', () => {
  it('Ethernet + IPv4 + TCP decode to the segment encoded, checksums valid (property)', () => {
    fc.assert(
      fc.property(segmentArb, ipv4Arb, ipv4Arb, fc.nat(0xffff), (segment, src, dst, id) => {
        const tcp = encodeSegment(segment, { src, dst }).bytes;
        const ip = encodeIpv4Header({ src, dst, identification: id, payloadLength: tcp.length });
        const frame = encodeEthernetFrame(
          macForAddress(src),
          macForAddress(dst),
          Uint8Array.from([...ip, ...tcp]),
        );
        const decoded = decodeFrame(frame);
        expect(decoded.checksumsOk).toBe(true);
        expect(decoded.identification).toBe(id);
        expect(decoded.src).toBe(`${src}:${segment.srcPort}`);
        expect(encodeSegment(decoded.segment, { src, dst }).bytes).toEqual(tcp);
      }),
    );
  });
});

describe('every preset’s capture reads back as its trace', () => {
  const points: readonly CapturePoint[] = ['link', 'client', 'server'];
  it.each(presets.map((p) => [p.name, p] as const))('%s', (_, preset) => {
    const { trace, endpoints } = runScenario(preset.scenario);
    for (const captureAt of points) {
      const expected = capturedSegments(trace, { captureAt });
      const frames = readPcap(writePcap(trace, { captureAt, endpoints }));
      expect(frames.map((f) => f.t)).toEqual(expected.map((c) => Math.round(c.t * 1000) / 1000));
      expect(frames.map((f) => f.segment)).toEqual(
        expected.map((c) => segmentFromSendEvent(c.send)),
      );
      expect(frames.every((f) => f.checksumsOk)).toBe(true);
    }
  });
});
