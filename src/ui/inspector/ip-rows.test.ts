/**
 * The inspector's IP header rows say what Download capture writes: the same header (built by
 * src/wire/frame.ts for both), field by field, IPv6 for IPv6 hosts and IPv4 for IPv4 ones.
 */
import { describe, expect, it } from 'vitest';
import { getPreset, runScenario } from '../../sim';
import type { SendEvent } from '../../sim/trace';
import { readPcap, writePcap } from '../../wire/pcap';
import { bytesOfSendEvent } from '../../wire/send-event';
import { deriveTraceFacts } from '../format/trace-facts';
import { explainOption } from './explain-bits';
import { fieldRows } from './field-rows';
import { ipRows } from './ip-rows';

function runOf(name: string) {
  const preset = getPreset(name);
  if (!preset) throw new Error(`no preset ${name}`);
  const { trace } = runScenario(preset.scenario);
  const sends = trace.filter((e): e is SendEvent => e.type === 'send');
  return { trace, sends, facts: deriveTraceFacts(trace) };
}

const values = (e: SendEvent, facts: ReturnType<typeof deriveTraceFacts>) =>
  Object.fromEntries(
    ipRows(e, facts, bytesOfSendEvent(e).bytes.length).map((r) => [r.id, r.value]),
  );

describe('the IP header rows over IPv6 (RFC 8200 §3)', () => {
  const { trace, sends, facts } = runOf('handshake-ipv6');
  const syn = sends[0] as SendEvent;

  it('name version 6, traffic class, flow label, payload length, next header, hop limit', () => {
    expect(values(syn, facts)).toEqual({
      'ip:version': '6',
      'ip:trafficClass': '0x00',
      'ip:flowLabel': expect.stringMatching(/^0x[0-9a-f]{5}$/),
      'ip:payloadLength': '40',
      'ip:nextHeader': '6',
      'ip:hopLimit': '64',
      'ip:src': '2001:db8::1',
      'ip:dst': '2001:db8::2',
    });
  });

  it('show the flow label the capture carries', () => {
    const frame = writePcap(trace, { captureAt: 'link' }).subarray(24 + 16 + 14);
    const label = (((frame[1] ?? 0) & 0xf) << 16) | ((frame[2] ?? 0) << 8) | (frame[3] ?? 0);
    expect(values(syn, facts)['ip:flowLabel']).toBe(`0x${label.toString(16).padStart(5, '0')}`);
  });

  it('every row says why, and the MSS says why it is 1440', () => {
    for (const r of ipRows(syn, facts, 40)) expect(r.why.length).toBeGreaterThan(30);
    const mss = syn.options.find((o) => o.kind === 'mss');
    if (!mss) throw new Error('the SYN has no MSS');
    expect(explainOption(mss, syn, facts)).toMatch(
      /^1440: .* 1500-byte Ethernet MTU − 40 bytes of IPv6 header − 20 bytes of TCP header/,
    );
  });

  it('the TCP checksum row names the IPv6 pseudo-header', () => {
    const rows = fieldRows(syn, facts, bytesOfSendEvent(syn));
    expect(rows.find((r) => r.id === 'checksum')?.why).toContain(
      'the 40-byte IPv6 pseudo-header (2001:db8::1 → 2001:db8::2, upper-layer length 40, next header 6; RFC 8200 §8.1)',
    );
  });
});

describe('the IP header rows over IPv4 (RFC 791 §3.1)', () => {
  it('show the identification, TTL and header the capture carries', () => {
    const { trace, sends, facts } = runOf('handshake');
    const frames = readPcap(writePcap(trace, { captureAt: 'link' }));
    sends.forEach((e, i) => {
      const v = values(e, facts);
      expect([v['ip:version'], v['ip:identification'], v['ip:ttl'], v['ip:flags']]).toEqual([
        '4',
        `${frames[i]?.identification}`,
        '64',
        '0x2',
      ]);
    });
  });
});

describe('IP fields a socket set (IP_TTL, IP_TOS and their IPv6 twins)', () => {
  const rowsOf = (name: string) => {
    const { sends, facts } = runOf(name);
    const e: SendEvent = { ...(sends[0] as SendEvent), ip: { ttl: 4, tos: 0x20 } };
    return ipRows(e, facts, bytesOfSendEvent(e).bytes.length);
  };
  const find = (rows: ReturnType<typeof rowsOf>, id: string) => rows.find((r) => r.id === id);

  it('IPv4: the TTL and TOS rows show the values and name the option that set them', () => {
    const rows = rowsOf('handshake');
    expect([find(rows, 'ip:ttl')?.value, find(rows, 'ip:tos')?.value]).toEqual(['4', '0x20']);
    expect(find(rows, 'ip:ttl')?.why).toContain('the sending socket set 4 with IP_TTL');
    expect(find(rows, 'ip:tos')?.why).toContain('DSCP 8: the sending socket set it with IP_TOS');
  });

  it('IPv6: the hop limit and traffic class rows likewise', () => {
    const rows = rowsOf('handshake-ipv6');
    expect([find(rows, 'ip:hopLimit')?.value, find(rows, 'ip:trafficClass')?.value]).toEqual([
      '4',
      '0x20',
    ]);
    expect(find(rows, 'ip:hopLimit')?.why).toContain('with IPV6_UNICAST_HOPS');
    expect(find(rows, 'ip:trafficClass')?.why).toContain('with IPV6_TCLASS');
  });
});
