/**
 * The `linux` profile as a current kernel derives it: every number from the sysctls that drive
 * it, with the defaults of Linux 6.x (Documentation/networking/ip-sysctl.rst, include/net/tcp.h).
 * A scenario or a packetdrill script changes a sysctl and the numbers follow, as on a real host.
 *
 * What each sysctl drives (SYSCTL_DRIVES names the profile fields, for the docs and the UI):
 * - tcp_rmem[1] is the receive buffer; the SYN's window is half of it, the default scaling
 *   ratio of tcp_win_from_space(), rounded down to whole MSS and capped at 65535
 *   (tcp_select_initial_window(); 131072 → 64240 with MSS 1460).
 * - max(tcp_rmem[2], net.core.rmem_max) sets the window scale: ilog2 of it less 15, from 0 to
 *   14 (tcp_select_initial_window(); 6 MiB → 7, packetdrill's 15 MiB → 8), when
 *   tcp_window_scaling is on.
 * - tcp_wmem[1] is the send buffer a socket starts with (tcp_init_sock()).
 * - tcp_syn_retries plus tcp_syn_linear_timeouts is how many times a SYN is retransmitted, the
 *   first tcp_syn_linear_timeouts + 1 waits one initial RTO each, then doubling
 *   (tcp_write_timeout(), tcp_retransmit_timer(); commit ccce324dabfe, Linux 6.5):
 *   SYNs at 0, 1, 2, 3, 4, 5, 7, 11, 19, 35, 67 s and ETIMEDOUT at 131 s.
 * - tcp_synack_retries counts SYN-ACK retransmissions, always doubling (linear timeouts apply
 *   to SYN-SENT only).
 * - tcp_syncookies: 0 never, 1 when the listener's SYN queue is full, 2 always.
 * - net.core.somaxconn caps listen()'s backlog (__sys_listen()), and the backlog bounds both
 *   the accept queue and, with cookies on, the SYN queue (inet_csk_reqsk_queue_is_full()).
 * - tcp_timestamps, tcp_sack, tcp_fin_timeout, tcp_retries2, tcp_fastopen as named.
 */
import { profiles, type Profile, type SynCookies } from '../engine';

export interface LinuxSysctls {
  /** net.ipv4.tcp_rmem: min, default, max receive buffer (bytes). */
  readonly tcp_rmem: readonly [number, number, number];
  /** net.ipv4.tcp_wmem: min, default, max send buffer (bytes). */
  readonly tcp_wmem: readonly [number, number, number];
  /** net.core.rmem_max (bytes). */
  readonly rmem_max: number;
  readonly tcp_window_scaling: 0 | 1;
  /** 0 off, 1 on with a random offset per connection, 2 on without. */
  readonly tcp_timestamps: 0 | 1 | 2;
  readonly tcp_sack: 0 | 1;
  readonly tcp_syn_retries: number;
  readonly tcp_syn_linear_timeouts: number;
  readonly tcp_synack_retries: number;
  readonly tcp_syncookies: 0 | 1 | 2;
  /** net.core.somaxconn: the largest listen() backlog. */
  readonly somaxconn: number;
  /** Seconds an orphaned FIN-WAIT-2 connection lives. */
  readonly tcp_fin_timeout: number;
  /** Retransmissions of data before the connection fails. */
  readonly tcp_retries2: number;
  readonly tcp_fastopen: number;
}

/** A Linux 6.x kernel as it boots (ip-sysctl.rst; rmem_max is 212992 on 64-bit builds). */
export const LINUX_6_DEFAULTS: LinuxSysctls = {
  tcp_rmem: [4096, 131072, 6291456],
  tcp_wmem: [4096, 16384, 4194304],
  rmem_max: 212992,
  tcp_window_scaling: 1,
  tcp_timestamps: 1,
  tcp_sack: 1,
  tcp_syn_retries: 6,
  tcp_syn_linear_timeouts: 4,
  tcp_synack_retries: 5,
  tcp_syncookies: 1,
  somaxconn: 4096,
  tcp_fin_timeout: 60,
  tcp_retries2: 15,
  tcp_fastopen: 1,
};

/** TCP_MAX_WSCALE (tcp.h). */
const MAX_WSCALE = 14;
/** The largest unscaled window field. */
const MAX_UNSCALED_WINDOW = 65535;
/** Doublings up to 128 × the initial RTO; the last repeats, and TCP_RTO_MAX (120 s) caps it. */
const DOUBLINGS = 7;

export interface LinuxHost {
  readonly profile: Profile;
  readonly synCookies: SynCookies;
  /** The largest backlog listen() grants. */
  readonly maxBacklog: number;
}

/** SYN-ACK waits always double: the linear timeouts are for SYN-SENT (tcp_retransmit_timer()). */
const SYNACK_BACKOFF = Array.from({ length: DOUBLINGS + 1 }, (_, i) => 2 ** i);

/** floor(log2(n)) for n ≥ 1. */
const ilog2 = (n: number): number => Math.floor(Math.log2(n));

/** tcp_select_initial_window(): the shift that lets the largest buffer be advertised. */
export function windowScaleFor(s: LinuxSysctls): number | null {
  if (s.tcp_window_scaling === 0) return null;
  const space = Math.max(s.tcp_rmem[2], s.rmem_max);
  return Math.min(MAX_WSCALE, Math.max(0, ilog2(space) - 15));
}

/** The SYN's window: half the receive buffer in whole MSS, at most 65535. */
export function synWindowFor(s: LinuxSysctls, mss: number): number {
  const space = Math.floor(s.tcp_rmem[1] / 2);
  return Math.min(MAX_UNSCALED_WINDOW, Math.floor(space / mss) * mss);
}

/** Multipliers of the initial RTO for successive SYN waits: linear first, then doubling. */
export function synBackoffFor(s: LinuxSysctls): number[] {
  const linear = Array.from({ length: s.tcp_syn_linear_timeouts + 1 }, () => 1);
  const doubling = Array.from({ length: DOUBLINGS }, (_, i) => 2 ** (i + 1));
  return [...linear, ...doubling];
}

/** The kernel reads these sysctls as C ints (proc_dointvec). */
const INT_MAX = 2 ** 31 - 1;

/** A sysctl that holds one number, or three (min, default, max) as tcp_rmem and tcp_wmem do. */
export type SysctlName = keyof LinuxSysctls;
export type TripleSysctl = 'tcp_rmem' | 'tcp_wmem';
const TRIPLES: readonly SysctlName[] = ['tcp_rmem', 'tcp_wmem'];
export const isTriple = (name: SysctlName): name is TripleSysctl => TRIPLES.includes(name);

/**
 * The values each sysctl takes: the kernel's own bounds where it has them (ip-sysctl.rst;
 * proc_dointvec_minmax), 0/1 for the switches, a C int otherwise. Sizes start at 1 byte.
 */
export const SYSCTL_RANGES: Readonly<Record<SysctlName, { min: number; max: number }>> = {
  tcp_rmem: { min: 1, max: INT_MAX },
  tcp_wmem: { min: 1, max: INT_MAX },
  rmem_max: { min: 1, max: INT_MAX },
  tcp_window_scaling: { min: 0, max: 1 },
  tcp_timestamps: { min: 0, max: 2 },
  tcp_sack: { min: 0, max: 1 },
  tcp_syn_retries: { min: 1, max: 127 }, // ip-sysctl: "should not be higher than 127"
  tcp_syn_linear_timeouts: { min: 0, max: 127 },
  tcp_synack_retries: { min: 0, max: 255 },
  tcp_syncookies: { min: 0, max: 2 },
  somaxconn: { min: 0, max: INT_MAX },
  tcp_fin_timeout: { min: 0, max: INT_MAX },
  tcp_retries2: { min: 0, max: 255 },
  tcp_fastopen: { min: 0, max: INT_MAX },
};

/** Every sysctl, in the order the docs and the profile details list them. */
export const SYSCTL_NAMES = Object.keys(SYSCTL_RANGES) as SysctlName[];

/** The problem with one value of a sysctl, or null when the kernel would take it. */
export function sysctlValueProblem(name: SysctlName, value: unknown): string | null {
  const { min, max } = SYSCTL_RANGES[name];
  const ok = (v: unknown): boolean =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
  if (isTriple(name)) {
    if (Array.isArray(value) && value.length === 3 && value.every(ok)) return null;
    return `must be three whole numbers (min, default, max) from ${min} to ${max}`;
  }
  return ok(value) ? null : `must be a whole number from ${min} to ${max}`;
}

/** The sysctls that are not usable values, named; empty when all are usable. */
export function sysctlProblems(s: LinuxSysctls): string[] {
  const problems: string[] = [];
  for (const name of SYSCTL_NAMES) {
    const value = s[name];
    if (isTriple(name)) {
      const { min, max } = SYSCTL_RANGES[name];
      (value as readonly number[]).forEach((v, i) => {
        if (!Number.isInteger(v) || v < min || v > max) {
          problems.push(`${name}[${i}]: must be a whole number from ${min} to ${max}`);
        }
      });
      continue;
    }
    const problem = sysctlValueProblem(name, value);
    if (problem !== null) problems.push(`${name}: ${problem}`);
  }
  return problems;
}

export type SysctlChanges = Partial<LinuxSysctls>;

/**
 * Sysctl changes as JSON (a scenario's `sysctls`): each known name with a usable value, and
 * a problem, relative to the object, for every other field.
 */
export function readSysctlChanges(value: unknown): {
  changes: SysctlChanges;
  problems: { field: string; problem: string }[];
} {
  const problems: { field: string; problem: string }[] = [];
  const changes: Record<string, unknown> = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { changes, problems: [{ field: '', problem: 'must be an object of sysctls' }] };
  }
  for (const [field, v] of Object.entries(value as Record<string, unknown>)) {
    if (!(SYSCTL_NAMES as string[]).includes(field)) {
      problems.push({
        field,
        problem: `unknown sysctl (expected one of ${SYSCTL_NAMES.join(', ')})`,
      });
      continue;
    }
    const problem = sysctlValueProblem(field as SysctlName, v);
    if (problem !== null) problems.push({ field, problem });
    else changes[field] = isTriple(field as SysctlName) ? [...(v as number[])] : v;
  }
  return { changes: changes as SysctlChanges, problems };
}

/** The host a Linux kernel with these sysctls is; `mss` comes from the link (MTU − 40). */
export function linuxHost(changes: SysctlChanges = {}, mss = 1460): LinuxHost {
  const s: LinuxSysctls = { ...LINUX_6_DEFAULTS, ...changes };
  const base = profiles.linux;
  const profile: Profile = {
    ...base,
    mss,
    windowScale: windowScaleFor(s),
    timestamps: s.tcp_timestamps !== 0,
    sackPermitted: s.tcp_sack === 1,
    synWindow: synWindowFor(s, mss),
    receiveBuffer: s.tcp_rmem[1],
    sendBuffer: s.tcp_wmem[1],
    synRetries: s.tcp_syn_retries + s.tcp_syn_linear_timeouts,
    synBackoff: synBackoffFor(s),
    synAckBackoff: SYNACK_BACKOFF,
    synAckRetries: s.tcp_synack_retries,
    finWait2TimeoutMs: s.tcp_fin_timeout * 1000,
    dataRetries: s.tcp_retries2,
    fastOpen: s.tcp_fastopen,
  };
  const synCookies: SynCookies =
    s.tcp_syncookies === 0 ? 'never' : s.tcp_syncookies === 1 ? 'on-overflow' : 'always';
  return { profile, synCookies, maxBacklog: s.somaxconn };
}

/**
 * The profile fields each sysctl sets (linuxHost() derives them): the packetdrill runner applies
 * a sysctl line as these fields, and the profile details name the sysctl beside each. The
 * host's SYN cookies and largest backlog are not profile fields (tcp_syncookies, somaxconn).
 */
export const SYSCTL_DRIVES: Readonly<Record<SysctlName, readonly (keyof Profile)[]>> = {
  tcp_rmem: ['receiveBuffer', 'synWindow', 'windowScale'],
  tcp_wmem: ['sendBuffer'],
  rmem_max: ['windowScale'],
  tcp_window_scaling: ['windowScale'],
  tcp_timestamps: ['timestamps'],
  tcp_sack: ['sackPermitted'],
  tcp_syn_retries: ['synRetries'],
  tcp_syn_linear_timeouts: ['synRetries', 'synBackoff'],
  tcp_synack_retries: ['synAckRetries'],
  tcp_syncookies: [],
  somaxconn: [],
  tcp_fin_timeout: ['finWait2TimeoutMs'],
  tcp_retries2: ['dataRetries'],
  tcp_fastopen: ['fastOpen'],
};
