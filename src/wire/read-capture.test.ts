/**
 * Opening captures as tcpdump and Wireshark save them. The files are made by Wireshark's own
 * tools from the lab's runs (editcap, mergecap, text2pcap), so the readers are checked against
 * bytes another implementation wrote: pcap and pcapng, little- and big-endian, micro- and
 * nanosecond timestamps, Ethernet, Linux cooked capture and raw IP, IPv4 and IPv6.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presets, runScenario } from '../sim';
import { capturedSegments } from './capture';
import { LINKTYPE } from './link-layer';
import { readPcap, writePcap } from './pcap';
import { writePcapng } from './pcapng';
import { readCapture, type CapturePacket } from './read-capture';
import { segmentFromSendEvent } from './send-event';
import {
  editcap,
  mergecap,
  text2pcap,
  type TextFrame,
  wiresharkToolsInstalled,
} from './testing/wireshark-tools';

const installed = wiresharkToolsInstalled();
if (!installed && process.env.CI)
  throw new Error('editcap, mergecap and text2pcap are required in CI');

const preset = presets.find((p) => p.name === 'lost-syn-ack');
if (!preset) throw new Error('the lost-syn-ack preset is missing');
const run = runScenario(preset.scenario);
const ours = writePcap(run.trace, { captureAt: 'link' });
const expected = readPcap(ours);
const t0 = expected[0]?.t ?? 0;

function opened(bytes: Uint8Array): readonly CapturePacket[] {
  const reading = readCapture(bytes);
  if (!reading.ok) throw new Error(reading.message);
  return reading.capture.packets;
}

/** Same segments, same endpoints, same times relative to the first frame, checksums valid. */
function expectTheRun(packets: readonly CapturePacket[]) {
  expect(packets.map((p) => p.segment)).toEqual(expected.map((f) => f.segment));
  expect(packets.map((p) => [p.src, p.dst])).toEqual(expected.map((f) => [f.src, f.dst]));
  expect(packets.map((p) => p.t)).toEqual(
    expected.map((f) => Math.round((f.t - t0) * 1000) / 1000),
  );
  expect(packets.every((p) => p.checksumsOk)).toBe(true);
}

/** The IP packets of the run's frames (the Ethernet header taken off), at their times. */
const ipFrames = (extraHeader: (ip: Uint8Array) => Uint8Array = (ip) => ip): TextFrame[] =>
  capturedSegments(run.trace, { captureAt: 'link' }).map((c, i) => {
    const frame = readPcapFrames()[i] ?? new Uint8Array();
    return { seconds: 3600 + c.t / 1000, data: extraHeader(frame.subarray(14)) };
  });

let frameCache: Uint8Array[] | null = null;
function readPcapFrames(): Uint8Array[] {
  if (frameCache) return frameCache;
  const frames: Uint8Array[] = [];
  const view = new DataView(ours.buffer, ours.byteOffset, ours.byteLength);
  for (let at = 24; at < ours.length;) {
    const length = view.getUint32(at + 8);
    frames.push(ours.slice(at + 16, at + 16 + length));
    at += 16 + length;
  }
  frameCache = frames;
  return frames;
}

/** A Linux cooked capture (v1) header: packet type "sent by us", ARPHRD_ETHER, a MAC, IPv4. */
function sllHeader(ip: Uint8Array): Uint8Array {
  const header = Uint8Array.of(0, 4, 0, 1, 0, 6, 2, 0, 10, 0, 0, 1, 0, 0, 0x08, 0x00);
  return Uint8Array.from([...header, ...ip]);
}

describe.skipIf(!installed)('captures written by Wireshark’s tools', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hl-captures-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('our own big-endian microsecond pcap', () => {
    expect(new DataView(ours.buffer).getUint32(0)).toBe(0xa1b2c3d4);
    expectTheRun(opened(ours));
  });

  it('little-endian pcap (editcap -F pcap)', () => {
    const bytes = editcap(dir, ours, 'pcap');
    expect(new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true)).toBe(0xa1b2c3d4);
    expectTheRun(opened(bytes));
  });

  it('nanosecond pcap (editcap -F nsecpcap)', () => {
    const bytes = editcap(dir, ours, 'nsecpcap');
    expect(new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true)).toBe(0xa1b23c4d);
    expectTheRun(opened(bytes));
  });

  it('pcapng (editcap -F pcapng)', () => {
    const bytes = editcap(dir, ours, 'pcapng');
    expect(readCapture(bytes)).toMatchObject({ ok: true, capture: { format: 'pcapng' } });
    expectTheRun(opened(bytes));
  });

  it('pcapng with nanosecond timestamps, raw IP (text2pcap -l 101)', () => {
    const bytes = text2pcap(dir, ipFrames(), { linkType: LINKTYPE.RAW, format: 'pcapng' });
    expectTheRun(opened(bytes));
  });

  it('Linux cooked capture, as tcpdump -i any saves it (text2pcap -l 113)', () => {
    const bytes = text2pcap(dir, ipFrames(sllHeader), {
      linkType: LINKTYPE.LINUX_SLL,
      format: 'pcap',
    });
    expectTheRun(opened(bytes));
  });

  it('a merged pcapng with two interfaces of different link types (mergecap)', () => {
    const sll = text2pcap(dir, ipFrames(sllHeader), {
      linkType: LINKTYPE.LINUX_SLL,
      format: 'pcap',
    });
    const packets = opened(mergecap(dir, [ours, sll]));
    // Each frame twice (once per interface); the times differ by the text2pcap date only.
    expect(packets).toHaveLength(2 * expected.length);
    const segments = packets.map((p) => JSON.stringify([p.src, p.segment.seq, p.segment.flags]));
    for (const frame of expected) {
      const key = JSON.stringify([frame.src, frame.segment.seq, frame.segment.flags]);
      expect(segments.filter((s) => s === key).length).toBeGreaterThanOrEqual(2);
    }
  });

  it.each([
    ['Ethernet', LINKTYPE.ETHERNET],
    ['raw IP', LINKTYPE.RAW],
  ])('IPv6 over %s (text2pcap -6), checksums over the IPv6 pseudo-header', (_, linkType) => {
    const texts = ['GET / HTTP/1.1', 'HTTP/1.1 200 OK'];
    const frames = texts.map((text, i) => ({
      seconds: 100 + i * 0.25,
      data: new TextEncoder().encode(text),
    }));
    const bytes = text2pcap(dir, frames, {
      linkType,
      format: 'pcapng',
      extra: ['-6', '2001:db8::1,2001:db8:0:1::80', '-T', '40000,80'],
    });
    const packets = opened(bytes);
    expect(packets.map((p) => [p.src, p.dst, p.ipVersion])).toEqual([
      ['[2001:db8::1]:40000', '[2001:db8:0:1::80]:80', 6],
      ['[2001:db8::1]:40000', '[2001:db8:0:1::80]:80', 6],
    ]);
    expect(packets.map((p) => new TextDecoder().decode(p.segment.payload))).toEqual(texts);
    expect(packets.map((p) => p.t)).toEqual([0, 250]);
    expect(packets.every((p) => p.checksumsOk)).toBe(true);
  });
});

describe('pcapng written by the lab', () => {
  it('carries each packet’s comment and reads back as the same segments as the pcap', () => {
    const bytes = writePcapng(run.trace, {
      captureAt: 'client',
      comment: (c) => `#${c.send.id} ${c.seen}`,
    });
    const packets = opened(bytes);
    const captured = capturedSegments(run.trace, { captureAt: 'client' });
    expect(packets.map((p) => p.segment)).toEqual(
      captured.map((c) => segmentFromSendEvent(c.send)),
    );
    expect(packets.map((p) => p.comment)).toEqual(captured.map((c) => `#${c.send.id} ${c.seen}`));
  });
});

describe('files that are not what the lab can draw get one message', () => {
  it.each([
    ['an empty file', new Uint8Array(), 'The file is empty'],
    [
      'a text file',
      new TextEncoder().encode('hello, this is not a capture at all'),
      'magic number',
    ],
    ['a header only', ours.slice(0, 24), 'no TCP in this capture: it holds no packets'],
    ['a record cut off', ours.slice(0, 60), 'the file ends first'],
  ])('%s', (_, bytes, words) => {
    const reading = readCapture(bytes);
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.message).toContain(words);
  });

  it('a capture with no TCP', () => {
    const udp = ours.slice();
    // Frame 1's IPv4 protocol byte (Ethernet 14 + 9) becomes UDP (17).
    udp[24 + 16 + 14 + 9] = 17;
    const onlyFirst = udp.slice(0, 24 + 16 + (readPcapFrames()[0]?.length ?? 0));
    const reading = readCapture(onlyFirst);
    expect(reading).toEqual({
      ok: false,
      message: 'There is no TCP in this capture: none of its 1 frames is a TCP segment.',
    });
  });
});
