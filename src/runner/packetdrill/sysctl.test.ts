import { describe, expect, it } from 'vitest';
import { profiles } from '../../engine';
import { commandVerdicts, sysctlVerdict } from './sysctl';

const profileOf = (assignment: string) => {
  const v = sysctlVerdict(assignment, profiles.freebsd, true);
  return 'setting' in v ? v.setting.profile : v;
};

describe('FreeBSD sysctls that reach the engine', () => {
  it('kern.ipc.maxsockbuf sizes the window scale: smallest shift with 65535 << shift >= sb_max', () => {
    expect(profileOf('kern.ipc.maxsockbuf=2097152')).toEqual({ windowScale: 6 });
    expect(profileOf('kern.ipc.maxsockbuf=73728')).toEqual({ windowScale: 1 });
    expect(profileOf('kern.ipc.maxsockbuf=65535')).toEqual({ windowScale: 0 });
  });

  it('kern.ipc.maxsockbuf is not applicable without window scaling or with a bad value', () => {
    const off = sysctlVerdict(
      'kern.ipc.maxsockbuf=73728',
      { ...profiles.freebsd, windowScale: null },
      true,
    );
    expect('notApplicable' in off).toBe(true);
    expect(
      'notApplicable' in sysctlVerdict('kern.ipc.maxsockbuf=lots', profiles.freebsd, true),
    ).toBe(true);
  });

  it('drop_synfin and rexmit_drop_options become profile fields', () => {
    expect(profileOf('net.inet.tcp.drop_synfin=1')).toEqual({ dropSynFin: true });
    expect(profileOf('net.inet.tcp.rexmit_drop_options=1')).toEqual({ dropSynOptionsAfter: 3 });
    expect(profileOf('net.inet.tcp.rexmit_drop_options=0')).toEqual({ dropSynOptionsAfter: null });
  });
});

describe('command lists', () => {
  it("'a || b' applies the first alternative with a modeled effect and reports the other as not run", () => {
    const verdicts = commandVerdicts(
      'sysctl -q net.ipv4.tcp_fastopen_cookies=0 &> /dev/null || ip tcp_metrics flush all &> /dev/null',
      profiles.linux,
      false,
    );
    expect(verdicts).toEqual([
      {
        notApplicable:
          "'sysctl -q net.ipv4.tcp_fastopen_cookies=0 &> /dev/null' is not run: '||' takes the alternative modeled",
      },
      {
        atRun: 'flush-tcp-metrics',
        note: 'ip tcp_metrics flush: the Fast Open client cookie cache is emptied',
      },
    ]);
    const first = commandVerdicts(
      'sysctl -q net.ipv4.tcp_sack=0 || ip tcp_metrics flush all',
      profiles.linux,
      false,
    );
    expect(first.map((v) => Object.keys(v)[0])).toEqual(['setting', 'notApplicable']);
  });
});
