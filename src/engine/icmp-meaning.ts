/**
 * What an ICMP or ICMPv6 error means to TCP: the errno a socket reports, whether RFC 9293
 * §3.9.2.2 calls it a hard error (abort) or a soft one (report), and whether it speaks of the
 * path MTU instead (RFC 1191, RFC 8201). The errno values are Linux's (icmp_err_convert[] in
 * net/ipv4/icmp.c, icmpv6_err_convert() in net/ipv6/icmp.c), which the sockets API reports.
 */
import type { IpFamily } from './ip-address';
import type { Errno } from './types';

export type IcmpMeaning =
  /** Not an error TCP acts on: Source Quench (RFC 9293 MUST-55), Redirect, Echo, unknown codes. */
  | { readonly kind: 'ignore' }
  /** Fragmentation needed (ICMP type 3 code 4) or Packet Too Big (ICMPv6 type 2). */
  | { readonly kind: 'path-mtu' }
  | {
      readonly kind: 'error';
      /** The message in words, e.g. "host unreachable", for the state change's cause. */
      readonly name: string;
      readonly errno: Errno;
      /** RFC 9293 §3.9.2.2 hard error (SHLD-26 abort); otherwise soft (MUST-56: never abort). */
      readonly hard: boolean;
      /** Net or host unreachable: the "connectivity disruption" of RFC 6069 (TCP-LD). */
      readonly unreachable: boolean;
      /**
       * Linux drops a pending connection request over it (tcp_v4_err() → tcp_req_err() for
       * parameter problem, time exceeded, net and host unreachable; tcp_v6_err() for the
       * errors icmpv6_err_convert() calls fatal).
       */
      readonly dropsRequest: boolean;
      /**
       * FreeBSD drops a SYN-SENT connection over it (net.inet.tcp.icmp_may_rst: protocol and
       * port unreachable, administratively prohibited, time exceeded → tcp_drop_syn_sent()).
       */
      readonly dropsSynSent: boolean;
    };

const IGNORE: IcmpMeaning = { kind: 'ignore' };
const PATH_MTU: IcmpMeaning = { kind: 'path-mtu' };

function error(
  name: string,
  errno: Errno,
  hard: boolean,
  unreachable: boolean,
  dropsRequest: boolean,
  dropsSynSent: boolean,
) {
  return { kind: 'error', name, errno, hard, unreachable, dropsRequest, dropsSynSent } as const;
}

/** ICMP unreachable codes FreeBSD's tcp_ctlinput() sends to tcp_drop_syn_sent(). */
const V4_DROPS_SYN_SENT: readonly number[] = [2, 3, 9, 10, 13];

/** ICMP Destination Unreachable codes 0–15 (RFC 792, RFC 1812 §5.2.7.1), as icmp_err_convert[]. */
const V4_UNREACHABLE: readonly (readonly [name: string, errno: Errno])[] = [
  ['net unreachable', 'ENETUNREACH'],
  ['host unreachable', 'EHOSTUNREACH'],
  ['protocol unreachable', 'ENOPROTOOPT'],
  ['port unreachable', 'ECONNREFUSED'],
  ['fragmentation needed', 'EMSGSIZE'], // the path MTU's, handled apart
  ['source route failed', 'EOPNOTSUPP'],
  ['destination network unknown', 'ENETUNREACH'],
  ['destination host unknown', 'EHOSTDOWN'],
  ['source host isolated', 'ENONET'],
  ['network administratively prohibited', 'ENETUNREACH'],
  ['host administratively prohibited', 'EHOSTUNREACH'],
  ['network unreachable for TOS', 'ENETUNREACH'],
  ['host unreachable for TOS', 'EHOSTUNREACH'],
  ['communication administratively prohibited', 'EHOSTUNREACH'],
  ['host precedence violation', 'EHOSTUNREACH'],
  ['precedence cutoff in effect', 'EHOSTUNREACH'],
];

/** ICMPv6 Destination Unreachable codes 0–6 (RFC 4443 §3.1), as icmpv6_err_convert()'s table. */
const V6_UNREACHABLE: readonly {
  readonly name: string;
  readonly errno: Errno;
  readonly fatal: boolean;
}[] = [
  { name: 'no route to destination', errno: 'ENETUNREACH', fatal: false },
  { name: 'administratively prohibited', errno: 'EACCES', fatal: true },
  { name: 'beyond scope of source address', errno: 'EHOSTUNREACH', fatal: false },
  { name: 'address unreachable', errno: 'EHOSTUNREACH', fatal: false },
  { name: 'port unreachable', errno: 'ECONNREFUSED', fatal: true },
  { name: 'source address failed policy', errno: 'EACCES', fatal: true },
  { name: 'reject route to destination', errno: 'EACCES', fatal: true },
];

export const ICMP_TYPES = {
  4: { unreachable: 3, sourceQuench: 4, timeExceeded: 11, parameterProblem: 12 },
  6: { unreachable: 1, packetTooBig: 2, timeExceeded: 3, parameterProblem: 4 },
} as const;

/** ICMP (IPv4) type 3 code 4: fragmentation needed and DF set (RFC 1191 §4). */
export const FRAGMENTATION_NEEDED = 4;

function meaningV4(type: number, code: number): IcmpMeaning {
  const t = ICMP_TYPES[4];
  switch (type) {
    case t.unreachable: {
      if (code === FRAGMENTATION_NEEDED) return PATH_MTU;
      const entry = V4_UNREACHABLE[code];
      if (entry === undefined) return IGNORE; // tcp_v4_err(): code > NR_ICMP_UNREACH
      const [name, errno] = entry;
      // RFC 9293 §3.9.2.2: codes 2–4 are hard (4 is the path MTU's now); 0, 1, 5 soft. The
      // RFC names no class for 6–15; they are kept soft, as MUST-56 errs on the safe side.
      const unreachable = code === 0 || code === 1;
      const hard = code === 2 || code === 3;
      return error(name, errno, hard, unreachable, unreachable, V4_DROPS_SYN_SENT.includes(code));
    }
    case t.timeExceeded:
      return error('time exceeded', 'EHOSTUNREACH', false, false, true, true);
    case t.parameterProblem:
      return error('parameter problem', 'EPROTO', false, false, true, false);
    default:
      return IGNORE; // Source Quench (MUST-55: silently discard), Redirect, the rest
  }
}

function meaningV6(type: number, code: number): IcmpMeaning {
  const t = ICMP_TYPES[6];
  switch (type) {
    case t.unreachable: {
      const entry = V6_UNREACHABLE[code] ?? {
        name: `destination unreachable code ${code}`,
        errno: 'EPROTO',
        fatal: true,
      };
      // RFC 9293 §3.9.2.2: codes 0 and 3 are soft; RFC 5461 §2 counts 1 (prohibited) and 4
      // (port unreachable) as hard, as ICMP's protocol and port unreachable.
      const hard = code === 1 || code === 4;
      return error(entry.name, entry.errno, hard, code === 0 || code === 3, entry.fatal, hard);
    }
    case t.packetTooBig:
      return PATH_MTU;
    case t.timeExceeded:
      return error('time exceeded', 'EHOSTUNREACH', false, false, false, true);
    case t.parameterProblem:
      return error('parameter problem', 'EPROTO', false, false, true, false);
    default:
      return IGNORE; // informational messages (128 and up) never reach TCP
  }
}

export function icmpMeaning(version: IpFamily, type: number, code: number): IcmpMeaning {
  return version === 4 ? meaningV4(type, code) : meaningV6(type, code);
}
