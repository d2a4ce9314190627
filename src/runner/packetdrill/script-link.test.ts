import { describe, expect, it } from 'vitest';
import { runScript } from './runner';
import { advertisedMss, DEFAULT_LINK, linkProfile } from './script-link';

/** A passive open whose SYN-ACK option list is checked exactly. */
function server(header: readonly string[], synAck: string): string {
  return [
    ...header,
    '`./defaults.sh`',
    '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
    '+0 bind(3, ..., ...) = 0',
    '+0 listen(3, 1) = 0',
    '+0 < S 0:0(0) win 65535 <mss 1000,nop,wscale 7>',
    `+0 > S. 0:0(0) ack 1 ${synAck}`,
  ].join('\n');
}

describe('the MSS a host advertises follows its link (RFC 9293 §3.7.1)', () => {
  it('is the MTU less the IP and TCP headers: 1460 over IPv4, 1440 over IPv6 (RFC 8200 §3)', () => {
    expect(advertisedMss(DEFAULT_LINK)).toBe(1460);
    expect(advertisedMss({ ipVersion: 'ipv6', mtu: 1500 })).toBe(1440);
    expect(advertisedMss({ ipVersion: 'ipv6', mtu: 1280 })).toBe(1220);
    expect(advertisedMss({ ipVersion: 'ipv4', mtu: 9000 })).toBe(8960);
  });

  it('assumes a send MSS of 1220 over IPv6 when the peer sends none (MUST-15)', () => {
    expect(linkProfile({ ipVersion: 'ipv6', mtu: 1500 }).defaultPeerMss).toBe(1220);
    expect(linkProfile({ ipVersion: 'ipv4', mtu: 9000 }).defaultPeerMss).toBe(536);
    expect(linkProfile(DEFAULT_LINK)).toEqual({});
  });

  it('--ip_version=ipv6 makes the SYN-ACK carry mss 1440', () => {
    const ok = runScript(server(['--ip_version=ipv6'], '<mss 1440,nop,wscale 8>'));
    expect(ok.firstFailure).toBeNull();
    expect(ok.outcome).toBe('passed');
    const wrong = runScript(server(['--ip_version=ipv6'], '<mss 1460,nop,wscale 8>'));
    expect(wrong.firstFailure?.reason).toMatch(/mss differs/);
  });

  it('--mtu=9000 makes the SYN-ACK carry mss 8960', () => {
    const result = runScript(server(['--mtu=9000'], '<mss 8960,nop,wscale 8>'));
    expect(result.outcome).toBe('passed');
  });

  it('names an MTU it cannot use and keeps 1500', () => {
    const odd = runScript(server(['--mtu=lots'], '<mss 1460,nop,wscale 8>'));
    expect(odd.outcome).toBe('passed');
    expect(odd.lines.find((l) => l.kind === 'option')?.reason).toMatch(/--mtu=lots: an MTU is/);
    const small = runScript(server(['--ip_version=ipv6', '--mtu=576'], '<mss 1440,nop,wscale 8>'));
    expect(small.outcome).toBe('passed');
    expect(small.lines.map((l) => l.reason).join(' ')).toMatch(/below the 1280 bytes/);
  });

  it('names an IP version it does not model', () => {
    const result = runScript(server(['--ip_version=ipv4-mapped-ipv6'], '<mss 1460,nop,wscale 8>'));
    expect(result.lines.find((l) => l.kind === 'option')?.status).toBe('not-applicable');
  });
});
