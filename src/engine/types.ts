/**
 * The engine's public vocabulary: sequence numbers, segments, options, states and the
 * inputs and outputs of one engine step. Everything here is plain data, so a trace,
 * a checkpoint or a test fixture can hold it. The engine is sans-IO (DESIGN.md): the
 * caller brings time and packets in, and carries segments, timers and events out.
 */
import type { IpFields } from './ip-fields';

/**
 * A 32-bit sequence number. Branded so that plain numbers cannot be compared with
 * `<` by accident: every comparison goes through the modulo-2^32 helpers in seq.ts
 * (RFC 9293 §3.4, "all arithmetic dealing with sequence numbers must be performed
 * modulo 2**32").
 */
export type Seq = number & { readonly __brand: 'Seq' };

/** The eleven connection states, spelled as RFC 9293 §3.3.2 spells them. */
export type TcpState =
  | 'CLOSED'
  | 'LISTEN'
  | 'SYN-SENT'
  | 'SYN-RECEIVED'
  | 'ESTABLISHED'
  | 'FIN-WAIT-1'
  | 'FIN-WAIT-2'
  | 'CLOSE-WAIT'
  | 'CLOSING'
  | 'LAST-ACK'
  | 'TIME-WAIT';

/** Control bits in the order of the header's flag byte (RFC 9293 §3.1, RFC 3168). */
export type FlagName = 'FIN' | 'SYN' | 'RST' | 'PSH' | 'ACK' | 'URG' | 'ECE' | 'CWR';

/** Bit values of the flag byte; a segment's `flags` is their bitwise OR. */
export const Flag = {
  FIN: 0x01,
  SYN: 0x02,
  RST: 0x04,
  PSH: 0x08,
  ACK: 0x10,
  URG: 0x20,
  ECE: 0x40,
  CWR: 0x80,
} as const satisfies Record<FlagName, number>;

/** A decoded TCP option (RFC 9293 §3.2, RFC 7323, RFC 2018). */
export type TcpOption =
  | { readonly kind: 'eol' }
  | { readonly kind: 'nop' }
  | { readonly kind: 'mss'; readonly value: number }
  | { readonly kind: 'wscale'; readonly shift: number }
  | { readonly kind: 'sackOK' }
  | { readonly kind: 'sack'; readonly blocks: readonly (readonly [Seq, Seq])[] }
  | { readonly kind: 'ts'; readonly val: number; readonly ecr: number }
  | { readonly kind: 'unknown'; readonly type: number; readonly data: readonly number[] };

/** A TCP segment as it crosses the wire, without the IP header. */
export interface Segment {
  readonly srcPort: number;
  readonly dstPort: number;
  readonly seq: Seq;
  readonly ack: Seq;
  /** Bitwise OR of `Flag` values. */
  readonly flags: number;
  /** The raw 16-bit window field (unscaled on the wire; RFC 7323 §2.2). */
  readonly window: number;
  readonly urgent: number;
  readonly options: readonly TcpOption[];
  readonly payload: Uint8Array;
}

/** An IP packet carrying one segment: the addresses are the demultiplexing key. */
export interface Packet {
  /** Dotted-quad IPv4 source address. */
  readonly src: string;
  readonly dst: string;
  readonly segment: Segment;
  /** TTL and TOS the sender chose; absent for the default header (ip-fields.ts). */
  readonly ip?: IpFields;
  /** The segment travels inside UDP between these ports (TCP over UDP, udp-tunnel.ts). */
  readonly udp?: UdpPorts;
}

/** The ports of the UDP header a segment is encapsulated in (RFC 768). */
export interface UdpPorts {
  readonly srcPort: number;
  readonly dstPort: number;
}

/** Errors as a socket reports them. */
export type Errno =
  | 'ECONNREFUSED'
  | 'ECONNRESET'
  | 'ETIMEDOUT'
  | 'EPIPE'
  | 'ENOTCONN'
  | 'EISCONN'
  | 'EADDRINUSE'
  | 'EAGAIN'
  | 'EINVAL'
  | 'EBADF'
  | 'EINPROGRESS'
  | 'EALREADY'
  | 'ECONNABORTED'
  // what ICMP errors become (Linux icmp_err_convert, icmpv6_err_convert; icmp.ts)
  | 'ENETUNREACH'
  | 'EHOSTUNREACH'
  | 'EHOSTDOWN'
  | 'ENONET'
  | 'ENOPROTOOPT'
  | 'EMSGSIZE'
  | 'EOPNOTSUPP'
  | 'EACCES'
  | 'EPROTO';

/**
 * The engine's timers. The simulator's trace names them with the same union (it imports
 * this one). A connection has at most one of each pending.
 */
export type TimerName =
  | 'retransmit'
  | 'loss-probe'
  | 'time-wait'
  | 'delayed-ack'
  | 'fin-wait-2'
  | 'persist'
  | 'keepalive';

/** A socket handle within one host: listeners and connections share the numbering. */
export type SocketId = number;
