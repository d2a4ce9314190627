/**
 * Lesson texts state facts of the run through placeholders in braces, filled from the trace when
 * the step is shown, so a text stays right under every profile, seed and ISN:
 *
 * | placeholder | gives |
 * |---|---|
 * | `{isn ENDPOINT}` | its initial sequence number |
 * | `{seq REF}`, `{ack REF}`, `{flags REF}`, `{len REF}` | a field of a segment (REF as in segment-ref.ts) |
 * | `{sack REF}` | the SACK blocks it carries, e.g. 705–709 (missing when it carries none) |
 * | `{sends REF}` | how many times that segment was sent (first time and retransmissions) |
 * | `{count REF}` | how many segments of that endpoint and kind the run has |
 * | `{state ENDPOINT}` | its state at the step's moment |
 * | `{when MOMENT}` | the time of a moment (moment.ts), e.g. `{when state client ESTABLISHED}` |
 * | `{stay ENDPOINT STATE}` | how long it stayed in a state (until it left it, or the run ended) |
 * | `{timer ENDPOINT TIMER#n}` | how long the n-th firing of a timer had run |
 * | `{connect ENDPOINT}` | what its connect() returned |
 * | `{span MOMENT .. MOMENT}` | the time from the first moment to the second |
 * | `{read ENDPOINT#n}` | the text its application read the n-th time (line breaks as \r \n) |
 */
import type { TcpState } from '../engine';
import type { TraceEvent } from '../sim/trace';
import { flagsName } from './flags';
import { findMoment, parseMoment, STATES } from './moment';
import { formatMs, isnOf, stateBefore, timerSetBefore, transmissionsOf } from './run-facts';
import { allSegments, findSegment, parseSegmentRef } from './segment-ref';

const PLACEHOLDER = /\{([^{}]*)\}/g;

type Fact = (
  trace: readonly TraceEvent[],
  words: readonly string[],
  at: number,
) => string | undefined;
type Check = (words: readonly string[]) => string | undefined;

const endpoint: Check = (w) =>
  w.length === 1 && /^[a-z][a-z0-9-]*$/.test(w[0] ?? '') ? undefined : 'expects one endpoint name';
const ref: Check = (w) => {
  if (w.length !== 1) return 'expects one segment such as "server:SYN-ACK#1"';
  const parsed = parseSegmentRef(w[0] ?? '');
  return 'problem' in parsed ? parsed.problem : undefined;
};

function segmentField(
  read: (s: Extract<TraceEvent, { type: 'send' }>) => string | undefined,
): Fact {
  return (trace, [text = '']) => {
    const parsed = parseSegmentRef(text);
    if ('problem' in parsed) return undefined;
    const index = findSegment(trace, parsed);
    const e = index === undefined ? undefined : trace[index];
    return e?.type === 'send' ? read(e) : undefined;
  };
}

/**
 * The SACK blocks a segment carries (RFC 2018 §3), each as first–after-last sequence number, as
 * the inspector writes them; a segment without the option has no such fact.
 */
function sackBlocks(s: Extract<TraceEvent, { type: 'send' }>): string | undefined {
  const sack = s.options.find((o) => o.kind === 'sack');
  return sack?.kind === 'sack' ? sack.blocks.map(([l, r]) => `${l}–${r}`).join(', ') : undefined;
}

// `sends` counts the transmissions of the segment the reference names.
const sendsFact: Fact = (trace, [text = '']) => {
  const parsed = parseSegmentRef(text);
  if ('problem' in parsed) return undefined;
  const index = findSegment(trace, parsed);
  const e = index === undefined ? undefined : trace[index];
  return e?.type === 'send' ? String(transmissionsOf(trace, e.id).length) : undefined;
};

const READ = /^([a-z][a-z0-9-]*)#(\d{1,4})$/;

/** A character as a lesson's text shows it: \r and \n spelled out, other controls as "?". */
function printable(c: string): string {
  if (c === '\r') return '\\r';
  if (c === '\n') return '\\n';
  return c < ' ' || c === '\x7f' ? '?' : c;
}

/** The n-th non-empty read of `name`'s application, as text (control characters escaped). */
function readText(trace: readonly TraceEvent[], name: string, nth: number): string | undefined {
  let seen = 0;
  for (const e of trace) {
    if (e.type !== 'data' || e.endpoint !== name || e.len === 0) continue;
    seen += 1;
    if (seen !== nth) continue;
    const bytes = Uint8Array.from(e.bytes.match(/../g) ?? [], (h) => parseInt(h, 16));
    return [...new TextDecoder().decode(bytes)].map(printable).join('');
  }
  return undefined;
}

const FACTS: Readonly<Record<string, { check: Check; fact: Fact }>> = {
  isn: { check: endpoint, fact: (trace, [name = '']) => maybe(isnOf(trace, name)) },
  seq: { check: ref, fact: segmentField((s) => String(s.seq)) },
  ack: { check: ref, fact: segmentField((s) => String(s.ack)) },
  flags: { check: ref, fact: segmentField((s) => flagsName(s.flags)) },
  len: { check: ref, fact: segmentField((s) => String(s.len)) },
  sack: { check: ref, fact: segmentField(sackBlocks) },
  sends: { check: ref, fact: sendsFact },
  count: {
    check: ref,
    fact: (trace, [text = '']) => {
      const parsed = parseSegmentRef(text);
      return 'problem' in parsed ? undefined : String(allSegments(trace, parsed).length);
    },
  },
  state: {
    check: endpoint,
    fact: (trace, [name = ''], at) => stateBefore(trace, name, at + 1) ?? 'CLOSED',
  },
  when: {
    check: (w) => {
      const parsed = parseMoment(w.join(' '));
      return 'problem' in parsed ? parsed.problem : undefined;
    },
    fact: (trace, words) => maybe(timeOf(trace, words.join(' ')), formatMs),
  },
  stay: {
    check: (w) =>
      w.length === 2 && (STATES as readonly string[]).includes(w[1] ?? '')
        ? undefined
        : 'expects an endpoint and a state, such as "client TIME-WAIT"',
    fact: (trace, [name = '', state = '']) =>
      maybe(stayIn(trace, name, state as TcpState), formatMs),
  },
  timer: {
    check: (w) =>
      w.length === 2 && /^[a-z][a-z-]*(#\d+)?$/.test(w[1] ?? '')
        ? undefined
        : 'expects an endpoint and a timer, such as "client retransmit#2"',
    fact: (trace, [name = '', timer = '']) => {
      const moment = parseMoment(`fire ${name} ${timer}`);
      if ('problem' in moment) return undefined;
      const index = findMoment(trace, moment);
      if (index === undefined) return undefined;
      const set = timerSetBefore(trace, index);
      return set && formatMs((trace[index] as TraceEvent).t - set.t);
    },
  },
  connect: {
    check: endpoint,
    fact: (trace, [name = '']) => {
      const moment = parseMoment(`connect ${name}`);
      const index = 'problem' in moment ? undefined : findMoment(trace, moment);
      const e = index === undefined ? undefined : trace[index];
      return e?.type === 'call' ? (e.result === 'ok' ? '0' : e.result) : undefined;
    },
  },
  span: {
    check: (w) => {
      const [from, to, extra] = w.join(' ').split('..');
      if (from === undefined || to === undefined || extra !== undefined) {
        return 'expects two moments joined by "..", such as "call client connect#1 .. read client#3"';
      }
      for (const side of [from, to]) {
        const parsed = parseMoment(side);
        if ('problem' in parsed) return parsed.problem;
      }
      return undefined;
    },
    fact: (trace, words) => {
      const [from = '', to = ''] = words.join(' ').split('..');
      const [a, b] = [timeOf(trace, from), timeOf(trace, to)];
      return a === undefined || b === undefined ? undefined : formatMs(b - a);
    },
  },
  read: {
    check: (w) =>
      w.length === 1 && READ.test(w[0] ?? '')
        ? undefined
        : 'expects an endpoint and a count, such as "server#2"',
    fact: (trace, [text = '']) => {
      const [, name = '', nth = '0'] = READ.exec(text) ?? [];
      return readText(trace, name, Number(nth));
    },
  },
};

/** The time of a moment of the run (0 for `start`), or undefined when the run lacks it. */
function timeOf(trace: readonly TraceEvent[], text: string): number | undefined {
  const moment = parseMoment(text);
  if ('problem' in moment) return undefined;
  const index = findMoment(trace, moment);
  if (index === undefined) return undefined;
  return index < 0 ? 0 : (trace[index] as TraceEvent).t;
}

function factOf(name: string): { check: Check; fact: Fact } | undefined {
  return Object.hasOwn(FACTS, name) ? FACTS[name] : undefined;
}

function maybe<T>(value: T | undefined, show: (v: T) => string = String): string | undefined {
  return value === undefined ? undefined : show(value);
}

function stayIn(trace: readonly TraceEvent[], name: string, state: TcpState): number | undefined {
  let entered: number | undefined;
  for (const e of trace) {
    if (e.type !== 'state' || e.endpoint !== name) continue;
    if (e.to === state && entered === undefined) entered = e.t;
    else if (e.from === state && entered !== undefined) return e.t - entered;
  }
  const last = trace[trace.length - 1];
  return entered === undefined || last === undefined ? undefined : last.t - entered;
}

/** One message per placeholder the text cannot fill, naming it and the problem. */
export function checkTemplate(text: string): string[] {
  const problems: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const [name = '', ...words] = (match[1] ?? '').trim().split(/\s+/);
    const known = factOf(name);
    if (known === undefined) {
      problems.push(
        `{${match[1]}}: unknown placeholder "${name}" (expected one of ${[...Object.keys(FACTS)].join(', ')})`,
      );
      continue;
    }
    const problem = known.check(words);
    if (problem !== undefined) problems.push(`{${match[1]}}: "${name}" ${problem}`);
  }
  if (/[{}]/.test(text.replace(PLACEHOLDER, '')))
    problems.push('a brace is not closed or not opened');
  return problems;
}

export interface Rendered {
  readonly text: string;
  /** The placeholders this run could not fill (shown as "?"): a lesson run under other settings. */
  readonly missing: readonly string[];
}

/** The text with each placeholder replaced by its fact of the run, at trace index `at`. */
export function renderTemplate(text: string, trace: readonly TraceEvent[], at: number): Rendered {
  const missing: string[] = [];
  const rendered = text.replace(PLACEHOLDER, (whole, inner: string) => {
    const [name = '', ...words] = inner.trim().split(/\s+/);
    const value = factOf(name)?.fact(trace, words, at);
    if (value === undefined) {
      missing.push(whole);
      return '?';
    }
    return value;
  });
  return { text: rendered, missing };
}
