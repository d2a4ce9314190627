/**
 * A run over IPv6 as a capture: Ethernet frames of type 0x86DD whose IPv6 headers and TCP
 * checksums (over the RFC 8200 §8.1 pseudo-header) Wireshark's tshark reads without a
 * complaint, in pcap and in pcapng, and which the lab opens again as the same conversation.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getPreset, runScenario } from '../sim';
import type { SendEvent } from '../sim/trace';
import { listConversations } from './conversation/conversations';
import { decodeFrame } from './frame';
import { flowLabelOf } from './ipv6';
import { readPcap, writePcap } from './pcap';
import { writePcapng } from './pcapng';
import { readCapture } from './read-capture';
import { bytesOfSendEvent } from './send-event';
import { TSHARK, tsharkInstalled } from './testing/tshark';

const preset = getPreset('handshake-ipv6');
if (!preset) throw new Error('the handshake-ipv6 preset is missing');
const { trace } = runScenario(preset.scenario);
const sends = trace.filter((e): e is SendEvent => e.type === 'send');
const pcap = writePcap(trace, { captureAt: 'link' });

describe('an IPv6 run’s capture', () => {
  it('holds one IPv6 frame per segment, TCP checksums good', () => {
    const frames = readPcap(pcap);
    expect(frames.map((f) => [f.ipVersion, f.src, f.dst, f.ttl, f.checksumsOk])).toEqual(
      sends.map((s) => [6, s.src, s.dst, 64, true]),
    );
  });

  it('the frame says ethertype 0x86DD, and the header version 6, next header 6 (TCP)', () => {
    const first = readPcap(pcap)[0];
    const bytes = pcap.subarray(24 + 16);
    expect([bytes[12], bytes[13]]).toEqual([0x86, 0xdd]);
    expect((bytes[14] ?? 0) >> 4).toBe(6);
    expect(bytes[14 + 6]).toBe(6);
    expect(first?.segment.options).toContainEqual({ kind: 'mss', value: 1440 });
  });

  it('a corrupted address is caught by the TCP checksum: the pseudo-header covers it', () => {
    const bad = new Uint8Array(pcap);
    bad[24 + 16 + 14 + 8 + 15] = (bad[24 + 16 + 14 + 8 + 15] ?? 0) ^ 1; // last byte of the source
    expect(decodeFrame(bad.subarray(24 + 16, 24 + 16 + 14 + 40 + 44)).checksumsOk).toBe(false);
  });

  it('opened in the lab, it is one conversation between the two bracketed ends', () => {
    const reading = readCapture(pcap);
    if (!reading.ok) throw new Error(reading.message);
    const conversations = listConversations(reading.capture.packets);
    expect(conversations.map((c) => [c.a, c.b])).toEqual([
      ['[2001:db8::1]:49152', '[2001:db8::2]:443'],
    ]);
  });

  it('each direction keeps one flow label, never 0 (RFC 6437 §3)', () => {
    const c2s = flowLabelOf('[2001:db8::1]:49152', '[2001:db8::2]:443');
    const s2c = flowLabelOf('[2001:db8::2]:443', '[2001:db8::1]:49152');
    expect(c2s).toBeGreaterThan(0);
    expect(c2s).toBeLessThan(2 ** 20);
    expect(c2s).not.toBe(s2c);
  });
});

describe.skipIf(!tsharkInstalled())('tshark reads the IPv6 capture clean', () => {
  const dir = mkdtempSync(join(tmpdir(), 'handshake-lab-ipv6-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const tshark = (file: string, ...args: string[]): string[] =>
    execFileSync(
      TSHARK,
      ['-n', '-r', file, '-o', 'tcp.check_checksum:TRUE', '-o', 'ip.check_checksum:TRUE', ...args],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    )
      .split('\n')
      .filter((line) => line !== '');

  const files = {
    pcap: () => pcap,
    pcapng: () => writePcapng(trace, { captureAt: 'link', comment: (c) => `#${c.send.id}` }),
  };

  it.each(Object.keys(files) as (keyof typeof files)[])(
    '%s: no malformed frame, warning or bad checksum; every frame IPv6 with TCP checksum good',
    (kind) => {
      const file = join(dir, `handshake-ipv6.${kind}`);
      writeFileSync(file, files[kind]());
      const complaints = tshark(
        file,
        '-Y',
        // A lone SYN-ACK is no retransmission here, so no warning is expected at all.
        '_ws.malformed || _ws.expert.severity >= warning || tcp.checksum.status == 0 || ip.checksum.status == 0',
      );
      expect(complaints).toEqual([]);
      const fields = tshark(
        file,
        '-T',
        'fields',
        '-e',
        'ipv6.version',
        '-e',
        'ipv6.plen',
        '-e',
        'ipv6.nxt',
        '-e',
        'ipv6.hlim',
        '-e',
        'ipv6.src',
        '-e',
        'tcp.checksum.status',
      );
      expect(fields).toEqual(
        sends.map((s) => {
          const tcpLength = bytesOfSendEvent(s).bytes.length;
          const src = s.from === 'client' ? '2001:db8::1' : '2001:db8::2';
          return ['6', `${tcpLength}`, '6', '64', src, '1'].join('\t');
        }),
      );
    },
  );
});
