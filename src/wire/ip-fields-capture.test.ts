/**
 * A socket's IP_TTL / IP_TOS (IPV6_UNICAST_HOPS / IPV6_TCLASS) in a capture: the send event's
 * TTL and TOS are written into the IP header, which still verifies, and Wireshark's tshark
 * reads the same values back; a send event without them gets the default header.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getPreset, runScenario } from '../sim';
import type { SendEvent, Trace } from '../sim/trace';
import { readPcap, writePcap } from './pcap';
import { handshakeTrace } from './testing/traces';
import { TSHARK, tsharkInstalled } from './testing/tshark';

/** The trace with the first send event carrying the socket's IP fields. */
function withIpOnFirst(trace: Trace): Trace {
  let done = false;
  return trace.map((e) => {
    if (e.type !== 'send' || done) return e;
    done = true;
    return { ...e, ip: { ttl: 4, tos: 0x20 } } satisfies SendEvent;
  });
}

const ipv6 = getPreset('handshake-ipv6');
if (!ipv6) throw new Error('the handshake-ipv6 preset is missing');
const v4 = writePcap(withIpOnFirst(handshakeTrace()), { captureAt: 'link' });
const v6 = writePcap(withIpOnFirst(runScenario(ipv6.scenario).trace), { captureAt: 'link' });
/** Offsets in a pcap of the first frame's IP header: file header, record header, Ethernet. */
const IP = 24 + 16 + 14;

describe('IP fields a socket set, in a capture', () => {
  it('IPv4: TTL and TOS in the header, the checksum still good; the next frame the defaults', () => {
    expect([v4[IP + 8], v4[IP + 1]]).toEqual([4, 0x20]);
    const frames = readPcap(v4);
    expect(frames.slice(0, 2).map((f) => [f.ttl, f.checksumsOk])).toEqual([
      [4, true],
      [64, true],
    ]);
  });

  it('IPv6: hop limit and traffic class (the 8 bits after the version)', () => {
    const first = ((v6[IP] ?? 0) << 8) | (v6[IP + 1] ?? 0);
    expect([v6[IP + 7], (first >>> 4) & 0xff]).toEqual([4, 0x20]);
    expect(
      readPcap(v6)
        .slice(0, 2)
        .map((f) => f.ttl),
    ).toEqual([4, 64]);
  });

  const installed = tsharkInstalled();
  const dir = mkdtempSync(join(tmpdir(), 'handshake-lab-ip-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.skipIf(!installed)(
    'tshark reads the same TTL, DSCP field and a good IPv4 checksum (status 1)',
    () => {
      const file = join(dir, 'v4.pcap');
      writeFileSync(file, v4);
      const fields = ['-e', 'ip.ttl', '-e', 'ip.dsfield', '-e', 'ip.checksum.status'];
      const out = execFileSync(TSHARK, [
        '-r',
        file,
        '-o',
        'ip.check_checksum:TRUE',
        '-T',
        'fields',
        ...fields,
      ]);
      expect(out.toString().trim().split('\n').slice(0, 2)).toEqual(['4\t0x20\t1', '64\t0x00\t1']);
    },
  );

  it.skipIf(!installed)('tshark reads the hop limit and traffic class over IPv6', () => {
    const file = join(dir, 'v6.pcap');
    writeFileSync(file, v6);
    const fields = ['-e', 'ipv6.hlim', '-e', 'ipv6.tclass'];
    const out = execFileSync(TSHARK, ['-r', file, '-T', 'fields', ...fields]);
    expect(out.toString().trim().split('\n').slice(0, 2)).toEqual([
      '4\t0x00000020',
      '64\t0x00000000',
    ]);
  });
});
