/**
 * The trace: the one record that the CLI prints, the UI draws, pcap export writes and
 * tests compare (DESIGN.md, "The trace"). Every event is plain JSON-able data with
 * `t` in virtual milliseconds. Sequence and acknowledgment numbers are absolute 32-bit
 * values; relative numbers are derived for display.
 */
import type {
  CongestionNote,
  Errno,
  FlagName,
  IpFields,
  TcpState,
  TimerName,
  UdpPorts,
} from '../engine';

/** The engine's timer names (defined in the engine, re-exported here for the trace's readers). */
export type { TimerName };

/** An option as the trace writes it: the engine's decoded option, JSON-able. */
export type TraceOption =
  | { readonly kind: 'eol' }
  | { readonly kind: 'nop' }
  | { readonly kind: 'mss'; readonly value: number }
  | { readonly kind: 'wscale'; readonly shift: number }
  | { readonly kind: 'sackOK' }
  | { readonly kind: 'sack'; readonly blocks: readonly (readonly [number, number])[] }
  | { readonly kind: 'ts'; readonly val: number; readonly ecr: number }
  | { readonly kind: 'unknown'; readonly type: number; readonly data: readonly number[] };

/**
 * Why a segment never arrived: `loss` the link's random loss, `rule` a scenario fault, `user`
 * an intervention, `firewall` a middlebox rule, `queue-full` a full queue, `unreachable` no
 * host has the destination address (replies to spoofed sources), `inferred` a capture shows
 * its sender sending it again before anything acknowledged it (src/wire/conversation),
 * `balancer` a load balancer had nowhere to send it (its `balancer` event says why).
 */
export type DropReason =
  'loss' | 'rule' | 'user' | 'firewall' | 'queue-full' | 'unreachable' | 'inferred' | 'balancer';

interface EventBase {
  /** Virtual time in milliseconds since the start of the run (may be fractional). */
  readonly t: number;
}

export interface CallEvent extends EventBase {
  readonly type: 'call';
  readonly endpoint: string;
  /** listen, connect, send, receive, close, shutdown, abort, accept. */
  readonly call: string;
  readonly args: Readonly<Record<string, string | number | boolean>>;
  /** 'ok' or the errno the call (or its later completion) reported. */
  readonly result: 'ok' | Errno;
  /**
   * Set on the later completion of a call that returned before its outcome was known: a
   * connect that succeeds (ok) or fails (ETIMEDOUT, ECONNREFUSED, ...), and an error that the
   * application's pending read reports (call 'receive', e.g. ECONNRESET).
   */
  readonly async?: boolean;
}

export interface SendEvent extends EventBase {
  readonly type: 'send';
  /** Unique within the run, in order of sending: 1, 2, 3, ... */
  readonly id: number;
  readonly from: string;
  readonly to: string;
  /** address:port of each end, e.g. "10.0.0.1:49152". */
  readonly src: string;
  readonly dst: string;
  readonly flags: readonly FlagName[];
  readonly seq: number;
  readonly ack: number;
  /** Payload bytes (SYN and FIN are not counted). */
  readonly len: number;
  /** The raw window field as sent. */
  readonly win: number;
  readonly options: readonly TraceOption[];
  /** 0 for a first transmission, n for the n-th retransmission of the same sequence space. */
  readonly retransmit: number;
  /** For a retransmission, the id of the first transmission it repeats. */
  readonly original?: number;
  /** Payload as lowercase hex ('' when empty), so pcap and the inspector can show the bytes. */
  readonly payload: string;
  /** The TTL and TOS the sending socket set (IP_TTL, IP_TOS); absent for the default header. */
  readonly ip?: IpFields;
  /** The UDP ports of a segment sent over UDP (engine udp-tunnel.ts); absent for plain TCP. */
  readonly udp?: UdpPorts;
  /** When the link will deliver it, if it is not dropped (ms); absent when lost. */
  readonly arrivesAt?: number;
  /** When a lost segment vanishes on the link (half-way, where the loss happens); absent otherwise. */
  readonly dropsAt?: number;
  /**
   * Set when the segment was not sent by `from` but forged in its name by a middlebox on the
   * path (a rejecting firewall's RST); it starts half-way along the link.
   */
  readonly forgedBy?: 'firewall';
  /** A listener's stateless SYN-ACK whose ISN is a SYN cookie (RFC 4987 §3.6). */
  readonly synCookie?: true;
  /**
   * On a segment of data or a FIN: the sender's congestion window, ssthresh and phase as its
   * engine had them when it sent the segment, and the loss signal it answers (RFC 5681).
   */
  readonly congestion?: CongestionNote;
  /** Set when a load balancer forwarded this segment with an address rewritten (NAT). */
  readonly rewrite?: Rewrite;
  /** A load balancer's health-check probe, or the backend's answer to one. */
  readonly healthCheck?: true;
  /**
   * Set only in a packetdrill script run (src/runner/packetdrill/to-trace.ts): how the script
   * accounted for this segment. An inbound segment is the line that injected it (verdict
   * 'passed'); an outbound one is the `>` line that checked it ('passed' or 'failed', with the
   * line's expectation and the reason). 'unchecked': the engine sent it after the script's last
   * line for it, so no line judged it (line null).
   */
  readonly script?: ScriptVerdict;
  /**
   * Set only on a captured server segment after its capture's opening was replayed through the
   * engine (src/runner/capture-replay/replay.ts) and the engine would have sent something else.
   */
  readonly replay?: ReplayMark;
}

/** Where the engine, replaying a capture, parts from the captured segment (SendEvent.replay). */
export interface ReplayMark {
  /** The profile the engine ran under. */
  readonly profile: string;
  /** The engine's segment in its place, or null when it would have sent none. */
  readonly engine: string | null;
  /** What differs, e.g. "window: server 65160, linux 64240". */
  readonly fields: readonly string[];
}

/**
 * A load balancer's address rewrite (LVS-NAT): on the way in the destination (the virtual
 * address) becomes the backend's; on the way out the source (the backend) becomes the virtual
 * address. The checksums that cover these addresses (IPv4's and TCP's; over IPv6 TCP's alone,
 * through its pseudo-header) are computed anew.
 */
export interface Rewrite {
  /** The balancer's name. */
  readonly by: string;
  readonly field: 'src' | 'dst';
  /** The "address:port" the segment carried before the rewrite. */
  readonly was: string;
  /** The segment as it reached the balancer. */
  readonly of: number;
}

/** A script line's verdict on one segment (see SendEvent.script). */
export interface ScriptVerdict {
  readonly line: number | null;
  readonly verdict: 'passed' | 'failed' | 'unchecked';
  /** The line's segment in packetdrill syntax, e.g. "S. 0:0(0) ack 1 <...>". */
  readonly expected?: string;
  /** What the engine sent, written as the line would write it (for a failed line). */
  readonly actual?: string;
  /** What differed, e.g. "ack: expected 11 vs actual 1". */
  readonly message?: string;
}

export interface DeliverEvent extends EventBase {
  readonly type: 'deliver';
  readonly id: number;
  /** Set when this delivery is a copy made by the link (duplication). */
  readonly duplicate?: boolean;
}

export interface DropEvent extends EventBase {
  readonly type: 'drop';
  readonly id: number;
  readonly reason: DropReason;
  /**
   * For `queue-full` at a listener: the queue that had no room, the SYN queue (half-open
   * connections) or the accept queue (established ones waiting for accept()).
   */
  readonly queue?: 'syn' | 'accept';
  /** For `firewall`: the rule that matched, e.g. "rule 1: drop every segment c2s to port 80". */
  readonly rule?: string;
}

/**
 * A listener's queues after they changed (Linux's request and accept queues, RFC 4987 §2): the
 * half-open connections in its SYN queue and the established ones waiting for accept(), each by
 * its remote "address:port", oldest first. Recorded first among the events of the step that
 * changed them.
 */
export interface QueueEvent extends EventBase {
  readonly type: 'queue';
  readonly endpoint: string;
  /** The listening socket's "address:port". */
  readonly listener: string;
  /** The listen() backlog, as granted. */
  readonly backlog: number;
  /** Entries each queue holds before it is full: the backlog, or one more on Linux. */
  readonly room: number;
  readonly syn: readonly string[];
  readonly accept: readonly string[];
}

export interface DuplicateEvent extends EventBase {
  readonly type: 'duplicate';
  readonly id: number;
  /** When the copy arrives. */
  readonly arrivesAt: number;
}

export interface StateEvent extends EventBase {
  readonly type: 'state';
  readonly endpoint: string;
  readonly from: TcpState;
  readonly to: TcpState;
  /** Why, in words that cite the RFC, e.g. "rcv SYN,ACK acking our SYN (RFC 9293 §3.10.7.3)". */
  readonly cause: string;
}

export interface TimerEvent extends EventBase {
  readonly type: 'timer';
  readonly endpoint: string;
  readonly timer: TimerName;
  readonly action: 'set' | 'cancel' | 'fire';
  /** Expiry time for 'set'. */
  readonly at?: number;
  /**
   * The connection the timer belongs to, as address:port of each end (as `src` and `dst` of
   * the segments it sends): an endpoint with several connections runs a timer for each.
   */
  readonly local?: string;
  readonly remote?: string;
}

/** The connection a timer belongs to, "local-remote", or the endpoint alone if unknown. */
export function timerConnection(e: TimerEvent): string {
  return e.local === undefined || e.remote === undefined
    ? e.endpoint
    : `${e.endpoint} ${e.local}-${e.remote}`;
}

/** The same key for a segment, on the side of the endpoint that sends it. */
export function sendConnection(e: SendEvent): string {
  return `${e.from} ${e.src}-${e.dst}`;
}

export interface DataEvent extends EventBase {
  readonly type: 'data';
  readonly endpoint: string;
  readonly len: number;
  /** The bytes delivered to the application, as lowercase hex. */
  readonly bytes: string;
  /** Set (with len 0) when the read found the end of the stream: the peer's FIN. */
  readonly eof?: boolean;
}

interface BalancerBase extends EventBase {
  readonly type: 'balancer';
  /** The balancer's name. */
  readonly balancer: string;
  /** Why, in words that cite the mechanism (the scheduler, the table, the health check). */
  readonly why: string;
}

/**
 * A load balancer's decisions. assign: a new flow (a SYN) gets a backend; refuse: a segment
 * it cannot forward is dropped; probe: a health check's outcome; health: a backend is marked
 * up or down.
 */
export type BalancerEvent =
  | (BalancerBase & {
      readonly action: 'assign';
      /** The client's "address:port". */
      readonly flow: string;
      readonly backend: string;
      /** The SYN that opened the flow. */
      readonly id: number;
    })
  | (BalancerBase & { readonly action: 'refuse'; readonly flow: string; readonly id: number })
  | (BalancerBase & {
      readonly action: 'probe';
      readonly backend: string;
      readonly result: 'ok' | 'refused' | 'timeout';
      /** Consecutive failures (or successes) so far, with this one. */
      readonly streak: number;
    })
  | (BalancerBase & {
      readonly action: 'health';
      readonly backend: string;
      readonly health: 'up' | 'down';
    });

/** A host that dies during the run (a scenario's outage): what it loses, and how it dies. */
export interface OutageEvent extends EventBase {
  readonly type: 'outage';
  readonly endpoint: string;
  readonly how: 'silent' | 'reset';
  /** The connections it had, as "address:port" of their remote ends. */
  readonly lost: readonly string[];
}

export type TraceEvent =
  | CallEvent
  | SendEvent
  | DeliverEvent
  | DropEvent
  | DuplicateEvent
  | StateEvent
  | TimerEvent
  | DataEvent
  | QueueEvent
  | BalancerEvent
  | OutageEvent;

export type Trace = readonly TraceEvent[];
