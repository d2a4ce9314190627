import { describe, expect, it } from 'vitest';
import { profiles } from '../engine';
import { LINUX_6_DEFAULTS, linuxHost, sysctlProblems } from './linux-sysctls';

/** When each SYN leaves (s) and when connect() gives up, from a profile's SYN schedule. */
function synTimes(p: {
  synRetries: number;
  synBackoff: readonly number[];
  rtoInitialMs: number;
  rtoMaxMs: number;
}): {
  syns: number[];
  giveUp: number;
} {
  const wait = (i: number): number =>
    Math.min(
      p.rtoMaxMs,
      p.rtoInitialMs * (p.synBackoff[Math.min(i, p.synBackoff.length - 1)] ?? 1),
    ) / 1000;
  const syns = [0];
  for (let i = 0; i < p.synRetries; i++) syns.push(syns[i]! + wait(i));
  return { syns, giveUp: syns[syns.length - 1]! + wait(p.synRetries) };
}

describe('the linux profile as Linux 6.x derives it from its sysctls', () => {
  it('the window scale is ilog2(max(tcp_rmem[2], rmem_max)) − 15: 7 for 6 MiB, 8 for 15 MiB, none when off', () => {
    expect(linuxHost().profile.windowScale).toBe(7);
    expect(linuxHost({ tcp_rmem: [4096, 540000, 15 * 1024 * 1024] }).profile.windowScale).toBe(8);
    expect(linuxHost({ tcp_rmem: [4096, 131072, 2 ** 31 - 1] }).profile.windowScale).toBe(14);
    expect(linuxHost({ tcp_rmem: [4096, 4096, 4096], rmem_max: 4096 }).profile.windowScale).toBe(0);
    expect(linuxHost({ tcp_window_scaling: 0 }).profile.windowScale).toBeNull();
  });

  it('the SYN window is half of tcp_rmem[1] in whole MSS, at most 65535: 64240 by default', () => {
    expect(linuxHost().profile.synWindow).toBe(64240);
    expect(linuxHost({ tcp_rmem: [4096, 540000, 15728640] }).profile.synWindow).toBe(65535);
    expect(linuxHost({}, 1440).profile.synWindow).toBe(64800);
    expect(linuxHost().profile.receiveBuffer).toBe(131072);
  });

  it('SYNs leave at 0, 1, 2, 3, 4, 5, 7, 11, 19, 35, 67 s and connect() gives up at 131 s (tcp_syn_linear_timeouts 4)', () => {
    const { syns, giveUp } = synTimes(linuxHost().profile);
    expect(syns).toEqual([0, 1, 2, 3, 4, 5, 7, 11, 19, 35, 67]);
    expect(giveUp).toBe(131);
  });

  it('without linear timeouts the classic schedule returns: 0, 1, 3, 7, 15, 31, 63 s, ETIMEDOUT at 127 s', () => {
    const { syns, giveUp } = synTimes(linuxHost({ tcp_syn_linear_timeouts: 0 }).profile);
    expect(syns).toEqual([0, 1, 3, 7, 15, 31, 63]);
    expect(giveUp).toBe(127);
  });

  it('with linear timeouts off and packetdrill’s send buffer it is exactly the linux profile', () => {
    const host = linuxHost({ tcp_syn_linear_timeouts: 0, tcp_wmem: [4096, 262144, 4194304] });
    expect(host.profile).toEqual(profiles.linux);
  });

  it('tcp_syncookies and somaxconn describe the listener', () => {
    expect(linuxHost().synCookies).toBe('on-overflow');
    expect(linuxHost({ tcp_syncookies: 0 }).synCookies).toBe('never');
    expect(linuxHost({ tcp_syncookies: 2 }).synCookies).toBe('always');
    expect(linuxHost().maxBacklog).toBe(4096);
  });

  it('names a sysctl that is not a usable number', () => {
    expect(sysctlProblems(LINUX_6_DEFAULTS)).toEqual([]);
    expect(
      sysctlProblems({ ...LINUX_6_DEFAULTS, tcp_syn_retries: 0, tcp_rmem: [4096, NaN, 1] }),
    ).toEqual([
      'tcp_rmem[1]: must be a whole number from 1 to 2147483647',
      'tcp_syn_retries: must be a whole number from 1 to 127',
    ]);
  });
});
