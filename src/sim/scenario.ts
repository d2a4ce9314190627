/**
 * The scenario: plain JSON that describes one experiment (docs/scenarios.md is the user's
 * guide). `validateScenario` turns untrusted JSON into a `Scenario` with every default filled
 * in, so the runner never sees a missing or out-of-range field.
 */
import { SCENARIO_LIMITS } from './limits';
import type { SysctlChanges } from './linux-sysctls';

export type ProfileName = 'rfc' | 'linux' | 'freebsd';
export type Direction = 'c2s' | 's2c';
export type Side = 'client' | 'server';

/** Per-endpoint overrides of what the profile would put in the SYN (RFC 9293 §3.2, RFC 7323, RFC 2018). */
export interface EndpointOptions {
  /** MSS to announce (RFC 9293 §3.7.1); absent: the profile's. */
  readonly mss?: number;
  /** Window-scale shift to offer (0–14), or false to offer none (RFC 7323 §2). */
  readonly wscale?: number | false;
  /** Offer SACK-permitted (RFC 2018). */
  readonly sack?: boolean;
  /** Offer timestamps (RFC 7323 §3). */
  readonly timestamps?: boolean;
  /**
   * TCP Fast Open (RFC 7413) as the bits of Linux's net.ipv4.tcp_fastopen: 0x1 client, 0x2
   * server (listeners that ask for it), 0x4 / 0x200 without cookies, 0x400 every listener.
   */
  readonly fastOpen?: number;
}

export interface ScenarioEndpoint {
  /** "client", "server", "client-2", ... : the name the trace uses. */
  readonly name: string;
  /** Dotted-quad IPv4 address, unique per endpoint. */
  readonly address: string;
  /** The port this endpoint listens on or connects from. */
  readonly port: number;
  readonly profile: ProfileName;
  /** Which end of the link it sits at: client side sends on c2s, server side on s2c. */
  readonly side: Side;
  /** A fixed initial sequence number, or 'random' for the RFC 9293 §3.4.1 generator. */
  readonly isn: number | 'random';
  readonly options: EndpointOptions;
  /**
   * Answer with SYN cookies when the SYN queue is full (RFC 4987 §3.6). A linux endpoint
   * follows its tcp_syncookies sysctl instead, which this field sets when given alone.
   */
  readonly synCookies: boolean;
  /**
   * A linux endpoint's sysctls that differ from a Linux 6.x kernel's (linux-sysctls.ts): the
   * profile it runs is derived from them. Empty for other profiles.
   */
  readonly sysctls: SysctlChanges;
  /** The application reads data as soon as it is readable. */
  readonly autoRead: boolean;
  /** The application accepts connections as soon as they are acceptable. */
  readonly autoAccept: boolean;
}

/** One direction of the link. Times in ms, probabilities in [0, 1]. */
export interface LinkDirection {
  /** One-way propagation delay. */
  readonly delay: number;
  /** Extra delay drawn uniformly from [0, jitter] per segment (order is kept unless reordered). */
  readonly jitter: number;
  /** Probability that a segment is lost. */
  readonly loss: number;
  /** Probability that a segment is delivered twice. */
  readonly duplicate: number;
  /** Probability that a segment is held back by `reorderDelay`, letting later ones overtake it. */
  readonly reorder: number;
  readonly reorderDelay: number;
  /** Bits per second; 0 means unlimited (no serialization delay). */
  readonly bandwidth: number;
}

export interface Link {
  readonly c2s: LinkDirection;
  readonly s2c: LinkDirection;
}

/** A patch applied to the link by an intervention: only the given fields change. */
export interface LinkPatch {
  readonly c2s?: Partial<LinkDirection>;
  readonly s2c?: Partial<LinkDirection>;
}

/**
 * Which segments a fault or a firewall rule matches. SYN: SYN without ACK; SYN-ACK: SYN with
 * ACK; ACK: a bare ACK (no SYN, FIN, RST, no payload); FIN: FIN set; RST: RST set; DATA:
 * payload present.
 */
export type SegmentKind = 'SYN' | 'SYN-ACK' | 'ACK' | 'FIN' | 'RST' | 'DATA';
export const SEGMENT_KINDS: readonly SegmentKind[] = [
  'SYN',
  'SYN-ACK',
  'ACK',
  'FIN',
  'RST',
  'DATA',
];

/** A targeted fault: act on the n-th matching segment in a direction, or on every one. */
export interface Fault {
  readonly direction: Direction;
  readonly match: SegmentKind;
  /** 1 = the first matching segment (retransmissions count); 'every' = all of them. */
  readonly nth: number | 'every';
  readonly action: 'drop' | 'delay' | 'duplicate';
  /** For delay: extra ms; for duplicate: ms between the original and the copy. */
  readonly by: number;
}

/** A middlebox rule on the path, checked for segments towards `port` of the server side. */
export interface FirewallRule {
  readonly direction: Direction;
  /** Destination port the rule applies to; absent: every port. */
  readonly port?: number;
  /** Kind of segment; absent: every segment. */
  readonly match?: SegmentKind;
  /** drop: silently (a filtered port); reject: forge RST,ACK as a closed port would. */
  readonly action: 'drop' | 'reject';
}

/** Raw packets from spoofed sources that nobody answers (a SYN flood, RFC 4987 §2). */
export interface Injection {
  /** Name the trace uses for these sources, e.g. "attacker". */
  readonly name: string;
  readonly at: number;
  readonly count: number;
  /** Milliseconds between two packets. */
  readonly interval: number;
  /** Endpoint the packets are aimed at (its address and port). */
  readonly to: string;
  /** First spoofed source address; each packet uses the next address. */
  readonly fromAddress: string;
  readonly fromPort: number;
  readonly flags: readonly ('SYN' | 'ACK' | 'RST' | 'FIN')[];
}

/** An event of an endpoint's application that can trigger a call. */
export type TriggerEvent = 'established' | 'data' | 'eof' | 'closed' | 'error' | 'accepted';
export const TRIGGER_EVENTS: readonly TriggerEvent[] = [
  'established',
  'data',
  'eof',
  'closed',
  'error',
  'accepted',
];

export interface Trigger {
  /** Whose event (default: the calling endpoint). */
  readonly endpoint: string;
  readonly event: TriggerEvent;
  /** The n-th occurrence of the event (1 = the first). */
  readonly nth: number;
  /** Milliseconds after the event. */
  readonly delay: number;
}

/** An application call, without its timing. */
export type ScenarioCall =
  | {
      readonly call: 'listen';
      readonly port?: number;
      readonly backlog?: number;
      /** TCP_FASTOPEN: take data from SYNs that bear a valid cookie (RFC 7413 §4.2.2). */
      readonly fastOpen?: boolean;
    }
  | {
      readonly call: 'connect';
      readonly to: string;
      /**
       * The local port to connect from; absent: the endpoint's `port`. A browser opening a new
       * connection for each resource uses a new port for each.
       */
      readonly port?: number;
      /**
       * Text to send with the connection, as sendto(MSG_FASTOPEN): the SYN carries it when the
       * endpoint has a cookie for the server (RFC 7413 §4.2.1), else it follows the handshake.
       */
      readonly data?: string;
    }
  | {
      readonly call: 'send';
      /** Text to send (UTF-8); exactly one of data and bytes is present. */
      readonly data?: string;
      /** Number of filler bytes to send (a bulk transfer without spelling it out). */
      readonly bytes?: number;
      readonly peer?: string;
    }
  /**
   * accept(): take the oldest connection from the listener's accept queue, waiting until there
   * is one (for an endpoint with `autoAccept: false`).
   */
  | { readonly call: 'accept' }
  | { readonly call: 'receive'; readonly peer?: string }
  | { readonly call: 'close'; readonly peer?: string }
  | { readonly call: 'shutdown'; readonly how: 'write' | 'read' | 'both'; readonly peer?: string }
  | { readonly call: 'abort'; readonly peer?: string };

export type CallName = ScenarioCall['call'];
export const CALL_NAMES: readonly CallName[] = [
  'listen',
  'connect',
  'accept',
  'send',
  'receive',
  'close',
  'shutdown',
  'abort',
];

/** A call in the scenario: who makes it, and when (`at` ms, or `after` an event). */
export type TimedCall = ScenarioCall & {
  readonly endpoint: string;
  readonly at?: number;
  readonly after?: Trigger;
};

/**
 * A layer-4 load balancer in NAT mode, as Linux IPVS runs one (LVS-NAT): clients connect to its
 * virtual address; it assigns each new flow to a backend, rewrites the destination to that
 * backend and, on the way back, the source to its own address, so a client only ever sees the
 * virtual address. The backends route their replies through it (it is their gateway).
 */
export interface Balancer {
  /** The name the trace and the diagram give it, and that a client's connect names. */
  readonly name: string;
  /** The virtual address (VIP) and port the clients connect to. */
  readonly address: string;
  readonly port: number;
  /** Its address on the backends' side: their gateway, and the source of its health checks. */
  readonly internalAddress: string;
  /** The endpoints it spreads flows across, in scheduling order. */
  readonly backends: readonly string[];
  /** round-robin: the next healthy backend in turn; hash: a hash of the flow's 4-tuple. */
  readonly schedule: 'round-robin' | 'hash';
  /** One-way delay between the balancer and a backend (ms): a local network, lossless. */
  readonly delay: number;
  readonly health: HealthCheck;
}

/** TCP connect probes (keepalived's TCP_CHECK, HAProxy's `check`): SYN, and SYN-ACK means up. */
export interface HealthCheck {
  /** Milliseconds between two probes of one backend; the first goes out at this time. */
  readonly interval: number;
  /** A probe without an answer after this many ms has failed. */
  readonly timeout: number;
  /** Consecutive failures that mark a backend down (HAProxy `fall`). */
  readonly fall: number;
  /** Consecutive successes that mark a down backend up again (HAProxy `rise`). */
  readonly rise: number;
}

/**
 * A backend that dies at `at`. silent: the host stops answering (powered off, cable pulled):
 * segments to it vanish. reset: the service dies and the host's TCP loses every connection, so
 * it answers each segment as a closed port does, with RST (RFC 9293 §3.10.7.1).
 */
export interface Outage {
  readonly endpoint: string;
  readonly at: number;
  readonly how: 'silent' | 'reset';
}

export interface Scenario {
  /** uint32 seed for every random draw of the run. */
  readonly seed: number;
  /** Stop the run at this virtual time (ms); absent: when nothing is left to happen. */
  readonly until?: number;
  /** Safety budget of processed events. */
  readonly maxSteps: number;
  readonly endpoints: readonly ScenarioEndpoint[];
  readonly link: Link;
  readonly faults: readonly Fault[];
  readonly firewall: readonly FirewallRule[];
  readonly inject: readonly Injection[];
  readonly calls: readonly TimedCall[];
  /** A load balancer between the clients and the servers (its backends). */
  readonly balancer?: Balancer;
  /** Backends that die during the run. */
  readonly outages?: readonly Outage[];
}

export const DEFAULT_LINK_DIRECTION: LinkDirection = {
  delay: 50,
  jitter: 0,
  loss: 0,
  duplicate: 0,
  reorder: 0,
  reorderDelay: 0,
  bandwidth: 0,
};

/** The step budget of a scenario that names none (SCENARIO_LIMITS declares it). */
export const DEFAULT_MAX_STEPS = SCENARIO_LIMITS.defaultMaxSteps;
