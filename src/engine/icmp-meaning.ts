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
    };

const IGNORE: IcmpMeaning = { kind: 'ignore' };
const PATH_MTU: IcmpMeaning = { kind: 'path-mtu' };

function error(errno: Errno, hard: boolean, unreachable: boolean, dropsRequest: boolean) {
  return { kind: 'error', errno, hard, unreachable, dropsRequest } as const;
}

/** ICMP Destination Unreachable codes 0–15 (RFC 792, RFC 1812 §5.2.7.1), as icmp_err_convert[]. */
const V4_UNREACHABLE: readonly Errno[] = [
  'ENETUNREACH', // 0 net unreachable
  'EHOSTUNREACH', // 1 host unreachable
  'ENOPROTOOPT', // 2 protocol unreachable
  'ECONNREFUSED', // 3 port unreachable
  'EMSGSIZE', // 4 fragmentation needed (the path MTU, handled apart)
  'EOPNOTSUPP', // 5 source route failed
  'ENETUNREACH', // 6 destination network unknown
  'EHOSTDOWN', // 7 destination host unknown
  'ENONET', // 8 source host isolated
  'ENETUNREACH', // 9 network administratively prohibited
  'EHOSTUNREACH', // 10 host administratively prohibited
  'ENETUNREACH', // 11 network unreachable for TOS
  'EHOSTUNREACH', // 12 host unreachable for TOS
  'EHOSTUNREACH', // 13 communication administratively prohibited
  'EHOSTUNREACH', // 14 host precedence violation
  'EHOSTUNREACH', // 15 precedence cutoff in effect
];

/** ICMPv6 Destination Unreachable codes 0–6 (RFC 4443 §3.1), as icmpv6_err_convert()'s table. */
const V6_UNREACHABLE: readonly { readonly errno: Errno; readonly fatal: boolean }[] = [
  { errno: 'ENETUNREACH', fatal: false }, // 0 no route to destination
  { errno: 'EACCES', fatal: true }, // 1 administratively prohibited
  { errno: 'EHOSTUNREACH', fatal: false }, // 2 beyond scope of source address
  { errno: 'EHOSTUNREACH', fatal: false }, // 3 address unreachable
  { errno: 'ECONNREFUSED', fatal: true }, // 4 port unreachable
  { errno: 'EACCES', fatal: true }, // 5 source address failed policy
  { errno: 'EACCES', fatal: true }, // 6 reject route to destination
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
      const errno = V4_UNREACHABLE[code];
      if (errno === undefined) return IGNORE; // tcp_v4_err(): code > NR_ICMP_UNREACH
      // RFC 9293 §3.9.2.2: codes 2–4 are hard (4 is the path MTU's now); 0, 1, 5 soft. The
      // RFC names no class for 6–15; they are kept soft, as MUST-56 errs on the safe side.
      const unreachable = code === 0 || code === 1;
      return error(errno, code === 2 || code === 3, unreachable, unreachable);
    }
    case t.timeExceeded:
      return error('EHOSTUNREACH', false, false, true);
    case t.parameterProblem:
      return error('EPROTO', false, false, true);
    default:
      return IGNORE; // Source Quench (MUST-55: silently discard), Redirect, the rest
  }
}

function meaningV6(type: number, code: number): IcmpMeaning {
  const t = ICMP_TYPES[6];
  switch (type) {
    case t.unreachable: {
      const entry = V6_UNREACHABLE[code] ?? { errno: 'EPROTO', fatal: true };
      // RFC 9293 §3.9.2.2: codes 0 and 3 are soft; RFC 5461 §2 counts 1 (prohibited) and 4
      // (port unreachable) as hard, as ICMP's protocol and port unreachable.
      return error(entry.errno, code === 1 || code === 4, code === 0 || code === 3, entry.fatal);
    }
    case t.packetTooBig:
      return PATH_MTU;
    case t.timeExceeded:
      return error('EHOSTUNREACH', false, false, false);
    case t.parameterProblem:
      return error('EPROTO', false, false, true);
    default:
      return IGNORE; // informational messages (128 and up) never reach TCP
  }
}

export function icmpMeaning(version: IpFamily, type: number, code: number): IcmpMeaning {
  return version === 4 ? meaningV4(type, code) : meaningV6(type, code);
}
