import { describe, expect, it } from 'vitest';
import { readSysctlOverrides, writeSysctlOverrides } from './sysctls-param';

describe('the sysctls parameter', () => {
  it('reads per-endpoint sysctls, a vector as A/B/C, and writes them in one canonical order', () => {
    const read = readSysctlOverrides(
      'server.tcp_syncookies:2,client.tcp_rmem:4096/87380/6291456,client.tcp_syn_retries:2',
    );
    expect(read).toEqual({
      value: {
        server: { tcp_syncookies: 2 },
        client: { tcp_rmem: [4096, 87380, 6291456], tcp_syn_retries: 2 },
      },
    });
    if (!('value' in read)) throw new Error('expected a value');
    expect(writeSysctlOverrides(read.value)).toBe(
      'client.tcp_rmem:4096/87380/6291456,client.tcp_syn_retries:2,server.tcp_syncookies:2',
    );
  });

  it('names the first bad item with its problem', () => {
    expect(readSysctlOverrides('client.tcp_syn_retries:0')).toEqual({
      problem: 'client.tcp_syn_retries: must be a whole number from 1 to 127',
    });
    expect(readSysctlOverrides('client.tcp_nothing:1')).toEqual({
      problem: 'client.tcp_nothing: not a sysctl the profile has',
    });
    expect(readSysctlOverrides('client.tcp_rmem:1/2')).toEqual({
      problem:
        'client.tcp_rmem: must be three whole numbers (min, default, max) from 1 to 2147483647',
    });
    expect('problem' in readSysctlOverrides('tcp_syn_retries=2')).toBe(true);
  });
});
