/**
 * Shell commands in scripts become profile settings: Linux's defaults.sh baseline and
 * set_sysctls.py / `sysctl` assignments, FreeBSD's `sysctl -w net.inet.tcp.*`. Everything
 * else is reported as not applicable with the reason.
 */
import { FastOpenBits } from '../../engine';
import type { Profile, SynCookies } from '../../engine';
import {
  isTriple,
  linuxHost,
  SYSCTL_DRIVES,
  sysctlValueProblem,
  type SysctlChanges,
  type SysctlName,
} from '../../sim/linux-sysctls';

export interface Setting {
  readonly profile: Partial<Profile>;
  /** The Linux sysctls the line set, which the profile fields above were derived from. */
  readonly sysctls?: SysctlChanges;
  readonly synCookies?: SynCookies;
  /** The socket layer also reads it when a call asks (getsockopt), so it applies at any time. */
  readonly readAtUse?: boolean;
  /** What was applied, in words. */
  readonly note: string;
}

/**
 * One piece of a command: a profile setting, a value the socket layer reads when a call asks
 * for it (so it applies at any time: keepalive-options.ts), or the reason it does not apply.
 */
export type PieceVerdict =
  | { readonly setting: Setting }
  /** Done by the runner when the line runs (`ip tcp_metrics flush`, `tc qdisc ...`). */
  | { readonly atRun: AtRun; readonly note: string }
  | { readonly readAtUse: string }
  | { readonly notApplicable: string };

/**
 * What a command does to the running host: empty the Fast Open client cache (`ip tcp_metrics
 * flush`), or make the host's own interface queue refuse every packet and accept them again
 * (`tc qdisc add dev tun0 root pfifo limit 0`, `tc qdisc delete dev tun0 root`).
 */
export type AtRun = 'flush-tcp-metrics' | 'local-queue-refuses' | 'local-queue-accepts';

const readAtUse = (name: string, value: string): PieceVerdict => ({
  readAtUse: `${name} = ${value}, read by getsockopt on sockets without their own value`,
});

const onOff = (v: string): boolean => Number(v) !== 0;

/**
 * The Linux kernel a script starts on, before its own lines: a Linux 6.x kernel's sysctls
 * (linux-sysctls.ts) without the linear SYN timeouts of Linux 6.5 (the suites' SYN schedules
 * double from the first wait) and with defaults.sh's send buffer. linuxHost() of it is exactly
 * the engine's `linux` profile (linux-sysctls.test.ts).
 */
export const SCRIPT_KERNEL: SysctlChanges = {
  tcp_syn_linear_timeouts: 0,
  tcp_wmem: [4096, 262144, 4194304],
};

/**
 * A Linux sysctl line as the profile fields it drives, derived by linuxHost() from the kernel
 * the earlier lines left (`kernel`) with these changes on top, for a link of the profile's MSS.
 */
function derivedSetting(
  kernel: SysctlChanges,
  changes: SysctlChanges,
  base: Profile,
  note: string,
): Setting {
  const host = linuxHost({ ...kernel, ...changes }, base.mss);
  const fields = (Object.keys(changes) as SysctlName[]).flatMap((name) => SYSCTL_DRIVES[name]);
  const profile = Object.fromEntries(fields.map((f) => [f, host.profile[f]])) as Partial<Profile>;
  const cookies = changes.tcp_syncookies === undefined ? {} : { synCookies: host.synCookies };
  return { profile, sysctls: changes, ...cookies, note };
}

/**
 * packetdrill's gtests/net/common/defaults.sh (copied in ../shared/conformance): tcp_rmem
 * 4096 540000 15 MiB (window scale 8, a 65535 SYN window), tcp_wmem[1] 256 KiB, TS and SACK
 * on, 5 SYN and SYN-ACK retries, SYN cookies on, Fast Open 0x70403 (client, server, every
 * listener) with key a1a1a1a1-b2b2b2b2-c3c3c3c3-d4d4d4d4, and tcp_ecn 0: no ECN either way, so a
 * listener answers an ECN-setup SYN without ECE (Linux tcp_ecn_create_request() marks the
 * request ECN-capable only when sysctl_tcp_ecn is set).
 */
export const DEFAULTS_SH_SYSCTLS: SysctlChanges = {
  tcp_rmem: [4096, 540000, 15 * 1024 * 1024],
  tcp_wmem: [4096, 256 * 1024, 4194304],
  tcp_timestamps: 1,
  tcp_syn_retries: 5,
  tcp_synack_retries: 5,
  tcp_sack: 1,
  tcp_fastopen: 0x70403,
  tcp_syncookies: 1,
};

export function linuxDefaultsSh(kernel: SysctlChanges, base: Profile): Setting {
  const derived = derivedSetting(kernel, DEFAULTS_SH_SYSCTLS, base, '');
  return {
    ...derived,
    profile: {
      ...derived.profile,
      fastOpenKey: [0xa1a1a1a1, 0xb2b2b2b2, 0xc3c3c3c3, 0xd4d4d4d4],
      ecn: 0,
    },
    note: 'defaults.sh: tcp_rmem 4096 540000 15728640 (wscale 8), tcp_wmem[1] 256 KiB, timestamps on, SACK on, syn_retries 5, synack_retries 5, syncookies 1, tcp_fastopen 0x70403 and its key, tcp_ecn 0',
  };
}

/** A Linux sysctl's value as the kernel reads it: a C int (decimal or hex), or three for a vector. */
function linuxValue(name: SysctlName, text: string): number | number[] | null {
  const words = text.trim().split(/\s+/);
  const ints = words.map((w) => (/^(0x[0-9a-f]+|\d+)$/i.test(w) ? Number(w) : NaN));
  if (ints.some((n) => !Number.isFinite(n))) return null;
  if (isTriple(name)) return ints.length === 3 ? ints : null;
  return ints.length === 1 ? (ints[0] ?? null) : null;
}

/** A sysctl the Linux profile is derived from (linux-sysctls.ts), read against the running kernel. */
const derived =
  (name: SysctlName, what: string) =>
  (v: string, base: Profile, kernel: SysctlChanges): PieceVerdict => {
    const value = linuxValue(name, v);
    const problem = value === null ? 'not a number' : sysctlValueProblem(name, value);
    if (value === null || problem !== null) {
      return { notApplicable: `${what}: ${problem ?? ''}, got '${v.slice(0, 24)}'` };
    }
    return {
      setting: derivedSetting(kernel, { [name]: value } as SysctlChanges, base, `${what} = ${v}`),
    };
  };

type Rule = (value: string, base: Profile, kernel: SysctlChanges) => PieceVerdict;

const set =
  (field: (v: string, base: Profile) => Partial<Profile>, what: string): Rule =>
  (v, base) => ({ setting: { profile: field(v, base), note: `${what} = ${v}` } });

/** The kernel reads these sysctls as C ints (proc_dointvec, sysctl_handle_int). */
const INT_MAX = 2 ** 31 - 1;

/** A whole-number sysctl: a value the kernel would refuse is not applied, and says why. */
const int =
  (field: (n: number) => Partial<Profile>, what: string): Rule =>
  (v) => {
    const n = Number(v);
    if (!/^(0x[0-9a-f]+|\d+)$/i.test(v) || n > INT_MAX) {
      return {
        notApplicable: `${what}: expected a whole number from 0 to ${INT_MAX}, got '${v.slice(0, 24)}'`,
      };
    }
    return { setting: { profile: field(n), note: `${what} = ${v}` } };
  };

/** A sysctl whose handler refuses values outside [min, max] with EINVAL: such a value is not applied. */
const ranged =
  (min: number, max: number, field: (n: number) => Partial<Profile>, what: string): Rule =>
  (v) => {
    const n = Number(v);
    if (!/^\d+$/.test(v) || n < min || n > max) {
      return {
        notApplicable: `${what}: the kernel refuses '${v.slice(0, 24)}' (EINVAL): ${min} to ${max}`,
      };
    }
    return { setting: { profile: field(n), note: `${what} = ${v}` } };
  };

/** ECN negotiation: 0 off, 1 ask and agree, 2 agree when asked (the same numbers on both). */
function ecnMode(v: string, _base: Profile, what: string): PieceVerdict {
  if (v !== '0' && v !== '1' && v !== '2') {
    return { notApplicable: `${what} = ${v.slice(0, 24)}: only 0, 1 and 2 are modeled` };
  }
  return { setting: { profile: { ecn: Number(v) as 0 | 1 | 2 }, note: `${what} = ${v}` } };
}

const LINUX_RULES: Readonly<Record<string, Rule>> = {
  tcp_syn_retries: derived('tcp_syn_retries', 'tcp_syn_retries'),
  tcp_syn_linear_timeouts: derived('tcp_syn_linear_timeouts', 'tcp_syn_linear_timeouts'),
  tcp_synack_retries: derived('tcp_synack_retries', 'tcp_synack_retries'),
  tcp_timestamps: derived('tcp_timestamps', 'tcp_timestamps'),
  tcp_sack: derived('tcp_sack', 'tcp_sack'),
  tcp_window_scaling: derived('tcp_window_scaling', 'tcp_window_scaling'),
  tcp_rmem: derived('tcp_rmem', 'tcp_rmem'),
  tcp_wmem: derived('tcp_wmem', 'tcp_wmem'),
  tcp_syncookies: derived('tcp_syncookies', 'tcp_syncookies'),
  tcp_fin_timeout: derived('tcp_fin_timeout', 'tcp_fin_timeout (s)'),
  tcp_retries2: derived('tcp_retries2', 'tcp_retries2'),
  tcp_fastopen: derived('tcp_fastopen', 'tcp_fastopen'),
  tcp_ecn: (v, base) => ecnMode(v, base, 'tcp_ecn'),
  tcp_keepalive_time: (v) => readAtUse('tcp_keepalive_time (s)', v),
  tcp_keepalive_intvl: (v) => readAtUse('tcp_keepalive_intvl (s)', v),
  tcp_keepalive_probes: (v) => readAtUse('tcp_keepalive_probes', v),
  tcp_fastopen_key: (v) => {
    const words = v.split('-').map((w) => parseInt(w, 16));
    if (words.length !== 4 || words.some((w) => !Number.isFinite(w)))
      return { notApplicable: `tcp_fastopen_key ${v}: expected four hex words` };
    const key = words as [number, number, number, number];
    return { setting: { profile: { fastOpenKey: key }, note: `tcp_fastopen_key = ${v}` } };
  },
};

const FREEBSD_RULES: Readonly<Record<string, Rule>> = {
  rfc1323: set(
    (v, base) =>
      onOff(v)
        ? { timestamps: true, windowScale: base.windowScale ?? 6 }
        : { timestamps: false, windowScale: null },
    'net.inet.tcp.rfc1323',
  ),
  'sack.enable': set((v) => ({ sackPermitted: onOff(v) }), 'net.inet.tcp.sack.enable'),
  rexmit_initial: int((n) => ({ rtoInitialMs: n }), 'net.inet.tcp.rexmit_initial (ms)'),
  rexmit_min: int((n) => ({ rtoMinMs: n }), 'net.inet.tcp.rexmit_min (ms)'),
  // Read again by each connection as it starts (TP_KEEPINIT()), so a later change still counts.
  keepinit: (v, base, kernel) => {
    const keepinit = int((n) => ({ connectTimeoutMs: n }), 'net.inet.tcp.keepinit (ms)');
    const verdict = keepinit(v, base, kernel);
    return 'setting' in verdict ? { setting: { ...verdict.setting, readAtUse: true } } : verdict;
  },
  recvspace: int((n) => ({ receiveBuffer: n }), 'net.inet.tcp.recvspace'),
  sendspace: int((n) => ({ sendBuffer: n }), 'net.inet.tcp.sendspace'),
  insecure_rst: set(
    (v) => ({ rfc5961: !onOff(v) }),
    'net.inet.tcp.insecure_rst (RFC 5961 off when 1)',
  ),
  insecure_syn: set(
    (v) => ({ rfc5961: !onOff(v) }),
    'net.inet.tcp.insecure_syn (RFC 5961 off when 1)',
  ),
  blackhole: (v) =>
    onOff(v)
      ? { notApplicable: 'net.inet.tcp.blackhole: the engine always answers closed ports with RST' }
      : {
          setting: {
            profile: {},
            note: 'net.inet.tcp.blackhole = 0 (closed ports answer with RST, as the engine does)',
          },
        },
  drop_synfin: set((v) => ({ dropSynFin: onOff(v) }), 'net.inet.tcp.drop_synfin'),
  keepidle: (v) => readAtUse('net.inet.tcp.keepidle (ms)', v),
  keepintvl: (v) => readAtUse('net.inet.tcp.keepintvl (ms)', v),
  keepcnt: (v) => readAtUse('net.inet.tcp.keepcnt', v),
  always_keepalive: (v) => readAtUse('net.inet.tcp.always_keepalive', v),
  'ecn.enable': (v, base) => ecnMode(v, base, 'net.inet.tcp.ecn.enable'),
  'ecn.maxretries': int((n) => ({ ecnSynRetries: n }), 'net.inet.tcp.ecn.maxretries'),
  rexmit_slop: int((n) => ({ rtoSlopMs: n }), 'net.inet.tcp.rexmit_slop (ms)'),
  rexmit_drop_options: set(
    (v) => ({ dropSynOptionsAfter: onOff(v) ? 3 : null }),
    'net.inet.tcp.rexmit_drop_options (SYN options dropped after 3 timeouts)',
  ),
  // tcp_subr.c sysctl_net_inet_tcp_udp_tunneling_port_check(): TCP_TUNNELING_PORT_MIN..MAX
  // (0..65535), else EINVAL; 0 closes the tunnel (udp-tunnel.ts).
  udp_tunneling_port: ranged(
    0,
    0xffff,
    (n) => ({ udpTunnelingPort: n }),
    'net.inet.tcp.udp_tunneling_port',
  ),
  // sysctl_net_inet_tcp_udp_tunneling_overhead_check(): TCP_TUNNELING_OVERHEAD_MIN..MAX
  // (sizeof(struct udphdr) = 8 .. 1024), else EINVAL.
  udp_tunneling_overhead: ranged(
    8,
    1024,
    (n) => ({ udpTunnelingOverhead: n }),
    'net.inet.tcp.udp_tunneling_overhead',
  ),
  'hostcache.purgenow': () => ({ notApplicable: 'the simulation has no host cache to purge' }),
  // tcp_fastopen.c: client_enable 0 → 1 empties the client cookie cache, and a run starts
  // with an empty one, so at the start of a script the pair is the engine's own state.
  'fastopen.client_enable': set(
    (v, base) => ({
      fastOpen: onOff(v)
        ? base.fastOpen | FastOpenBits.CLIENT
        : base.fastOpen & ~FastOpenBits.CLIENT,
    }),
    'net.inet.tcp.fastopen.client_enable',
  ),
  'fastopen.server_enable': set(
    (v, base) => ({
      fastOpen: onOff(v)
        ? base.fastOpen | FastOpenBits.SERVER
        : base.fastOpen & ~FastOpenBits.SERVER,
    }),
    'net.inet.tcp.fastopen.server_enable',
  ),
};

const NOT_MODELED_KERNEL = (name: string): PieceVerdict => ({
  notApplicable: `${name}: no engine setting for this sysctl`,
});

/** `name=value` with the name in dotted form (`/proc/sys/net/ipv4/x` → `net.ipv4.x`), or null. */
function parseAssignment(assignment: string): { name: string; value: string } | null {
  const m = /^([^=\s]+)\s*=\s*"?([^"]*)"?$/.exec(assignment.trim());
  if (!m) return null;
  const [, rawName = '', value = ''] = m;
  return { name: rawName.replace(/^\/proc\/sys\//, '').replace(/\//g, '.'), value };
}

/** A shell line ending in a backslash goes on with the next (set_sysctls.py a=1 \\ b=2). */
function joinContinuations(command: string): string {
  return command.replace(/\\[ \t]*\r?\n/g, ' ');
}

/** The assignments a command makes, by sysctl or set_sysctls.py, in order. */
export function sysctlAssignments(command: string): { name: string; value: string }[] {
  return joinContinuations(command)
    .split(/\n|;|&&/)
    .map((p) => p.trim().split(/\s+/))
    .flatMap((words) => {
      const program = words[0] ?? '';
      if (program !== 'sysctl' && !program.endsWith('set_sysctls.py')) return [];
      return words.slice(1).flatMap((w) => {
        const a = w.startsWith('-') ? null : parseAssignment(w);
        return a ? [a] : [];
      });
    });
}

/**
 * FreeBSD sizes the window scale it requests by the largest socket buffer allowed: the
 * smallest shift with TCP_MAXWIN << shift >= sb_max (tcp_connect(), syncache_add();
 * kern.ipc.maxsockbuf 2 MiB gives 6, 73728 gives 1). Other buffer limits are not modeled.
 */
function maxSockBuf(value: string, base: Profile, freebsdProfile: boolean): PieceVerdict {
  const n = Number(value);
  if (!freebsdProfile || base.windowScale === null || !/^\d+$/.test(value) || n > INT_MAX) {
    return { notApplicable: 'kern.ipc.maxsockbuf: socket buffer limits are not modeled' };
  }
  let shift = 0;
  while (shift < 14 && 65535 * 2 ** shift < n) shift++;
  return {
    setting: {
      profile: { windowScale: shift },
      note: `kern.ipc.maxsockbuf = ${value} (window scale ${shift})`,
    },
  };
}

/** One `name=value` assignment, Linux (`net.ipv4.tcp_x`, `/proc/sys/net/ipv4/tcp_x`) or FreeBSD. */
export function sysctlVerdict(
  assignment: string,
  base: Profile,
  freebsdProfile: boolean,
  kernel: SysctlChanges = SCRIPT_KERNEL,
): PieceVerdict {
  const parsed = parseAssignment(assignment);
  if (!parsed) return { notApplicable: `'${assignment}' is not a name=value assignment` };
  const { name, value } = parsed;
  const linux = /^net\.ipv4\.(tcp_\w+)$/.exec(name)?.[1];
  if (linux !== undefined)
    return (LINUX_RULES[linux] ?? (() => NOT_MODELED_KERNEL(name)))(value, base, kernel);
  const core = /^net\.core\.(rmem_max|somaxconn)$/.exec(name)?.[1] as SysctlName | undefined;
  if (core !== undefined) return derived(core, name)(value, base, kernel);
  const freebsd = /^net\.inet\.tcp\.(.+)$/.exec(name)?.[1];
  if (freebsd !== undefined) {
    if (!freebsdProfile) {
      return { notApplicable: `${name}: FreeBSD settings apply to the freebsd profile only` };
    }
    return (FREEBSD_RULES[freebsd] ?? (() => NOT_MODELED_KERNEL(name)))(value, base, kernel);
  }
  if (name === 'kern.ipc.maxsockbuf') return maxSockBuf(value, base, freebsdProfile);
  return NOT_MODELED_KERNEL(name);
}

/** Splits a command block into its verdicts, one per assignment or shell command. */
export function commandVerdicts(
  command: string,
  base: Profile,
  freebsdProfile: boolean,
  kernel: SysctlChanges = SCRIPT_KERNEL,
): PieceVerdict[] {
  const verdicts: PieceVerdict[] = [];
  const running: Kernel = { sysctls: kernel };
  for (const piece of joinContinuations(command)
    .split(/\n|;|&&/)
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    verdicts.push(...alternativeVerdicts(piece, base, freebsdProfile, running));
  }
  return verdicts;
}

/** The Linux sysctls as the assignments so far leave them: each reads those before it. */
interface Kernel {
  sysctls: SysctlChanges;
}

function linuxSysctl(a: string, base: Profile, freebsd: boolean, kernel: Kernel): PieceVerdict {
  const verdict = sysctlVerdict(a, base, freebsd, kernel.sysctls);
  if ('setting' in verdict && verdict.setting.sysctls) {
    kernel.sysctls = { ...kernel.sysctls, ...verdict.setting.sysctls };
  }
  return verdict;
}

/**
 * `a || b`: the shell runs b when a fails. A script writes it to reach one effect on kernels
 * that differ (a sysctl some kernels lack, or else a command that does the same), so the
 * first alternative with an effect the simulation models is the one applied; the others are
 * reported as not run.
 */
function alternativeVerdicts(
  piece: string,
  base: Profile,
  freebsdProfile: boolean,
  kernel: Kernel,
): PieceVerdict[] {
  const alternatives = piece
    .split('||')
    .map((a) => a.trim())
    .filter((a) => a !== '');
  const verdicts = alternatives.map((a) => commandVerdict(a, base, freebsdProfile, kernel));
  const taken = verdicts.findIndex((v) => v.some((x) => !('notApplicable' in x)));
  if (alternatives.length < 2 || taken < 0) return verdicts.flat();
  return verdicts.flatMap((v, i) =>
    i === taken
      ? v
      : [{ notApplicable: `'${alternatives[i]}' is not run: '||' takes the alternative modeled` }],
  );
}

/** The verdicts of one simple command (a program and its words). */
function commandVerdict(
  piece: string,
  base: Profile,
  freebsdProfile: boolean,
  kernel: Kernel,
): PieceVerdict[] {
  const verdicts: PieceVerdict[] = [];
  const words = shellWords(piece).filter((w) => !REDIRECTIONS.has(w));
  const program = words[0] ?? '';
  if (program.endsWith('defaults.sh')) {
    const setting = linuxDefaultsSh(kernel.sysctls, base);
    kernel.sysctls = { ...kernel.sysctls, ...setting.sysctls };
    verdicts.push({ setting });
  } else if (program.endsWith('set_sysctls.py')) {
    for (const a of words.slice(1)) verdicts.push(linuxSysctl(a, base, freebsdProfile, kernel));
  } else if (program === 'sysctl') {
    for (const a of words.slice(1).filter((w) => !w.startsWith('-'))) {
      verdicts.push(linuxSysctl(a, base, freebsdProfile, kernel));
    }
  } else if (program === 'ip' && words[1] === 'tcp_metrics' && words[2] === 'flush') {
    // The TCP metrics hold Linux's Fast Open client cache (tcp_fastopen_cache_set()).
    verdicts.push({
      atRun: 'flush-tcp-metrics',
      note: 'ip tcp_metrics flush: the Fast Open client cookie cache is emptied',
    });
  } else if (program === 'tc' && words[1] === 'qdisc') {
    verdicts.push(qdiscVerdict(words.slice(2)));
  } else if (/sysctl_restore/.test(program)) {
    verdicts.push({
      notApplicable: "restores the machine's sysctls; a simulation has nothing to restore",
    });
  } else {
    verdicts.push({ notApplicable: `shell command '${program}' is not run by the simulation` });
  }
  return verdicts;
}

/**
 * `tc qdisc` on the device packets leave by. A pfifo of limit 0 at the root holds no packet:
 * every one the host sends is dropped there and the sender is told at once (NET_XMIT_DROP);
 * deleting the root qdisc restores the default queue. Other queueing disciplines shape or
 * delay traffic, which the runner does not model.
 */
function qdiscVerdict(args: readonly string[]): PieceVerdict {
  const [verb = '', ...rest] = args;
  const root = rest[0] === 'dev' && rest[2] === 'root';
  const spec = rest.slice(3).join(' ');
  if (root && (verb === 'delete' || verb === 'del') && spec === '') {
    return {
      atRun: 'local-queue-accepts',
      note: 'tc qdisc delete: the default queue again, the host sends packets',
    };
  }
  if (root && (verb === 'add' || verb === 'replace') && /^pfifo limit 0$/.test(spec)) {
    return {
      atRun: 'local-queue-refuses',
      note: "tc qdisc pfifo limit 0: the host's own queue refuses every packet it sends",
    };
  }
  return {
    notApplicable: `tc qdisc ${args.join(' ')}: only a pfifo of limit 0 at the root (and deleting it) is modeled`,
  };
}

/** The words of a command, a double-quoted part kept whole (tcp_rmem="4096 540000 15728640"). */
function shellWords(piece: string): string[] {
  return piece.match(/(?:[^\s"]+|"[^"]*")+/g) ?? [];
}

/** Output redirections, which change nothing a simulation models. */
const REDIRECTIONS = new Set([
  '&>',
  '>',
  '2>',
  '/dev/null',
  '2>&1',
  '>/dev/null',
  '2>/dev/null',
  '&>/dev/null',
]);
