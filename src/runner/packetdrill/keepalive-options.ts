/**
 * The keepalive socket options TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT and FreeBSD's
 * TCP_KEEPINIT, as the socket layer keeps them: a value set on the socket wins, otherwise
 * getsockopt reads the system-wide sysctl at the time of the call (FreeBSD's TP_KEEPIDLE()
 * family of macros in tcp_timer.h; Linux keepalive_time_when(), keepalive_intvl_when(),
 * keepalive_probes() in tcp.h). A sysctl line therefore changes what later getsockopt calls
 * read even after the first socket exists. TCP_KEEPINIT, FreeBSD's limit on a connection
 * attempt, reaches the engine as profile connectTimeoutMs; the other three as the socket's
 * keep-alive settings (engineKeepalive), which FreeBSD applies to every socket.
 */
import type { KeepaliveSettings } from '../../engine';
import type { Script, SyscallSpec } from '../../wire/packetdrill/ast';
import type { FdEntry, RunContext } from './run-context';
import { sysctlAssignments } from './sysctl';

export type KeepaliveOption = 'TCP_KEEPIDLE' | 'TCP_KEEPINTVL' | 'TCP_KEEPCNT' | 'TCP_KEEPINIT';

interface OptionFacts {
  /** FreeBSD sysctl (milliseconds, or a count) and its default (tcp_timer.h). */
  readonly freebsd: {
    readonly sysctl: string;
    readonly perSecond: number;
    readonly byDefault: number;
  };
  /** Linux sysctl (seconds, or a count), its default (tcp.h), and setsockopt's upper bound. */
  readonly linux: {
    readonly sysctl: string;
    readonly byDefault: number;
    readonly max: number;
  } | null;
}

const FACTS: Readonly<Record<KeepaliveOption, OptionFacts>> = {
  // TCPTV_KEEP_IDLE 2 h; TCP_KEEPALIVE_TIME 2 h, MAX_TCP_KEEPIDLE 32767 s.
  TCP_KEEPIDLE: {
    freebsd: { sysctl: 'net.inet.tcp.keepidle', perSecond: 1000, byDefault: 7_200_000 },
    linux: { sysctl: 'net.ipv4.tcp_keepalive_time', byDefault: 7200, max: 32767 },
  },
  // TCPTV_KEEPINTVL 75 s; TCP_KEEPALIVE_INTVL 75 s, MAX_TCP_KEEPINTVL 32767 s.
  TCP_KEEPINTVL: {
    freebsd: { sysctl: 'net.inet.tcp.keepintvl', perSecond: 1000, byDefault: 75_000 },
    linux: { sysctl: 'net.ipv4.tcp_keepalive_intvl', byDefault: 75, max: 32767 },
  },
  // TCPTV_KEEPCNT 8; TCP_KEEPALIVE_PROBES 9, MAX_TCP_KEEPCNT 127.
  TCP_KEEPCNT: {
    freebsd: { sysctl: 'net.inet.tcp.keepcnt', perSecond: 1, byDefault: 8 },
    linux: { sysctl: 'net.ipv4.tcp_keepalive_probes', byDefault: 9, max: 127 },
  },
  // TCPTV_KEEP_INIT 75 s; Linux has no TCP_KEEPINIT (ENOPROTOOPT).
  TCP_KEEPINIT: {
    freebsd: { sysctl: 'net.inet.tcp.keepinit', perSecond: 1000, byDefault: 75_000 },
    linux: null,
  },
};

export function isKeepaliveOption(name: string): name is KeepaliveOption {
  return name in FACTS;
}

/** The sysctls this module reads, so a late sysctl line can say it was applied. */
export const KEEPALIVE_SYSCTLS: ReadonlySet<string> = new Set(
  Object.values(FACTS).flatMap((f) => [f.freebsd.sysctl, ...(f.linux ? [f.linux.sysctl] : [])]),
);

/** Values set with setsockopt, per socket (in seconds, or a count). */
const perSocket = new WeakMap<FdEntry, Partial<Record<KeepaliveOption, number>>>();

/** An accepted socket starts with its listener's values (FreeBSD syncache_socket(), Linux sk_clone). */
export function inheritKeepalive(child: FdEntry, listener: FdEntry): void {
  const values = perSocket.get(listener);
  if (values) perSocket.set(child, { ...values });
}

/** setsockopt: the errno for a value the kernel refuses, or null once it is stored. */
export function setKeepalive(
  entry: FdEntry,
  name: KeepaliveOption,
  value: number,
  freebsd: boolean,
): 'EINVAL' | 'ENOPROTOOPT' | null {
  const facts = FACTS[name];
  if (freebsd) {
    // tcp_default_ctloutput(): the value times hz must fit an int.
    if (value < 0 || value * 1000 > 2 ** 31 - 1) return 'EINVAL';
  } else {
    if (facts.linux === null) return 'ENOPROTOOPT';
    // do_tcp_setsockopt(): 1 ≤ value ≤ MAX_TCP_KEEP*.
    if (value < 1 || value > facts.linux.max) return 'EINVAL';
  }
  perSocket.set(entry, { ...perSocket.get(entry), [name]: value });
  return null;
}

/** The value of the sysctl as the script's command lines before event `index` left it. */
function sysctlAt(script: Script, index: number, sysctl: string): number | null {
  let value: number | null = null;
  script.events.slice(0, index).forEach((event) => {
    if (event.action.type !== 'command') return;
    for (const a of sysctlAssignments(event.action.command)) {
      if (a.name === sysctl && /^\d+$/.test(a.value)) value = Number(a.value);
    }
  });
  return value;
}

/** getsockopt: the value in seconds (or a count), or the errno. */
export function getKeepalive(
  entry: FdEntry,
  name: KeepaliveOption,
  script: Script,
  index: number,
  freebsd: boolean,
): number | 'ENOPROTOOPT' {
  const own = perSocket.get(entry)?.[name];
  if (own !== undefined) return own;
  const facts = FACTS[name];
  if (freebsd) {
    const raw = sysctlAt(script, index, facts.freebsd.sysctl) ?? facts.freebsd.byDefault;
    return Math.floor(raw / facts.freebsd.perSecond);
  }
  if (facts.linux === null) return 'ENOPROTOOPT';
  return sysctlAt(script, index, facts.linux.sysctl) ?? facts.linux.byDefault;
}

/**
 * FreeBSD's net.inet.tcp.always_keepalive, default 1 (tcp_timer.c): tcp_timer_keep() probes
 * when `V_tcp_always_keepalive || so_options & SO_KEEPALIVE`, so every FreeBSD socket
 * sends keep-alives without SO_KEEPALIVE. Linux probes only with SO_KEEPALIVE
 * (tcp_keepalive_timer() checks sock_flag(sk, SOCK_KEEPOPEN)), which the runner does not take.
 */
const ALWAYS_KEEPALIVE = { sysctl: 'net.inet.tcp.always_keepalive', byDefault: 1 };

/**
 * The keep-alive settings the engine gets for the socket as event `index` finds it: its own
 * TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT or the sysctls (TP_KEEPIDLE() and its family read
 * them when the timer runs; here they are read when the socket or an option changes), or
 * null when the stack sends none.
 */
export function engineKeepalive(
  entry: FdEntry,
  script: Script,
  index: number,
  freebsd: boolean,
): KeepaliveSettings | null {
  if (!freebsd) return null;
  if ((sysctlAt(script, index, ALWAYS_KEEPALIVE.sysctl) ?? ALWAYS_KEEPALIVE.byDefault) === 0) {
    return null;
  }
  const read = (name: KeepaliveOption): number => {
    const v = getKeepalive(entry, name, script, index, true);
    return typeof v === 'number' ? v : 0;
  };
  return {
    idleMs: read('TCP_KEEPIDLE') * 1000,
    intervalMs: read('TCP_KEEPINTVL') * 1000,
    probes: read('TCP_KEEPCNT'),
  };
}

/**
 * Hands the socket's keep-alive settings to the engine (engineKeepalive) after the call
 * `spec`: to its connection or listener if it has one, and to its connect() or listen().
 */
export function applyKeepalive(
  ctx: RunContext,
  entry: FdEntry,
  spec: SyscallSpec,
  freebsd: boolean,
): void {
  const index = ctx.script.events.findIndex(
    (e) => e.action.type === 'syscall' && e.action.syscall === spec,
  );
  const keepalive = engineKeepalive(entry, ctx.script, index + 1, freebsd);
  const { keepalive: _, ...rest } = entry.options;
  entry.options = keepalive === null ? rest : { ...rest, keepalive };
  if (entry.socket !== null) {
    ctx.world.call({ call: 'setKeepalive', socket: entry.socket, keepalive });
  }
}
