import { describe, expect, it } from 'vitest';
import { profiles } from '../../engine';
import { linuxHost } from '../../sim/linux-sysctls';
import { profileRows } from './profile-details';

describe('profile details', () => {
  it('name the sysctl that set each number of a linux endpoint, and the host’s two', () => {
    const host = linuxHost({ tcp_syn_retries: 2 });
    const rows = profileRows({ ...host, sysctls: { tcp_syn_retries: 2 } }, true);
    const row = (field: string) => rows.find((r) => r.field === field);
    expect(row('synRetries')).toMatchObject({
      value: '6',
      sysctls: ['tcp_syn_retries', 'tcp_syn_linear_timeouts'],
    });
    expect(row('windowScale')).toMatchObject({
      value: '7',
      sysctls: ['tcp_rmem', 'rmem_max', 'tcp_window_scaling'],
    });
    expect(row('synCookies')).toMatchObject({
      value: 'when the SYN queue is full',
      sysctls: ['tcp_syncookies'],
    });
    expect(row('maxBacklog')).toMatchObject({ value: '4096', sysctls: ['somaxconn'] });
    expect(row('rtoMinMs')).toMatchObject({ value: '200', sysctls: [] });
  });

  it('show a FreeBSD table with no sysctls, and no null or raw arrays', () => {
    const rows = profileRows(
      { profile: profiles.freebsd, synCookies: 'never', maxBacklog: null },
      false,
    );
    expect(rows.every((r) => r.sysctls.length === 0)).toBe(true);
    expect(rows.find((r) => r.field === 'dropSynOptionsAfter')?.value).toBe('none');
    expect(rows.find((r) => r.field === 'fastOpen')?.value).toBe('0x1');
    expect(rows.find((r) => r.field === 'maxBacklog')?.value).toBe('no limit');
    expect(rows.map((r) => r.value).join(' ')).not.toMatch(/null|undefined|NaN|Infinity/);
  });
});
