/**
 * Small facts read from a trace that questions and lesson texts state: an endpoint's ISN, the
 * segment that a timer firing resent, when an endpoint entered a state. Each is a pure function
 * of the trace.
 */
import type { TcpState } from '../engine';
import type { SendEvent, TimerEvent, TraceEvent } from '../sim/trace';

/**
 * The seq of the first SYN `endpoint` sent (to `peer`, when given: a server answering many
 * clients picks one ISN per connection): its initial sequence number (RFC 9293 §3.4).
 */
export function isnOf(
  trace: readonly TraceEvent[],
  endpoint: string,
  peer?: string,
): number | undefined {
  for (const e of trace) {
    if (e.type !== 'send' || e.from !== endpoint || !e.flags.includes('SYN')) continue;
    if (peer === undefined || e.to === peer) return e.seq;
  }
  return undefined;
}

/**
 * The ISN of the connection `segment` belongs to, on its sender's side (`of: 'sender'`) or its
 * receiver's (`of: 'receiver'`): the seq of the last SYN sent between the same two
 * address:port ends before trace index `index`. A 4-tuple opened again (a new incarnation) and
 * a host with several connections to one peer each have their own.
 */
export function connectionIsn(
  trace: readonly TraceEvent[],
  segment: SendEvent,
  of: 'sender' | 'receiver',
  index: number,
): number | undefined {
  const [src, dst] = of === 'sender' ? [segment.src, segment.dst] : [segment.dst, segment.src];
  for (let i = Math.min(index, trace.length) - 1; i >= 0; i -= 1) {
    const e = trace[i] as TraceEvent;
    if (e.type === 'send' && e.src === src && e.dst === dst && e.flags.includes('SYN'))
      return e.seq;
  }
  return undefined;
}

/** "a SYN", "an ACK", "an RST-ACK": the article as the letters are spoken. */
export function a(word: string): string {
  return /^[AEFHILMNORSX]/.test(word) && /^[A-Z]/.test(word) && !/^SYN/.test(word)
    ? `an ${word}`
    : `a ${word}`;
}

/** The send event with this id. */
export function sendById(trace: readonly TraceEvent[], id: number): SendEvent | undefined {
  for (const e of trace) if (e.type === 'send' && e.id === id) return e;
  return undefined;
}

/** The state `endpoint` is in just before trace index `index` (undefined before its first change). */
export function stateBefore(
  trace: readonly TraceEvent[],
  endpoint: string,
  index: number,
): TcpState | undefined {
  let state: TcpState | undefined;
  for (let i = 0; i < index && i < trace.length; i += 1) {
    const e = trace[i] as TraceEvent;
    if (e.type === 'state' && e.endpoint === endpoint) state = e.to;
  }
  return state;
}

/** The `set` that a timer firing at `index` ends: the last one of that timer before it. */
export function timerSetBefore(
  trace: readonly TraceEvent[],
  index: number,
): TimerEvent | undefined {
  const at = timerSetIndexBefore(trace, index);
  return at < 0 ? undefined : (trace[at] as TimerEvent);
}

/** The trace index of that `set` (timerSetBefore), or -1 when there is none. */
export function timerSetIndexBefore(trace: readonly TraceEvent[], index: number): number {
  const fire = trace[index];
  if (fire?.type !== 'timer') return -1;
  for (let i = index - 1; i >= 0; i -= 1) {
    const e = trace[i] as TraceEvent;
    if (e.type === 'timer' && e.endpoint === fire.endpoint && e.timer === fire.timer) {
      return e.action === 'set' ? i : -1;
    }
  }
  return -1;
}

/** Every transmission of the segment `id` repeats, the first one included, in order. */
export function transmissionsOf(trace: readonly TraceEvent[], id: number): SendEvent[] {
  return trace.filter(
    (e): e is SendEvent => e.type === 'send' && (e.id === id || e.original === id),
  );
}

/**
 * The last segment from `peer` that arrived at `endpoint` before trace index `index`, in
 * sequence order (the one reaching furthest), or undefined.
 */
export function lastArrivalFrom(
  trace: readonly TraceEvent[],
  endpoint: string,
  peer: string,
  index: number,
): SendEvent | undefined {
  const sends = new Map<number, SendEvent>();
  let found: SendEvent | undefined;
  for (let i = 0; i < index && i < trace.length; i += 1) {
    const e = trace[i] as TraceEvent;
    if (e.type === 'send') sends.set(e.id, e);
    if (e.type !== 'deliver') continue;
    const s = sends.get(e.id);
    if (s === undefined || s.from !== peer || s.to !== endpoint) continue;
    if (found === undefined || ((endOf(s) - endOf(found)) | 0) > 0) found = s;
  }
  return found;
}

/** The sequence number after a segment: seq + payload, + 1 each for SYN and FIN (RFC 9293 §3.4). */
export function endOf(s: SendEvent): number {
  const control = (s.flags.includes('SYN') ? 1 : 0) + (s.flags.includes('FIN') ? 1 : 0);
  return (s.seq + s.len + control) >>> 0;
}

/** Milliseconds as a person reads them: "50 ms", "1.5 s"; at most three decimals. */
export function formatMs(ms: number): string {
  if (Math.abs(ms) >= 1000) return `${round(ms / 1000)} s`;
  return `${round(ms)} ms`;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
