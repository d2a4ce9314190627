/**
 * The IP version setting: an IPv4 preset over IPv6 has every address mapped into the
 * documentation prefix 2001:db8::/32 (RFC 3849), runs as a valid scenario, and its hosts
 * announce the MSS of an IPv6 interface (RFC 9293 §3.7.1: 1500 − 40 − 20 = 1440).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ipFamily } from '../../engine';
import { presets, type Preset } from '../presets';
import { runScenario } from '../run';
import type { Scenario } from '../scenario';
import type { SendEvent } from '../trace';
import { validateScenario } from '../validate';
import {
  describedOver,
  ipVersionOf,
  ipVersionProblem,
  ipv6OfIpv4,
  withIpVersion,
} from './ip-version';

const sendsOf = (scenario: Scenario) =>
  runScenario(scenario).trace.filter((e): e is SendEvent => e.type === 'send');
const hostOf = (endpoint: string) => endpoint.replace(/^\[(.*)\]:\d+$/, '$1');
const ipv4Presets = presets.filter((p) => ipVersionOf(p.scenario) === 'ipv4');
const named = (name: string): Preset => presets.find((p) => p.name === name) as Preset;

describe('an IPv4 address in IPv6', () => {
  it.each([
    ['10.0.0.1', '2001:db8:10::1'],
    ['10.0.0.2', '2001:db8:10::2'],
    ['10.0.1.11', '2001:db8:10:0:1::11'],
    ['198.51.100.1', '2001:db8:198:51:100::1'],
    ['0.0.0.1', '2001:db8::1'],
    ['255.255.255.255', '2001:db8:255:255:255::255'],
  ])('%s becomes %s: its bytes read in the groups, under 2001:db8::/32', (v4, v6) => {
    expect(ipv6OfIpv4(v4)).toBe(v6);
  });

  it('two IPv4 addresses never become one IPv6 address', () => {
    const byte = fc.integer({ min: 0, max: 255 });
    const address = fc.tuple(byte, byte, byte, byte).map((b) => b.join('.'));
    fc.assert(
      fc.property(address, address, (a, b) => {
        fc.pre(a !== b);
        expect(ipv6OfIpv4(a)).not.toBe(ipv6OfIpv4(b));
        expect(ipv6OfIpv4(a).startsWith('2001:db8:')).toBe(true);
      }),
    );
  });

  it('refuses what is not an IPv4 address, saying so', () => {
    expect(() => ipv6OfIpv4('2001:db8::1')).toThrow(
      '"2001:db8::1" is not a dotted-quad IPv4 address such as 10.0.0.1',
    );
  });
});

describe('the IP version of a scenario', () => {
  it('is the preset’s own: IPv6 for handshake-ipv6, IPv4 for the others', () => {
    expect(ipVersionOf(named('handshake-ipv6').scenario)).toBe('ipv6');
    expect(ipVersionOf(named('handshake').scenario)).toBe('ipv4');
  });

  it('leaves a scenario already over that version untouched (IPv4 golden traces stay as they are)', () => {
    for (const preset of presets) {
      const own = ipVersionOf(preset.scenario);
      expect(withIpVersion(preset.scenario, own)).toBe(preset.scenario);
    }
  });

  it('says why an IPv6 scenario cannot run over IPv4, and never refuses IPv6', () => {
    expect(ipVersionProblem(named('handshake-ipv6').scenario, 'ipv4')).toBe(
      'runs over IPv6 only: its hosts have IPv6 addresses, which have no IPv4 form',
    );
    for (const preset of presets) expect(ipVersionProblem(preset.scenario, 'ipv6')).toBeUndefined();
    expect(() => withIpVersion(named('handshake-ipv6').scenario, 'ipv4')).toThrow(
      'The scenario runs over IPv6 only',
    );
  });
});

describe.each(ipv4Presets.map((p) => [p.name, p] as const))('%s over IPv6', (_, preset) => {
  const scenario = withIpVersion(preset.scenario, 'ipv6');

  it('is a valid scenario whose every address is IPv6', () => {
    const result = validateScenario(scenario);
    expect(result.ok ? [] : result.errors).toEqual([]);
    expect(ipVersionOf(scenario)).toBe('ipv6');
    for (const e of scenario.endpoints) expect(ipFamily(e.address)).toBe(6);
  });

  it('sends every segment between IPv6 addresses, in the same order and with the same flags', () => {
    const v4 = sendsOf(preset.scenario);
    const v6 = sendsOf(scenario);
    for (const s of v6) {
      expect(ipFamily(hostOf(s.src))).toBe(6);
      expect(ipFamily(hostOf(s.dst))).toBe(6);
    }
    // The handshake and the story are TCP's: only the MSS, and what follows from it, changes.
    const story = (sends: SendEvent[]) => sends.slice(0, 3).map((s) => [s.from, s.to, s.flags]);
    expect(story(v6)).toEqual(story(v4));
  });

  it('announces MSS 1440 where the MSS follows the MTU, and a set MSS as set', () => {
    const v6 = sendsOf(scenario);
    for (const s of v6.filter((e) => e.flags.includes('SYN'))) {
      const mss = s.options.find((o) => o.kind === 'mss');
      if (!mss) continue;
      const endpoint = scenario.endpoints.find((e) => e.name === s.from);
      expect(mss.value).toBe(endpoint?.options.mss ?? 1440);
    }
  });
});

describe('middleboxes map consistently', () => {
  it('syn-flood: the spoofed IPv4 range becomes a consecutive IPv6 range clear of the hosts', () => {
    const scenario = withIpVersion(named('syn-flood').scenario, 'ipv6');
    const spoofed = sendsOf(scenario)
      .filter((s) => s.from === 'attacker')
      .map((s) => hostOf(s.src));
    expect(spoofed.slice(0, 3)).toEqual([
      '2001:db8:198:51:100::1',
      '2001:db8:198:51:100::2',
      '2001:db8:198:51:100::3',
    ]);
    const hosts = scenario.endpoints.map((e) => e.address);
    expect(spoofed.filter((a) => hosts.includes(a))).toEqual([]);
  });

  it('load-balancer: clients reach the virtual address and backends see its internal one', () => {
    const scenario = withIpVersion(named('load-balancer').scenario, 'ipv6');
    expect(scenario.balancer?.address).toBe('2001:db8:10::100');
    expect(scenario.balancer?.internalAddress).toBe(ipv6OfIpv4('10.0.1.1'));
    const sends = sendsOf(scenario);
    const toVip = sends.filter((s) => s.dst.startsWith('[2001:db8:10::100]:'));
    expect(toVip.length).toBeGreaterThan(0);
    const probes = sends.filter((s) => s.healthCheck && s.flags.join() === 'SYN');
    expect(probes.length).toBeGreaterThan(0);
    for (const p of probes) expect(hostOf(p.src)).toBe(scenario.balancer?.internalAddress);
  });

  it('hosts the world makes up send a Linux SYN of their family: MSS 1440 and window 64800', () => {
    // The flood's spoofed sources and the balancer's health checks are not engines, but they
    // offer what a Linux host on Ethernet offers: 45 × 1440 over IPv6, as the real clients do.
    for (const [preset, from] of [
      ['syn-flood', 'attacker'],
      ['load-balancer', 'balancer'],
    ] as const) {
      const syns = sendsOf(withIpVersion(named(preset).scenario, 'ipv6')).filter(
        (s) => s.from === from && s.flags.join() === 'SYN',
      );
      expect(syns.length).toBeGreaterThan(0);
      for (const s of syns) {
        expect([s.win, s.options.find((o) => o.kind === 'mss')?.value]).toEqual([64800, 1440]);
      }
    }
  });
});

describe('a preset’s description over IPv6', () => {
  it('names the IPv6 addresses and the IPv6 MSS the run shows; a set MSS stays', () => {
    expect(describedOver(named('load-balancer').description, 'ipv6')).toContain(
      'virtual address 2001:db8:10::100 (NAT mode',
    );
    const options = describedOver(named('options-negotiation').description, 'ipv6');
    expect(options).toContain('everything Linux offers: MSS 1440, SACK-permitted');
    expect(options).toContain('The server announces MSS 1400');
  });

  it('is the preset’s own over IPv4, and the IPv6 preset’s own over IPv6', () => {
    for (const preset of presets) {
      expect(describedOver(preset.description, 'ipv4')).toBe(preset.description);
    }
    const v6 = named('handshake-ipv6').description;
    expect(describedOver(v6, 'ipv6')).toBe(v6);
  });
});
