/**
 * TCP over UDP in a capture (engine udp-tunnel.ts, udp.ts): a send event with UDP ports is
 * written as IP / UDP / TCP, the UDP checksum covering the datagram and the TCP checksum zero
 * as FreeBSD sends it, and Wireshark's tshark, told that the tunneling port carries TCP
 * (`-d udp.port==9811,tcp`), reads the same segments, a TCP-MD5 option among them.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getPreset, runScenario } from '../sim';
import type { SendEvent, Trace, TraceOption } from '../sim/trace';
import { writePcap } from './pcap';
import { handshakeTrace } from './testing/traces';
import { SEVERITY_WARNING, TSHARK, tsharkInstalled } from './testing/tshark';
import { udpChecksumOk } from './udp';

const TUNNEL = 9811;
const PEER_UDP = 1;
const MD5_DIGEST = Array.from({ length: 16 }, (_, i) => i * 17);
const MD5: TraceOption = {
  kind: 'unknown',
  type: 19,
  data: MD5_DIGEST,
};

/** Every segment over UDP between the tunneling port and the peer's; the third one signed. */
function overUdp(trace: Trace): Trace {
  let n = 0;
  return trace.map((e) => {
    if (e.type !== 'send') return e;
    n++;
    const fromClient = e.from === 'client';
    const udp = fromClient
      ? { srcPort: PEER_UDP, dstPort: TUNNEL }
      : { srcPort: TUNNEL, dstPort: PEER_UDP };
    const signed: TraceOption[] = [...e.options, { kind: 'nop' }, { kind: 'nop' }, MD5];
    const options = n === 3 ? signed : e.options;
    return { ...e, udp, options } satisfies SendEvent;
  });
}

const ipv6 = getPreset('handshake-ipv6');
if (!ipv6) throw new Error('the handshake-ipv6 preset is missing');
const v4Trace = overUdp(handshakeTrace());
const v4 = writePcap(v4Trace, { captureAt: 'link' });
const v6 = writePcap(overUdp(runScenario(ipv6.scenario).trace), { captureAt: 'link' });
/** Offsets in a pcap of the first frame: file header, record header, Ethernet; IPv4 is 20 bytes. */
const IP = 24 + 16 + 14;
const UDP = IP + 20;
/** A byte of the TCP header inside the datagram (its flags). */
const UDP_PAYLOAD_BYTE = 8 + 13;

describe('a segment over UDP, in a capture', () => {
  it('IPv4: protocol 17, the UDP ports and length, a checksum that verifies, TCP checksum zero', () => {
    expect(v4[IP + 9]).toBe(17);
    const view = new DataView(v4.buffer, v4.byteOffset);
    const length = view.getUint16(UDP + 4);
    expect([view.getUint16(UDP), view.getUint16(UDP + 2)]).toEqual([PEER_UDP, TUNNEL]);
    expect(length).toBe(view.getUint16(IP + 2) - 20);
    expect(view.getUint16(UDP + 8 + 16)).toBe(0);
    const datagram = v4.slice(UDP, UDP + length);
    expect(udpChecksumOk(datagram, '10.0.0.1', '10.0.0.2')).toBe(true);
    datagram[UDP_PAYLOAD_BYTE] = (datagram[UDP_PAYLOAD_BYTE] ?? 0) ^ 1;
    expect(udpChecksumOk(datagram, '10.0.0.1', '10.0.0.2')).toBe(false);
  });

  const installed = tsharkInstalled();
  const dir = mkdtempSync(join(tmpdir(), 'handshake-lab-udp-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function read(bytes: Uint8Array, name: string, fields: string[]): string[] {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    const out = execFileSync(TSHARK, [
      '-n',
      '-r',
      file,
      '-d',
      `udp.port==${TUNNEL},tcp`,
      '-o',
      'udp.check_checksum:TRUE',
      '-o',
      'tcp.relative_sequence_numbers:FALSE',
      '-T',
      'fields',
      ...fields.flatMap((f) => ['-e', f]),
    ]);
    return out.toString().replace(/\n$/, '').split('\n');
  }

  it.skipIf(!installed)(
    'tshark decodes TCP in the UDP of both families: the same segments, good UDP checksums, no warnings',
    () => {
      const fields = ['udp.checksum.status', 'tcp.srcport', 'tcp.dstport', 'tcp.seq'];
      const sends = v4Trace.filter((e): e is SendEvent => e.type === 'send');
      expect(read(v4, 'v4.pcap', fields)).toEqual(
        sends.map((e) => `1\t${e.src.split(':')[1]}\t${e.dst.split(':')[1]}\t${e.seq}`),
      );
      const v6Lines = read(v6, 'v6.pcap', ['udp.checksum.status', 'tcp.seq']);
      expect(v6Lines.map((l) => l.split('\t')[0])).toEqual(v6Lines.map(() => '1'));
      // tshark's own notes (a SYN, a connection) are chat and note; nothing is a warning or error.
      for (const [bytes, name] of [
        [v4, 'v4e.pcap'],
        [v6, 'v6e.pcap'],
      ] as const) {
        const severities = read(bytes, name, ['_ws.expert.severity']).flatMap((l) =>
          l.split(',').filter((x) => x !== ''),
        );
        expect(severities.filter((x) => Number(x) >= SEVERITY_WARNING)).toEqual([]);
      }
    },
  );

  it.skipIf(!installed)(
    'tshark reads the TCP-MD5 option of the signed segment (kind 19, 18 bytes)',
    () => {
      const lines = read(v4, 'md5.pcap', ['tcp.options.md5.digest']);
      expect(lines[2]).toBe(MD5_DIGEST.map((b) => b.toString(16).padStart(2, '0')).join(''));
    },
  );
});
