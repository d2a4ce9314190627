import { describe, expect, it } from 'vitest';
import type { Segment } from '../engine';
import type { SendEvent, Trace } from '../sim/trace';
import { bytesToHex } from './hex';
import { CAPTURE_EPOCH_SECONDS, readPcap, timestampOf, writePcap } from './pcap';
import { segmentFromSendEvent } from './send-event';
import { handshakeTrace, lostSynAckTrace } from './testing/traces';

const sendsOf = (trace: Trace): SendEvent[] => trace.filter((e) => e.type === 'send');
/** Which trace segment each frame is, by comparing whole decoded segments. */
const idsIn = (trace: Trace, pcap: Uint8Array): number[] => {
  const key = (src: string, segment: Segment): string =>
    JSON.stringify({ src, segment, payload: bytesToHex(segment.payload) });
  const byKey = new Map(sendsOf(trace).map((s) => [key(s.src, segmentFromSendEvent(s)), s.id]));
  return readPcap(pcap).map((frame) => byKey.get(key(frame.src, frame.segment)) ?? -1);
};

describe('pcap file (classic libpcap)', () => {
  it('starts with magic a1b2c3d4, version 2.4, snaplen 65535 and LINKTYPE_ETHERNET', () => {
    const bytes = writePcap(handshakeTrace(), { captureAt: 'link' });
    const view = new DataView(bytes.buffer);
    expect(view.getUint32(0)).toBe(0xa1b2c3d4);
    expect([view.getUint16(4), view.getUint16(6)]).toEqual([2, 4]);
    expect(view.getUint32(16)).toBe(65535);
    expect(view.getUint32(20)).toBe(1);
  });

  it('stamps virtual time after 2026-01-01T00:00:00Z, to the microsecond', () => {
    expect(CAPTURE_EPOCH_SECONDS * 1000).toBe(Date.UTC(2026, 0, 1));
    expect(timestampOf(0)).toEqual({ seconds: CAPTURE_EPOCH_SECONDS, micros: 0 });
    expect(timestampOf(1050.0004)).toEqual({ seconds: CAPTURE_EPOCH_SECONDS + 1, micros: 50000 });
    expect(timestampOf(2999.9996)).toEqual({ seconds: CAPTURE_EPOCH_SECONDS + 3, micros: 0 });
  });

  it('reads back every segment of the run, at its time, with valid checksums', () => {
    const trace = handshakeTrace();
    const frames = readPcap(writePcap(trace, { captureAt: 'link' }));
    const sends = sendsOf(trace);
    expect(frames).toHaveLength(sends.length);
    frames.forEach((frame, i) => {
      const send = sends[i];
      expect(frame.t).toBe(send?.t);
      expect(frame.src).toBe(send?.src);
      expect(frame.dst).toBe(send?.dst);
      expect(frame.checksumsOk).toBe(true);
      expect(frame.segment).toEqual(send && segmentFromSendEvent(send));
    });
  });

  it('numbers IPv4 identification per sending host, in order of sending', () => {
    const frames = readPcap(writePcap(handshakeTrace(), { captureAt: 'link' }));
    const fromClient = frames.filter((f) => f.src.startsWith('10.0.0.1:'));
    expect(fromClient.map((f) => f.identification)).toEqual([1, 2, 3, 4, 5]);
    expect(frames.every((f) => f.ttl === 64)).toBe(true);
  });

  it('is byte-identical for the same trace', () => {
    const options = { captureAt: 'server' } as const;
    expect(writePcap(handshakeTrace(), options)).toEqual(writePcap(handshakeTrace(), options));
  });
});

describe('capture points', () => {
  it('on the link: every segment when it enters the link, the lost SYN-ACK included', () => {
    const trace = lostSynAckTrace();
    const pcap = writePcap(trace, { captureAt: 'link' });
    expect(idsIn(trace, pcap)).toEqual([1, 2, 3, 4, 5]);
    expect(readPcap(pcap).map((f) => f.t)).toEqual([0, 50, 1000, 1050, 1100]);
  });

  it('at the client: what it sent at send time, what reached it at delivery time', () => {
    const trace = lostSynAckTrace();
    const pcap = writePcap(trace, { captureAt: 'client' });
    // The first SYN-ACK (#2) was lost on the way: the client never sees it.
    expect(idsIn(trace, pcap)).toEqual([1, 3, 4, 5]);
    expect(readPcap(pcap).map((f) => f.t)).toEqual([0, 1000, 1100, 1100]);
  });

  it('at the server: the lost SYN-ACK is there, sent but never answered', () => {
    const trace = lostSynAckTrace();
    const pcap = writePcap(trace, { captureAt: 'server' });
    expect(idsIn(trace, pcap)).toEqual([1, 2, 3, 4, 5]);
    expect(readPcap(pcap).map((f) => f.t)).toEqual([50, 50, 1050, 1050, 1150]);
  });

  it('shows a duplicated segment twice: on the link when copied, at the receiver twice', () => {
    const base = handshakeTrace();
    const trace: Trace = [
      ...base,
      { t: 400, type: 'duplicate', id: 8, arrivesAt: 460 },
      { t: 460, type: 'deliver', id: 8, duplicate: true },
    ];
    const onLink = readPcap(writePcap(trace, { captureAt: 'link' }));
    expect(onLink.map((f) => f.t).slice(-2)).toEqual([300, 400]);
    expect(onLink.at(-1)?.identification).toBe(onLink.at(-2)?.identification);
    const atServer = readPcap(writePcap(trace, { captureAt: 'server' }));
    expect(atServer.map((f) => f.t).slice(-2)).toEqual([350, 460]);
  });

  it('captures at another endpoint by name, and refuses names the run does not have', () => {
    const trace = handshakeTrace();
    expect(() => writePcap(trace, { captureAt: 'client', endpoint: 'client-2' })).toThrow(
      'no segment in this trace was sent by or to an endpoint named "client-2"',
    );
    expect(() =>
      writePcap(trace, { captureAt: 'server', endpoints: [{ name: 'client' }, { name: 'srv' }] }),
    ).toThrow('no endpoint named "server" in this run (endpoints: client, srv)');
    expect(() => writePcap(trace, { captureAt: 'link', endpoint: 'client' })).toThrow(
      /a capture on the link takes no endpoint/,
    );
  });

  it('explains bad input in one message', () => {
    const trace = handshakeTrace();
    const where = 'router' as 'link';
    expect(() => writePcap(trace, { captureAt: where })).toThrow(
      'capture point must be client, server or link, got "router"',
    );
    expect(() => writePcap([{ t: 5, type: 'deliver', id: 9 }], { captureAt: 'link' })).toThrow(
      'deliver event at t=5 names segment #9, which was not sent before',
    );
    const bad = sendsOf(trace).map((s) => (s.id === 4 ? { ...s, dst: 'server' } : s));
    expect(() => writePcap(bad, { captureAt: 'link' })).toThrow(
      'segment #4: "server" is not an address:port pair such as 10.0.0.1:49152',
    );
  });
});

describe('pcap reader', () => {
  const pcap = writePcap(handshakeTrace(), { captureAt: 'link' });

  it('reads little-endian and nanosecond files as tcpdump writes them', () => {
    const little = new Uint8Array(pcap);
    const view = new DataView(little.buffer);
    const u32 = (...at: number[]): void =>
      at.forEach((a) => view.setUint32(a, view.getUint32(a), true));
    const u16 = (...at: number[]): void =>
      at.forEach((a) => view.setUint16(a, view.getUint16(a), true));
    view.setUint32(0, 0xa1b23c4d, true); // nanosecond magic, little-endian
    u16(4, 6);
    u32(16, 20);
    for (let at = 24; at < little.length;) {
      const captured = view.getUint32(at + 8);
      view.setUint32(at + 4, view.getUint32(at + 4) * 1000, true);
      u32(at, at + 8, at + 12);
      at += 16 + captured;
    }
    expect(readPcap(little)).toEqual(readPcap(pcap));
  });

  it('names what is wrong with a file it cannot read', () => {
    expect(() => readPcap(new Uint8Array(10))).toThrow(/shorter than the 24-byte header/);
    expect(() => readPcap(Uint8Array.of(0x0a, 0x0d, 0x0d, 0x0a, ...new Uint8Array(28)))).toThrow(
      /pcapng/,
    );
    expect(() => readPcap(pcap.subarray(0, pcap.length - 3))).toThrow(
      /record 8 says \d+ bytes but the file ends first/,
    );
    const otherLink = new Uint8Array(pcap);
    otherLink[23] = 113;
    expect(() => readPcap(otherLink)).toThrow(
      'pcap link type 113 is not supported (only Ethernet, 1)',
    );
    const notIp = new Uint8Array(pcap);
    notIp[24 + 16 + 12] = 0x08;
    notIp[24 + 16 + 13] = 0x06; // ARP
    expect(() => readPcap(notIp)).toThrow(
      'frame 1: frame carries ethertype 0x0806, not IPv4 or IPv6',
    );
    const mislabelled = new Uint8Array(pcap);
    mislabelled[24 + 16 + 12] = 0x86;
    mislabelled[24 + 16 + 13] = 0xdd;
    expect(() => readPcap(mislabelled)).toThrow(
      'frame 1: expected an IPv6 packet, found IP version 4',
    );
  });

  it('notices a corrupted byte through the checksums', () => {
    const corrupt = new Uint8Array(pcap);
    const windowByte = 24 + 16 + 14 + 20 + 15; // in the first segment
    corrupt[windowByte] = (corrupt[windowByte] ?? 0) ^ 0x01;
    expect(readPcap(corrupt)[0]?.checksumsOk).toBe(false);
  });
});
