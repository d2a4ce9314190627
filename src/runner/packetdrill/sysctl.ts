/**
 * Shell commands in scripts become profile settings: Linux's defaults.sh baseline and
 * set_sysctls.py / `sysctl` assignments, FreeBSD's `sysctl -w net.inet.tcp.*`. Everything
 * else is reported as not applicable with the reason.
 */
import { FastOpenBits } from '../../engine';
import type { Profile } from '../../engine';

export interface Setting {
  readonly profile: Partial<Profile>;
  readonly synCookies?: boolean;
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
  /** Done by the runner when the line runs (`ip tcp_metrics flush`). */
  | { readonly atRun: 'flush-tcp-metrics'; readonly note: string }
  | { readonly readAtUse: string }
  | { readonly notApplicable: string };

const readAtUse = (name: string, value: string): PieceVerdict => ({
  readAtUse: `${name} = ${value}, read by getsockopt on sockets without their own value`,
});

const onOff = (v: string): boolean => Number(v) !== 0;

/**
 * packetdrill's gtests/net/common/defaults.sh (copied in ../shared/conformance): wscale 8 from
 * tcp_rmem max 15 MiB, TS and SACK on, 5 SYN and SYN-ACK retries, SYN cookies on, Fast Open
 * 0x70403 (client, server, every listener) with key a1a1a1a1-b2b2b2b2-c3c3c3c3-d4d4d4d4, and
 * tcp_ecn 0: no ECN either way, so a listener answers an ECN-setup SYN without ECE (Linux
 * tcp_ecn_create_request() marks the request ECN-capable only when sysctl_tcp_ecn is set).
 */
export const LINUX_DEFAULTS_SH: Setting = {
  profile: {
    windowScale: 8,
    timestamps: true,
    sackPermitted: true,
    synRetries: 5,
    synAckRetries: 5,
    fastOpen: 0x70403,
    fastOpenKey: [0xa1a1a1a1, 0xb2b2b2b2, 0xc3c3c3c3, 0xd4d4d4d4],
    ecn: 0,
  },
  synCookies: true,
  note: 'defaults.sh: wscale 8, timestamps on, SACK on, syn_retries 5, synack_retries 5, syncookies 1, tcp_fastopen 0x70403 and its key, tcp_ecn 0',
};

type Rule = (value: string, base: Profile) => PieceVerdict;

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

/** ECN negotiation: 0 off, 1 ask and agree, 2 agree when asked (the same numbers on both). */
function ecnMode(v: string, _base: Profile, what: string): PieceVerdict {
  if (v !== '0' && v !== '1' && v !== '2') {
    return { notApplicable: `${what} = ${v.slice(0, 24)}: only 0, 1 and 2 are modeled` };
  }
  return { setting: { profile: { ecn: Number(v) as 0 | 1 | 2 }, note: `${what} = ${v}` } };
}

const LINUX_RULES: Readonly<Record<string, Rule>> = {
  tcp_syn_retries: int((n) => ({ synRetries: n }), 'tcp_syn_retries'),
  tcp_synack_retries: int((n) => ({ synAckRetries: n }), 'tcp_synack_retries'),
  tcp_timestamps: set((v) => ({ timestamps: onOff(v) }), 'tcp_timestamps'),
  tcp_sack: set((v) => ({ sackPermitted: onOff(v) }), 'tcp_sack'),
  tcp_window_scaling: set(
    (v, base) => ({ windowScale: onOff(v) ? (base.windowScale ?? 7) : null }),
    'tcp_window_scaling',
  ),
  tcp_syncookies: (v) => ({
    setting: { profile: {}, synCookies: onOff(v), note: `tcp_syncookies = ${v}` },
  }),
  tcp_fastopen: int((n) => ({ fastOpen: n }), 'tcp_fastopen'),
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
  keepinit: (v, base) => {
    const verdict = int((n) => ({ connectTimeoutMs: n }), 'net.inet.tcp.keepinit (ms)')(v, base);
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
  'ecn.enable': (v, base) => ecnMode(v, base, 'net.inet.tcp.ecn.enable'),
  'ecn.maxretries': int((n) => ({ ecnSynRetries: n }), 'net.inet.tcp.ecn.maxretries'),
  rexmit_slop: () => ({
    notApplicable: "net.inet.tcp.rexmit_slop: FreeBSD's RTO slop is not modeled",
  }),
  rexmit_drop_options: set(
    (v) => ({ dropSynOptionsAfter: onOff(v) ? 3 : null }),
    'net.inet.tcp.rexmit_drop_options (SYN options dropped after 3 timeouts)',
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
): PieceVerdict {
  const parsed = parseAssignment(assignment);
  if (!parsed) return { notApplicable: `'${assignment}' is not a name=value assignment` };
  const { name, value } = parsed;
  const linux = /^net\.ipv4\.(tcp_\w+)$/.exec(name)?.[1];
  if (linux !== undefined)
    return (LINUX_RULES[linux] ?? (() => NOT_MODELED_KERNEL(name)))(value, base);
  const freebsd = /^net\.inet\.tcp\.(.+)$/.exec(name)?.[1];
  if (freebsd !== undefined) {
    if (!freebsdProfile) {
      return { notApplicable: `${name}: FreeBSD settings apply to the freebsd profile only` };
    }
    return (FREEBSD_RULES[freebsd] ?? (() => NOT_MODELED_KERNEL(name)))(value, base);
  }
  if (name === 'kern.ipc.maxsockbuf') return maxSockBuf(value, base, freebsdProfile);
  return NOT_MODELED_KERNEL(name);
}

/** Splits a command block into its verdicts, one per assignment or shell command. */
export function commandVerdicts(
  command: string,
  base: Profile,
  freebsdProfile: boolean,
): PieceVerdict[] {
  const verdicts: PieceVerdict[] = [];
  for (const piece of joinContinuations(command)
    .split(/\n|;|&&/)
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    verdicts.push(...alternativeVerdicts(piece, base, freebsdProfile));
  }
  return verdicts;
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
): PieceVerdict[] {
  const alternatives = piece
    .split('||')
    .map((a) => a.trim())
    .filter((a) => a !== '');
  const verdicts = alternatives.map((a) => commandVerdict(a, base, freebsdProfile));
  const taken = verdicts.findIndex((v) => v.some((x) => !('notApplicable' in x)));
  if (alternatives.length < 2 || taken < 0) return verdicts.flat();
  return verdicts.flatMap((v, i) =>
    i === taken
      ? v
      : [{ notApplicable: `'${alternatives[i]}' is not run: '||' takes the alternative modeled` }],
  );
}

/** The verdicts of one simple command (a program and its words). */
function commandVerdict(piece: string, base: Profile, freebsdProfile: boolean): PieceVerdict[] {
  const verdicts: PieceVerdict[] = [];
  const words = piece.split(/\s+/).filter((w) => !REDIRECTIONS.has(w));
  const program = words[0] ?? '';
  if (program.endsWith('defaults.sh')) {
    verdicts.push({ setting: LINUX_DEFAULTS_SH });
  } else if (program.endsWith('set_sysctls.py')) {
    for (const a of words.slice(1)) verdicts.push(sysctlVerdict(a, base, freebsdProfile));
  } else if (program === 'sysctl') {
    for (const a of words.slice(1).filter((w) => !w.startsWith('-'))) {
      verdicts.push(sysctlVerdict(a, base, freebsdProfile));
    }
  } else if (program === 'ip' && words[1] === 'tcp_metrics' && words[2] === 'flush') {
    // The TCP metrics hold Linux's Fast Open client cache (tcp_fastopen_cache_set()).
    verdicts.push({
      atRun: 'flush-tcp-metrics',
      note: 'ip tcp_metrics flush: the Fast Open client cookie cache is emptied',
    });
  } else if (/sysctl_restore/.test(program)) {
    verdicts.push({
      notApplicable: "restores the machine's sysctls; a simulation has nothing to restore",
    });
  } else {
    verdicts.push({ notApplicable: `shell command '${program}' is not run by the simulation` });
  }
  return verdicts;
}

/** Output redirections, which change nothing a simulation models. */
const REDIRECTIONS = new Set(['&>', '>', '2>', '/dev/null', '2>&1', '>/dev/null', '&>/dev/null']);
