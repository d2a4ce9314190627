import { describe, expect, it } from 'vitest';
import { profiles } from '../../engine';
import { LINUX_DEFAULTS, runLines } from './script-test-kit';
import { parseScript } from '../../wire/packetdrill';
import { configure } from './script-config';
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

describe("Linux's defaults.sh baseline", () => {
  const LISTENER = [
    '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
    '+0 bind(3, ..., ...) = 0',
    '+0 listen(3, 1) = 0',
    '+0 < SEW 0:0(0) win 32792 <mss 1460,sackOK,nop,nop,nop,wscale 6>',
  ];

  it('sets tcp_ecn 0, so a listener answers an ECN-setup SYN without ECE (tcp_ecn_create_request())', () => {
    const verdict = commandVerdicts('../../common/defaults.sh', profiles.linux, false)[0];
    expect(verdict && 'setting' in verdict && verdict.setting.profile.ecn).toBe(0);
    const plain = runLines([
      LINUX_DEFAULTS,
      ...LISTENER,
      '+0 > S. 0:0(0) ack 1 <mss 1460,nop,nop,sackOK,nop,wscale 8>',
    ]);
    expect(plain.firstFailure).toBeNull();
  });

  it('a later tcp_ecn=2 lets the listener agree with ECE', () => {
    const agreeing = runLines([
      LINUX_DEFAULTS,
      '0 `sysctl -q net.ipv4.tcp_ecn=2`',
      ...LISTENER.map((l) => l.replace(/^0 /, '+0 ')),
      '+0 > SE. 0:0(0) ack 1 <mss 1460,nop,nop,sackOK,nop,wscale 8>',
    ]);
    expect(agreeing.firstFailure).toBeNull();
  });
});

describe('Linux sysctl lines feed the profile a kernel derives from them (linux-sysctls.ts)', () => {
  const linuxProfileOf = (command: string) =>
    commandVerdicts(command, profiles.linux, false).flatMap((v) =>
      'setting' in v ? [v.setting.profile] : [],
    );

  it('tcp_rmem sets the receive buffer, the SYN window and the window scale together', () => {
    expect(linuxProfileOf('sysctl -q net.ipv4.tcp_rmem="4096 540000 15728640"')).toEqual([
      { receiveBuffer: 540000, synWindow: 65535, windowScale: 8 },
    ]);
  });

  it('tcp_syn_linear_timeouts turns on the linear SYN waits of Linux 6.5, and retries add up', () => {
    const [p] = linuxProfileOf(
      'sysctl -q net.ipv4.tcp_syn_retries=2 net.ipv4.tcp_syn_linear_timeouts=4',
    ).slice(-1);
    expect(p?.synRetries).toBe(6);
    expect(p?.synBackoff?.slice(0, 7)).toEqual([1, 1, 1, 1, 1, 2, 4]);
  });

  it('a value the kernel refuses is not applied, and says why', () => {
    expect(commandVerdicts('sysctl -q net.ipv4.tcp_syn_retries=0', profiles.linux, false)).toEqual([
      { notApplicable: "tcp_syn_retries: must be a whole number from 1 to 127, got '0'" },
    ]);
  });

  it('net.core.somaxconn becomes the largest backlog listen() grants (__sys_listen())', () => {
    const script = parseScript(
      '0 `sysctl -q net.core.somaxconn=1`\n+0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n',
    );
    expect(configure(script).maxBacklog).toBe(1);
    expect(configure(parseScript('0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n')).maxBacklog).toBe(
      4096,
    );
  });
});

describe("tc qdisc lines: the host's own interface queue", () => {
  it('a pfifo of limit 0 at the root refuses every packet; deleting the root qdisc ends it', () => {
    const verdicts = commandVerdicts(
      'tc qdisc delete dev tun0 root 2>/dev/null ; tc qdisc add dev tun0 root pfifo limit 0',
      profiles.linux,
      false,
    );
    expect(verdicts.map((v) => ('atRun' in v ? v.atRun : v))).toEqual([
      'local-queue-accepts',
      'local-queue-refuses',
    ]);
  });

  it('reports a queue that shapes or delays as not modeled', () => {
    expect(
      commandVerdicts('tc qdisc add dev tun0 root netem delay 10ms', profiles.linux, false),
    ).toEqual([
      {
        notApplicable:
          'tc qdisc add dev tun0 root netem delay 10ms: only a pfifo of limit 0 at the root (and deleting it) is modeled',
      },
    ]);
  });
});
