/**
 * Scenarios over IPv6: addresses in their usual text forms, the refusals that name the field,
 * and a run whose numbers follow the family (MSS 1440 on a 1500-byte MTU, RFC 9293 §3.7.1).
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from './run';
import type { SendEvent } from './trace';
import { validateScenario } from './validate';

const v6 = [
  { name: 'client', address: '2001:db8::1', port: 49152, isn: 700 },
  { name: 'server', address: '2001:db8::2', port: 443, isn: 200 },
];
const handshake = [
  { at: 0, endpoint: 'server', call: 'listen' },
  { at: 10, endpoint: 'client', call: 'connect', to: 'server' },
];

function errorsOf(json: unknown): string[] {
  const result = validateScenario(json);
  return result.ok ? [] : result.errors;
}

function scenarioOf(json: unknown) {
  const result = validateScenario(json);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.scenario;
}

const sends = (json: unknown) =>
  runScenario(scenarioOf(json)).trace.filter((e): e is SendEvent => e.type === 'send');

describe('an endpoint address may be IPv6', () => {
  it.each([
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['2001:db8:0000::0001', '2001:db8::1'],
    ['fe80::1', 'fe80::1'],
    ['2001:db8::10.0.0.1', '2001:db8::a00:1'],
  ])('%s is taken and written in its canonical form %s (RFC 5952)', (text, canonical) => {
    const scenario = scenarioOf({ endpoints: [{ ...v6[0], address: text }, v6[1]] });
    expect(scenario.endpoints[0]?.address).toBe(canonical);
  });

  it('two spellings of one address are one address', () => {
    expect(errorsOf({ endpoints: [v6[0], { ...v6[1], address: '2001:DB8::1' }] })).toContain(
      'endpoints[1]: the address 2001:db8::1 is used twice (one host per address)',
    );
  });

  it.each([
    [
      '2001:db8::1::2',
      'must be an IPv4 address such as "10.0.0.1" or an IPv6 address such as "2001:db8::1", got "2001:db8::1::2"',
    ],
    [
      'fe80::1%eth0',
      'must be an IPv4 address such as "10.0.0.1" or an IPv6 address such as "2001:db8::1", got "fe80::1%eth0"',
    ],
    ['::', ':: is the unspecified address, which no host has (RFC 4291 §2.5.2)'],
    ['ff02::1', 'ff02::1 is a multicast address; TCP runs between two unicast addresses'],
    [
      '::ffff:10.0.0.1',
      '::ffff:10.0.0.1 is an IPv4-mapped address: its packets are IPv4 on the wire; write 10.0.0.1',
    ],
  ])('%s is refused with a message naming the field', (address, message) => {
    expect(errorsOf({ endpoints: [{ ...v6[0], address }, v6[1]] })).toEqual([
      `endpoints[0].address: ${message}`,
    ]);
  });

  it('a connect between an IPv4 and an IPv6 endpoint is refused: a connection has one family', () => {
    const endpoints = [{ ...v6[0], address: '10.0.0.1' }, v6[1]];
    expect(errorsOf({ endpoints, calls: handshake })).toEqual([
      "calls[1].to: client's address 10.0.0.1 is IPv4 and server's address 2001:db8::2 is IPv6; a connection runs over one IP family, so give both endpoints addresses of the same family",
    ]);
  });
});

describe('spoofed sources over IPv6', () => {
  const flood = (fromAddress: string, count = 3) => ({
    endpoints: v6,
    inject: [{ to: 'server', fromAddress, count, interval: 10 }],
    calls: [{ at: 0, endpoint: 'server', call: 'listen', backlog: 8 }],
  });

  it('are consecutive addresses from fromAddress, each sending one SYN', () => {
    const syns = sends(flood('2001:db8:bad::fffe')).filter((s) => s.from === 'attacker');
    expect(syns.map((s) => s.src)).toEqual([
      '[2001:db8:bad::fffe]:1024',
      '[2001:db8:bad::ffff]:1024',
      '[2001:db8:bad::1:0]:1024',
    ]);
  });

  it('may not include an endpoint, nor another injection’s sources', () => {
    const two = {
      ...flood('2001:db8:bad::1'),
      inject: [
        { to: 'server', fromAddress: '2001:db8:bad::1', count: 4 },
        { name: 'other', to: 'server', fromAddress: '2001:db8:bad::3', count: 2 },
      ],
    };
    expect(errorsOf(two)).toEqual([
      "inject[1].fromAddress: the spoofed sources 2001:db8:bad::3 to 2001:db8:bad::4 overlap inject[0]'s 2001:db8:bad::1 to 2001:db8:bad::4",
    ]);
    expect(errorsOf(flood('2001:db8::'))).toEqual([
      "inject[0].fromAddress: the spoofed sources 2001:db8:: to 2001:db8::2 include client's address 2001:db8::1",
      "inject[0].fromAddress: the spoofed sources 2001:db8:: to 2001:db8::2 include server's address 2001:db8::2",
    ]);
  });

  it('must be of the target’s family', () => {
    expect(errorsOf(flood('198.51.100.1'))).toEqual([
      "inject[0].fromAddress: 198.51.100.1 is IPv4 but the target server's address 2001:db8::2 is IPv6; a packet's source and destination are of one family",
    ]);
  });
});

describe('a run over IPv6', () => {
  it('each SYN announces MSS 1440: a 1500-byte MTU less 40 bytes of IPv6 and 20 of TCP', () => {
    const syns = sends({ endpoints: v6, calls: handshake }).filter((s) => s.flags.includes('SYN'));
    expect(syns.map((s) => s.options.find((o) => o.kind === 'mss'))).toEqual([
      { kind: 'mss', value: 1440 },
      { kind: 'mss', value: 1440 },
    ]);
    // Linux rounds the SYN's window down to whole MSS: 45 × 1440 (tcp_select_initial_window()).
    expect(syns.map((s) => s.win)).toEqual([64800, 64800]);
  });

  it('an MSS the scenario sets is announced as set, whatever the family', () => {
    const endpoints = [{ ...v6[0], options: { mss: 1200 } }, v6[1]];
    const syn = sends({ endpoints, calls: handshake })[0];
    expect(syn?.options).toContainEqual({ kind: 'mss', value: 1200 });
  });

  it('full segments carry 1440 bytes less the 12 the timestamps option takes', () => {
    const calls = [
      ...handshake,
      { endpoint: 'client', call: 'send', bytes: 3000, after: { event: 'established' } },
    ];
    const data = sends({ endpoints: v6, calls }).filter((s) => s.from === 'client' && s.len > 0);
    expect(data.map((s) => s.len)).toEqual([1428, 1428, 144]);
  });

  it('the trace writes each end as [address]:port (RFC 3986 §3.2.2)', () => {
    const syn = sends({ endpoints: v6, calls: handshake })[0];
    expect([syn?.src, syn?.dst]).toEqual(['[2001:db8::1]:49152', '[2001:db8::2]:443']);
  });
});
