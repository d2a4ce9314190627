/**
 * Moments of a run, as lessons name them: an event picked out by what happens, never by its time
 * or its place in the trace, so a lesson points at the same moment under every profile and seed.
 *
 * - `start`, `end`: the beginning and the end of the run;
 * - `send REF`: a segment leaves (REF as in segment-ref.ts, e.g. "server:SYN-ACK#1");
 * - `fate REF`: the same segment arrives or is lost;
 * - `copy REF`: the link's extra copy of the segment arrives (a duplicate: a scenario's
 *   `duplicate` fault, or the link's duplication), e.g. an old segment reaching a new connection;
 * - `state ENDPOINT STATE`: the endpoint enters STATE for the first time;
 * - `fire ENDPOINT TIMER` or `fire ENDPOINT TIMER#n`: the n-th firing of one of its timers;
 * - `connect ENDPOINT`: its connect() returns (succeeds or fails);
 * - `call ENDPOINT NAME#n`: its application makes its n-th call of that name (`call client
 *   connect#4`: the fourth connect() begins);
 * - `read ENDPOINT#n`: its application reads data for the n-th time (`read client#3`).
 */
import type { TcpState } from '../engine';
import type { TraceEvent } from '../sim/trace';
import { findSegment, parseSegmentRef, type SegmentRef } from './segment-ref';

export type Moment =
  | { readonly kind: 'start' | 'end' }
  | { readonly kind: 'send' | 'fate' | 'copy'; readonly ref: SegmentRef }
  | { readonly kind: 'state'; readonly endpoint: string; readonly state: TcpState }
  | {
      readonly kind: 'fire';
      readonly endpoint: string;
      readonly timer: string;
      readonly nth: number;
    }
  | { readonly kind: 'connect'; readonly endpoint: string }
  | {
      readonly kind: 'call';
      readonly endpoint: string;
      readonly call: string;
      readonly nth: number;
    }
  | { readonly kind: 'read'; readonly endpoint: string; readonly nth: number };

export const STATES: readonly TcpState[] = [
  'CLOSED',
  'LISTEN',
  'SYN-SENT',
  'SYN-RECEIVED',
  'ESTABLISHED',
  'FIN-WAIT-1',
  'FIN-WAIT-2',
  'CLOSE-WAIT',
  'CLOSING',
  'LAST-ACK',
  'TIME-WAIT',
];

const ENDPOINT = /^[a-z][a-z0-9-]*$/;
const TIMER = /^([a-z][a-z-]*)(?:#(\d{1,4}))?$/;
const COUNTED_ENDPOINT = /^([a-z][a-z0-9-]*)(?:#(\d{1,4}))?$/;

export function parseMoment(text: string): Moment | { readonly problem: string } {
  const words = text.trim().split(/\s+/);
  const [verb = '', first = '', second] = words;
  const arity = (n: number) =>
    words.length === n + 1
      ? undefined
      : { problem: `"${verb}" takes ${n} word(s) after it, got "${text}"` };
  switch (verb) {
    case 'start':
    case 'end':
      return arity(0) ?? { kind: verb };
    case 'send':
    case 'fate':
    case 'copy': {
      const bad = arity(1);
      if (bad) return bad;
      const ref = parseSegmentRef(first);
      return 'problem' in ref ? ref : { kind: verb, ref };
    }
    case 'state': {
      const bad = arity(2);
      if (bad) return bad;
      if (!ENDPOINT.test(first)) return { problem: `expected an endpoint name, got "${first}"` };
      if (!(STATES as readonly string[]).includes(second ?? '')) {
        return { problem: `unknown state "${second}" (expected one of ${STATES.join(', ')})` };
      }
      return { kind: 'state', endpoint: first, state: second as TcpState };
    }
    case 'fire': {
      const bad = arity(2);
      if (bad) return bad;
      const timer = TIMER.exec(second ?? '');
      if (!ENDPOINT.test(first) || !timer) {
        return { problem: `expected "fire ENDPOINT TIMER#n", got "${text}"` };
      }
      const nth = timer[2] === undefined ? 1 : Number(timer[2]);
      if (nth < 1) return { problem: `the count after # starts at 1, got ${nth}` };
      return { kind: 'fire', endpoint: first, timer: timer[1] ?? '', nth };
    }
    case 'connect': {
      const bad = arity(1);
      if (bad) return bad;
      if (!ENDPOINT.test(first)) return { problem: `expected an endpoint name, got "${first}"` };
      return { kind: 'connect', endpoint: first };
    }
    case 'call': {
      const bad = arity(2);
      if (bad) return bad;
      const call = TIMER.exec(second ?? '');
      if (!ENDPOINT.test(first) || !call) {
        return { problem: `expected "call ENDPOINT NAME#n", got "${text}"` };
      }
      const nth = call[2] === undefined ? 1 : Number(call[2]);
      if (nth < 1) return { problem: `the count after # starts at 1, got ${nth}` };
      return { kind: 'call', endpoint: first, call: call[1] ?? '', nth };
    }
    case 'read': {
      const bad = arity(1);
      if (bad) return bad;
      const read = COUNTED_ENDPOINT.exec(first);
      if (!read) return { problem: `expected "read ENDPOINT#n", got "${text}"` };
      const nth = read[2] === undefined ? 1 : Number(read[2]);
      if (nth < 1) return { problem: `the count after # starts at 1, got ${nth}` };
      return { kind: 'read', endpoint: read[1] ?? '', nth };
    }
    default:
      return {
        problem: `expected a moment starting with start, end, send, fate, copy, state, fire, connect, call or read, got "${text}"`,
      };
  }
}

/**
 * The trace index of the moment's event; -1 for `start`; undefined when the run has no such
 * moment (the segment was never sent, the state never reached).
 */
export function findMoment(trace: readonly TraceEvent[], moment: Moment): number | undefined {
  switch (moment.kind) {
    case 'start':
      return -1;
    case 'end':
      return trace.length - 1;
    case 'send':
      return findSegment(trace, moment.ref);
    case 'fate': {
      const sent = findSegment(trace, moment.ref);
      if (sent === undefined) return undefined;
      const id = (trace[sent] as { id: number }).id;
      return indexWhere(
        trace,
        (e) => ((e.type === 'deliver' && !e.duplicate) || e.type === 'drop' ? e.id === id : false),
        sent,
      );
    }
    case 'copy': {
      const sent = findSegment(trace, moment.ref);
      if (sent === undefined) return undefined;
      const id = (trace[sent] as { id: number }).id;
      return indexWhere(trace, (e) => e.type === 'deliver' && e.duplicate === true && e.id === id);
    }
    case 'state':
      return indexWhere(
        trace,
        (e) => e.type === 'state' && e.endpoint === moment.endpoint && e.to === moment.state,
      );
    case 'fire': {
      let seen = 0;
      return indexWhere(trace, (e) => {
        if (e.type !== 'timer' || e.action !== 'fire') return false;
        if (e.endpoint !== moment.endpoint || e.timer !== moment.timer) return false;
        seen += 1;
        return seen === moment.nth;
      });
    }
    case 'connect':
      return indexWhere(
        trace,
        (e) =>
          e.type === 'call' &&
          e.call === 'connect' &&
          e.endpoint === moment.endpoint &&
          (e.async === true || e.result !== 'ok'),
      );
    case 'call':
      return nthWhere(
        trace,
        (e) =>
          e.type === 'call' &&
          e.async !== true &&
          e.endpoint === moment.endpoint &&
          e.call === moment.call,
        moment.nth,
      );
    case 'read':
      return nthWhere(
        trace,
        (e) => e.type === 'data' && e.endpoint === moment.endpoint && e.len > 0,
        moment.nth,
      );
  }
}

function nthWhere(
  trace: readonly TraceEvent[],
  test: (event: TraceEvent) => boolean,
  nth: number,
): number | undefined {
  let seen = 0;
  return indexWhere(trace, (e) => test(e) && ++seen === nth);
}

function indexWhere(
  trace: readonly TraceEvent[],
  test: (event: TraceEvent) => boolean,
  from = 0,
): number | undefined {
  for (let i = from; i < trace.length; i += 1) if (test(trace[i] as TraceEvent)) return i;
  return undefined;
}
