/**
 * The context every explaining component formats against: facts derived once from a trace
 * (each endpoint's ISN and address) plus the user's choice of absolute or relative numbers.
 * Pure: no React, no store; the store computes it once per trace and passes it down.
 */
import type { Trace } from '../../sim/trace';

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
}

/** Scans the trace once for each endpoint's first SYN and its address. */
export function deriveTraceFacts(trace: Trace, numbering: Numbering = 'absolute'): TraceFacts {
  const isn: Record<string, number> = {};
  const address: Record<string, string> = {};
  for (const e of trace) {
    if (e.type !== 'send') continue;
    if (address[e.from] === undefined) address[e.from] = e.src;
    if (address[e.to] === undefined) address[e.to] = e.dst;
    if (isn[e.from] === undefined && e.flags.includes('SYN')) isn[e.from] = e.seq;
  }
  return { isn, address, numbering };
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
