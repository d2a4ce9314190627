/**
 * What the IP family changes for TCP (RFC 9293 §3.7.1): the MSS a host advertises is its MTU
 * less the IP and TCP headers, and the send MSS assumed without an MSS option is 536 over IPv4
 * and 1220 over IPv6. Addresses are compared as text, so each has one canonical spelling.
 */
import { describe, expect, it } from 'vitest';
import {
  canonicalAddress,
  formatEndpoint,
  formatIpv6Address,
  ipFamily,
  parseIpv6Address,
} from './ip-address';
import { profileForFamily } from './ip-family';
import { profiles } from './profiles';

describe('IP addresses as text', () => {
  it.each([
    ['10.0.0.1', '10.0.0.1'],
    ['2001:0DB8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // RFC 5952 §4.2.3: the first of two equal runs
    ['::ffff:192.0.2.1', '::ffff:192.0.2.1'], // RFC 5952 §5: mapped addresses end dotted
    ['64:ff9b::192.0.2.33', '64:ff9b::c000:221'], // a dotted tail outside ::ffff:0:0/96 is hex
  ])('%s is written %s', (text, canonical) => {
    expect(canonicalAddress(text)).toBe(canonical);
  });

  it.each(['10.0.0', '10.0.0.256', '1::2::3', '::1.2.3', 'fe80::1%eth0', '12345::'])(
    '%s is no address',
    (text) => expect(canonicalAddress(text)).toBeUndefined(),
  );

  it('an endpoint puts an IPv6 address in brackets, so its colons are not the port’s', () => {
    expect(formatEndpoint('10.0.0.1', 80)).toBe('10.0.0.1:80');
    expect(formatEndpoint('2001:db8::1', 443)).toBe('[2001:db8::1]:443');
    expect([ipFamily('10.0.0.1'), ipFamily('::1')]).toEqual([4, 6]);
  });

  it('the dotted tail is the last 32 bits', () => {
    expect(formatIpv6Address(parseIpv6Address('::ffff:10.0.0.1'))).toBe('::ffff:10.0.0.1');
    expect(Array.from(parseIpv6Address('::10.0.0.1').subarray(12))).toEqual([10, 0, 0, 1]);
  });
});

describe('a profile over IPv6', () => {
  it.each(['rfc', 'linux', 'freebsd'] as const)(
    '%s advertises MSS 1440 on a 1500-byte MTU and assumes 1220 without an option',
    (name) => {
      const v6 = profileForFamily(profiles[name], 6);
      expect([v6.mss, v6.defaultPeerMss]).toEqual([1440, 1220]);
    },
  );

  it('over IPv4 the profile is as it is', () => {
    expect(profileForFamily(profiles.linux, 4)).toBe(profiles.linux);
  });

  it('Linux’s SYN window, whole MSS of half the receive buffer, follows the MSS: 45 × 1440', () => {
    expect(profiles.linux.synWindow).toBe(44 * 1460);
    expect(profileForFamily(profiles.linux, 6).synWindow).toBe(45 * 1440);
    // 65535 is not rounded to the MSS, so it stays.
    expect(profileForFamily(profiles.freebsd, 6).synWindow).toBe(65535);
  });
});
