/**
 * The context every explaining component formats against: facts derived once from a trace
 * (each endpoint's ISN, address, agreed window scale, FIN, the segments by id and the timers)
 * plus the user's choice of absolute or relative numbers. Pure: no React, no store; the store
 * derives it once per trace and passes it down.
 */
import type { TcpState } from '../../engine';
import type { DropEvent, SendEvent, StateEvent, TimerEvent, Trace } from '../../sim/trace';

/** Absolute 32-bit numbers as on the wire, or relative to each side's ISN as Wireshark shows. */
export type Numbering = 'absolute' | 'relative';

export interface TraceFacts {
  /**
   * Initial sequence number per endpoint name: the seq of the first SYN that endpoint sent in
   * the trace (RFC 9293 §3.4: the SYN carries the ISN). Absent for an endpoint that never sent
   * a SYN (a closed port answering with RST), whose numbers are then shown absolute.
   */
  readonly isn: Readonly<Record<string, number>>;
  /** "address:port" per endpoint name, from the first segment it sent or received. */
  readonly address: Readonly<Record<string, string>>;
  readonly numbering: Numbering;
  /** The endpoint that opened actively, when exactly one did (none in a simultaneous open). */
  readonly opener: string | undefined;
  /**
   * The shift each endpoint applies to the windows it sends, only where BOTH SYNs carried the
   * window-scale option (RFC 7323 §2.2: scaling is in force only if both sides offered it).
   */
  readonly windowShift: Readonly<Record<string, number>>;
  /** Sequence number the first FIN of each endpoint occupies (seq + payload length). */
  readonly finSeq: Readonly<Record<string, number>>;
  /** Profile name per endpoint, when the caller knows it (from the run's endpoint info). */
  readonly profile: Readonly<Record<string, string>>;
  readonly segments: ReadonlyMap<number, SendEvent>;
  /** Every timer event in trace order, for "fired after 1 s" and "doubles the timeout". */
  readonly timers: readonly TimerEvent[];
  /** Every send in trace order, to find what a timer firing caused. */
  readonly sends: readonly SendEvent[];
  /** Every state change in trace order. */
  readonly states: readonly StateEvent[];
  /**
   * Segments a listener dropped on arrival because its accept queue was full, in trace order:
   * the handshake's last ACK that Linux ignores (tcp_check_req), so its SYN-ACK timer resends.
   */
  readonly acceptOverflows: readonly DropEvent[];
  /**
   * Endpoints with more than one connection (pair of address:port) in the trace, such as a
   * server under a SYN flood: a sentence about one of their segments or timers names its own.
   */
  readonly severalConnections: ReadonlySet<string>;
}

/** What the run knows about an endpoint beyond the trace (runScenario's EndpointInfo fits). */
export interface EndpointProfile {
  readonly name: string;
  readonly profile: string;
}

/** Scans the trace once. */
export function deriveTraceFacts(
  trace: Trace,
  numbering: Numbering = 'absolute',
  endpoints: readonly EndpointProfile[] = [],
): TraceFacts {
  const isn: Record<string, number> = {};
  const address: Record<string, string> = {};
  const offeredShift: Record<string, number | null> = {};
  const finSeq: Record<string, number> = {};
  const segments = new Map<number, SendEvent>();
  const timers: TimerEvent[] = [];
  const sends: SendEvent[] = [];
  const states: StateEvent[] = [];
  const acceptOverflows: DropEvent[] = [];
  const bareSynSenders = new Set<string>();
  const pairs = new Map<string, Set<string>>();
  const addPair = (endpoint: string, local: string, remote: string) => {
    const known = pairs.get(endpoint) ?? new Set<string>();
    known.add(`${local}-${remote}`);
    pairs.set(endpoint, known);
  };
  for (const e of trace) {
    if (e.type === 'timer') timers.push(e);
    if (e.type === 'state') states.push(e);
    if (e.type === 'drop' && e.queue === 'accept') acceptOverflows.push(e);
    if (e.type !== 'send') continue;
    sends.push(e);
    segments.set(e.id, e);
    addPair(e.from, e.src, e.dst);
    addPair(e.to, e.dst, e.src);
    address[e.from] ??= e.src;
    address[e.to] ??= e.dst;
    if (e.flags.includes('SYN') && isn[e.from] === undefined) {
      isn[e.from] = e.seq;
      const ws = e.options.find((o) => o.kind === 'wscale');
      offeredShift[e.from] = ws?.kind === 'wscale' ? ws.shift : null;
    }
    if (e.flags.includes('SYN') && !e.flags.includes('ACK')) bareSynSenders.add(e.from);
    if (e.flags.includes('FIN') && finSeq[e.from] === undefined) {
      finSeq[e.from] = (e.seq + e.len) >>> 0;
    }
  }
  const offered = Object.entries(offeredShift);
  const windowShift: Record<string, number> = {};
  if (offered.length >= 2 && offered.every(([, shift]) => shift !== null)) {
    for (const [name, shift] of offered) if (shift !== null) windowShift[name] = shift;
  }
  const opener = bareSynSenders.size === 1 ? [...bareSynSenders][0] : undefined;
  const profile: Record<string, string> = {};
  for (const ep of endpoints) profile[ep.name] = ep.profile;
  return {
    isn,
    address,
    numbering,
    opener,
    windowShift,
    finSeq,
    profile,
    segments,
    timers,
    sends,
    states,
    acceptOverflows,
    severalConnections: new Set([...pairs].filter(([, set]) => set.size > 1).map(([name]) => name)),
  };
}

/**
 * `value − isn` modulo 2^32, so a run whose ISN is 2^32 − 2 reads 0, 1, 2, … exactly like one
 * whose ISN is 700 (RFC 9293 §3.4, arithmetic modulo 2^32).
 */
export function relativeSeq(value: number, isn: number): number {
  return (value - isn) >>> 0;
}

/**
 * A sequence number as the user chose to see it. `owner` is the endpoint whose sequence space
 * the number lives in: the sender for seq, the receiver for ack.
 */
export function displaySeq(value: number, owner: string, facts: TraceFacts): number {
  const base = facts.isn[owner];
  if (facts.numbering === 'absolute' || base === undefined) return value >>> 0;
  return relativeSeq(value, base);
}

/**
 * The endpoint's state at time `t`, counting every change at that same moment (the trace's
 * order within one instant is the engine's, and a sentence about that instant may describe
 * its outcome). Undefined before its first change.
 */
export function stateAt(endpoint: string, t: number, facts: TraceFacts): TcpState | undefined {
  let state: TcpState | undefined;
  for (const e of facts.states) {
    if (e.t > t) break;
    if (e.endpoint === endpoint) state = e.to;
  }
  return state;
}
