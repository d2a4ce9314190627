/**
 * References to the segments of a run, as lessons write them: `KIND`, `KIND#n`,
 * `endpoint:KIND#n` ("server:SYN-ACK#1" is the first SYN-ACK the server sends) or
 * `from>to:KIND#n` ("server>client:SYN-ACK#1", the first one the server sends to the client). Kinds mean what
 * they mean in a scenario's faults (docs/scenarios.md) and, as there, retransmissions count: the
 * second SYN a client sends is SYN#2. Resolving a reference reads the trace and nothing else, so
 * it names the same segment under every profile, seed and ISN.
 */
import type { SegmentKind } from '../sim/scenario';
import { SEGMENT_KINDS } from '../sim/scenario';
import type { SendEvent, TraceEvent } from '../sim/trace';

export interface SegmentRef {
  readonly from: string | undefined;
  readonly to: string | undefined;
  readonly kind: SegmentKind;
  /** 1 = the first matching segment. */
  readonly nth: number;
}

const REF = /^(?:([a-z][a-z0-9-]*)(?:>([a-z][a-z0-9-]*))?:)?([A-Z-]+)(?:#(\d{1,4}))?$/;

/** A reference, or a message saying what is wrong with it. */
export function parseSegmentRef(text: string): SegmentRef | { readonly problem: string } {
  const match = REF.exec(text);
  if (!match) {
    return {
      problem: `expected a segment such as "server:SYN-ACK#1", got ${JSON.stringify(text)}`,
    };
  }
  const [, from, to, kind = '', nth] = match;
  if (!(SEGMENT_KINDS as readonly string[]).includes(kind)) {
    return {
      problem: `unknown segment kind "${kind}" (expected one of ${SEGMENT_KINDS.join(', ')})`,
    };
  }
  const n = nth === undefined ? 1 : Number(nth);
  if (n < 1) return { problem: `the count after # starts at 1, got ${n}` };
  return { from, to, kind: kind as SegmentKind, nth: n };
}

/** Whether a sent segment is of `kind` (the same meaning as a scenario fault's `match`). */
export function isKind(send: SendEvent, kind: SegmentKind): boolean {
  const has = (flag: SendEvent['flags'][number]) => send.flags.includes(flag);
  switch (kind) {
    case 'SYN':
      return has('SYN') && !has('ACK');
    case 'SYN-ACK':
      return has('SYN') && has('ACK');
    case 'ACK':
      return has('ACK') && !has('SYN') && !has('FIN') && !has('RST') && send.len === 0;
    case 'FIN':
      return has('FIN');
    case 'RST':
      return has('RST');
    case 'DATA':
      return send.len > 0;
  }
}

/** The trace index of the send the reference names, or undefined when the run has no such segment. */
export function findSegment(trace: readonly TraceEvent[], ref: SegmentRef): number | undefined {
  let seen = 0;
  for (let i = 0; i < trace.length; i += 1) {
    const event = trace[i] as TraceEvent;
    if (event.type !== 'send') continue;
    if (!matches(event, ref)) continue;
    seen += 1;
    if (seen === ref.nth) return i;
  }
  return undefined;
}

/** Every send that matches the reference's endpoint and kind (its count is ignored). */
export function allSegments(trace: readonly TraceEvent[], ref: SegmentRef): SendEvent[] {
  return trace.filter((e): e is SendEvent => e.type === 'send' && matches(e, ref));
}

function matches(send: SendEvent, ref: SegmentRef): boolean {
  if (ref.from !== undefined && send.from !== ref.from) return false;
  if (ref.to !== undefined && send.to !== ref.to) return false;
  return isKind(send, ref.kind);
}
