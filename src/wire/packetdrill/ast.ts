/**
 * The typed syntax tree of a packetdrill script: the subset of packetdrill's grammar
 * (google/packetdrill parser.y, condensed in ../shared/conformance/FORMAT.md) that this
 * project reads. Plain data, no behaviour: the parser builds it, the runner walks it, and
 * the app may render it.
 */

/** A position in the script, 1-based, counted in characters of the original text. */
export interface SourceLocation {
  readonly line: number;
  readonly column: number;
}

/**
 * When an event happens. Times are integer microseconds, as packetdrill keeps them.
 * `none` is for shell commands written without a time (the init and cleanup commands).
 */
export type EventTime =
  | { readonly kind: 'absolute'; readonly usecs: number }
  | { readonly kind: 'relative'; readonly usecs: number }
  | { readonly kind: 'any' }
  | {
      readonly kind: 'range';
      readonly relative: boolean;
      readonly startUsecs: number;
      readonly endUsecs: number;
    }
  | { readonly kind: 'none' };

/** A TCP option as a script writes it. Numbers are script values (not yet mapped). */
export type ScriptTcpOption =
  | { readonly kind: 'nop' }
  | { readonly kind: 'eol' }
  | { readonly kind: 'mss'; readonly value: number }
  | { readonly kind: 'wscale'; readonly shift: number }
  | { readonly kind: 'sackOK' }
  | { readonly kind: 'sack'; readonly blocks: readonly (readonly [number, number])[] }
  | { readonly kind: 'ts'; readonly val: number; readonly ecr: number }
  /** TCP Fast Open: `FO` is kind 34 (RFC 7413), `FOEXP` the experimental kind 254. */
  | {
      readonly kind: 'fastopen';
      readonly experimental: boolean;
      /** Lowercase hex of the cookie, '' for a cookie request, or null for an unresolved symbol. */
      readonly cookie: string | null;
      readonly symbol?: string;
    }
  /** TCP-MD5 (RFC 2385): a digest in hex, or 'valid' / 'invalid' for one computed from the key. */
  | { readonly kind: 'md5'; readonly digest: string }
  /** An option the script grammar cannot write; only found in segments the engine sent. */
  | { readonly kind: 'raw'; readonly type: number; readonly data: string };

/** `<...>`: the script does not check the options of this outbound segment. */
export type ScriptOptions = readonly ScriptTcpOption[] | 'unchecked';

/** IP fields a packet line names before its flags (`(ttl 4)`, `[ect0]`); null = not named. */
export interface IpSpec {
  /** IPv4 TTL or IPv6 hop limit (`ttl`, `hlim`). */
  readonly ttl: number | null;
  /** TOS byte / traffic class bits named (`tos`, `class`: all; `dscp`: 0xfc; ECN: 0x03). */
  readonly tos: { readonly value: number; readonly mask: number } | null;
  /** `ect01`: either ECT codepoint. */
  readonly ect01: boolean;
  readonly flowLabel: number | null;
}

/** `/udp(src > dst)`: the segment travels encapsulated in UDP between these ports. */
export interface UdpEncapsulation {
  readonly srcPort: number;
  readonly dstPort: number;
}

export interface PacketSpec {
  /** `<` injects a segment into the stack under test; `>` expects one from it. */
  readonly direction: 'inbound' | 'outbound';
  /** Bitwise OR of the engine's `Flag` values; `.` is ACK, `-` is no flag at all. */
  readonly flags: number;
  /** The flags exactly as written, e.g. `S.` or `P.`. */
  readonly flagsText: string;
  /** The AccECN AE bit (`A`), which the engine has no field for. */
  readonly ae: boolean;
  readonly seqStart: number;
  readonly seqEnd: number;
  /** Payload bytes; SYN and FIN are not counted (FORMAT.md, "Sequence field"). */
  readonly payloadLength: number;
  readonly ack: number | null;
  /** The raw 16-bit window field; null on an outbound line means "not checked". */
  readonly window: number | null;
  readonly urgent: number | null;
  /** No option list written means "no options" (an empty list, not a wildcard). */
  readonly options: ScriptOptions;
  /** `start:end(len)!`: the sequence numbers are absolute, not relative to the ISN. */
  readonly absoluteSeq?: boolean;
  readonly ip?: IpSpec;
  readonly udp?: UdpEncapsulation;
}

/**
 * `< icmp unreachable host_unreachable mtu 800 [0:10(10)]`: an ICMP error the script injects
 * (packetdrill parser.y icmp_packet_spec, icmp_packet.c). Type and code stay words, after -D
 * substitution: their numbers depend on the IP version (ICMP or ICMPv6), which the runner knows.
 */
export interface IcmpSpec {
  readonly typeName: string;
  /** Null when the line gives none: packetdrill then uses code 0. */
  readonly codeName: string | null;
  readonly mtu: number | null;
  /**
   * The quoted TCP segment, `[start:end(len)]`, numbered as the local side's outbound
   * segments are. Null when the line quotes none: packetdrill quotes sequence number 0.
   */
  readonly quoted: {
    readonly seqStart: number;
    readonly seqEnd: number;
    readonly payloadLength: number;
  } | null;
}

/**
 * A field of a struct argument: `name=value`, or `name(length)=value` where strace writes the
 * length that goes with a pointer (`msg_name(...)=...`, `msg_iov(2)=[...]`). An iovec is
 * written without names, `{buffer, length}`: its fields are iov_base and iov_len.
 */
export interface StructField {
  readonly name: string;
  readonly value: Expr;
  readonly length?: readonly Expr[];
}

/** A system-call argument or result, as strace-like syntax writes it. */
export type Expr =
  | { readonly kind: 'ellipsis' }
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'symbol'; readonly name: string }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'list'; readonly items: readonly Expr[] }
  | { readonly kind: 'or'; readonly terms: readonly Expr[] }
  | {
      readonly kind: 'struct';
      readonly fields: readonly StructField[];
    }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Expr[] };

export interface SyscallSpec {
  readonly name: string;
  readonly args: readonly Expr[];
  readonly result: Expr;
  /** e.g. `EINPROGRESS`, or null when the call is expected to succeed. */
  readonly errno: string | null;
  /** The strace-style note in parentheses, e.g. `Operation now in progress`. */
  readonly note: string | null;
  /**
   * For a blocking call written `start...end`: the time it must return, in microseconds,
   * counted from the same anchor as the start (FORMAT.md, "Blocking syscalls").
   */
  readonly returnUsecs: number | null;
}

export type Action =
  | { readonly type: 'packet'; readonly packet: PacketSpec }
  /** A packet line of a kind the runner does not model (UDP, ICMP, IP-level fields). */
  | {
      readonly type: 'unsupported-packet';
      readonly direction: 'inbound' | 'outbound';
      readonly reason: string;
    }
  /** An inbound ICMP error quoting a TCP segment of the socket under test. */
  | { readonly type: 'icmp'; readonly icmp: IcmpSpec }
  | { readonly type: 'syscall'; readonly syscall: SyscallSpec }
  /** A back-quoted shell command, e.g. a sysctl or `../common/defaults.sh`. */
  | { readonly type: 'command'; readonly command: string }
  /** A `%{ ... }%` block of Python run against tcp_info. */
  | { readonly type: 'code'; readonly code: string };

export interface ScriptEvent extends SourceLocation {
  readonly time: EventTime;
  readonly action: Action;
  /** The source text of the event, trimmed, for reports. */
  readonly text: string;
}

/** A `--name=value` line at the top of a script. */
export interface HeaderOption extends SourceLocation {
  readonly name: string;
  readonly value: string | null;
}

export interface Script {
  readonly options: readonly HeaderOption[];
  readonly events: readonly ScriptEvent[];
  /** Symbols defined for the preprocessor and for `FOEXP NAME` cookies (`-D NAME=value`). */
  readonly defines: Readonly<Record<string, string>>;
  /** Whether the text used `#ifdef`/`#ifndef` (nplab packetdrill's preprocessor). */
  readonly usesPreprocessor: boolean;
}
