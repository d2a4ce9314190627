/**
 * askAbout(kind, trace, index): the question of one kind about the event at `index`, its answer
 * read from that event (and its hint from what came before). The same function serves predict
 * mode and the lessons. Undefined when the kind does not fit the event (a seq question about a
 * state change) or when nobody could know the answer beforehand (the seq of a first SYN, which is
 * the sender's secret ISN).
 */
import type { CallEvent, SendEvent, StateEvent, TimerEvent, TraceEvent } from '../sim/trace';
import { FLAG_CHOICES, flagsName } from './flags';
import { TIMER_NAMES } from './timer-names';
import { STATES } from './moment';
import type { Answer, Question, QuestionKind } from './question';
import {
  a,
  connectionIsn,
  endOf,
  formatMs,
  lastArrivalFrom,
  sendById,
  timerSetBefore,
  transmissionsOf,
} from './run-facts';

export function askAbout(
  kind: QuestionKind,
  trace: readonly TraceEvent[],
  index: number,
): Question | undefined {
  const event = trace[index];
  if (event === undefined) return undefined;
  const made = build(kind, trace, index, event);
  return made === undefined ? undefined : { kind, index, ...made };
}

type Parts = Omit<Question, 'kind' | 'index'>;

function build(
  kind: QuestionKind,
  trace: readonly TraceEvent[],
  index: number,
  event: TraceEvent,
): Parts | undefined {
  switch (kind) {
    case 'flags':
      return event.type === 'send' ? askFlags(event, index) : undefined;
    case 'seq':
      return event.type === 'send' ? askSeq(trace, event, index) : undefined;
    case 'ack':
      return event.type === 'send' ? askAck(trace, event, index) : undefined;
    case 'retransmission':
      return event.type === 'send' ? askRetransmission(event) : undefined;
    case 'count':
      return event.type === 'send' && event.retransmit === 0 ? askCount(trace, event) : undefined;
    case 'state':
      return event.type === 'state' ? askState(event, index) : undefined;
    case 'fate':
      return askFate(trace, event);
    case 'timer':
      return event.type === 'timer' && event.action === 'fire'
        ? askTimer(trace, event, index)
        : undefined;
    case 'connect':
      return isConnectOutcome(event) ? askConnect(event) : undefined;
    case 'time':
      return askTime(trace, event);
  }
}

/** A connect() returning: its later completion, or an immediate failure. */
export function isConnectOutcome(event: TraceEvent): event is CallEvent {
  return (
    event.type === 'call' &&
    event.call === 'connect' &&
    (event.async === true || event.result !== 'ok')
  );
}

function choice(choices: readonly string[], correct: string): Answer {
  return { type: 'choice', choices, correct };
}

/** Four choices: the right one and three others from `pool`, picked by `turn`, in pool order. */
function fourOf(pool: readonly string[], correct: string, turn: number): string[] {
  const others = pool.filter((c) => c !== correct);
  const start = others.length === 0 ? 0 : turn % others.length;
  const picked = [...others.slice(start), ...others.slice(0, start)].slice(0, 3);
  const all = [...picked, correct];
  const rank = (c: string) => (pool.includes(c) ? pool.indexOf(c) : pool.length);
  return all.sort((a, b) => rank(a) - rank(b));
}

function askFlags(e: SendEvent, index: number): Parts {
  const correct = flagsName(e.flags);
  return {
    prompt: `The ${e.from} sends a segment to the ${e.to} now. Which control bits does it carry?`,
    answer: choice(fourOf(FLAG_CHOICES, correct, index), correct),
    // The narration shown with the answer says why these bits.
    hint: '',
  };
}

function numberAnswer(correct: number, alsoRight: number[], unit = '', tolerance = 0): Answer {
  return {
    type: 'number',
    correct,
    alsoRight: alsoRight.filter((v) => v !== correct),
    tolerance,
    unit,
  };
}

function askSeq(trace: readonly TraceEvent[], e: SendEvent, index: number): Parts | undefined {
  const isn = connectionIsn(trace, e, 'sender', index);
  // Before its own SYN an end's numbers are its secret (RFC 9293 §3.4.1): nothing to predict.
  // So is the ISN of a new incarnation of the same 4-tuple (a new SYN with a new number).
  if (isn === undefined) return undefined;
  if (e.flags.includes('SYN') && e.retransmit === 0 && e.seq !== isn) return undefined;
  const relative = (e.seq - isn) >>> 0;
  return {
    prompt: `The ${e.from} sends ${a(flagsName(e.flags))} now. What sequence number does it carry? (Absolute, or relative to the ${e.from}'s ISN.)`,
    answer: numberAnswer(e.seq, [relative]),
    hint: `The seq of a segment is the number of its first byte: the ${e.from}'s ISN is ${isn}, and it has used ${relative} sequence number${relative === 1 ? '' : 's'} since (each byte of data one, SYN and FIN one each), so seq = ${e.seq} (RFC 9293 §3.4).`,
  };
}

function askAck(trace: readonly TraceEvent[], e: SendEvent, index: number): Parts | undefined {
  if (!e.flags.includes('ACK')) return undefined;
  const peerIsn = connectionIsn(trace, e, 'receiver', index);
  const relative = peerIsn === undefined ? [] : [(e.ack - peerIsn) >>> 0];
  const last = lastArrivalFrom(trace, e.from, e.to, index);
  const from =
    last !== undefined && endOf(last) === e.ack
      ? ` The last segment from the ${e.to} to arrive, ${a(flagsName(last.flags))} with seq ${last.seq}${last.len > 0 ? ` and ${last.len} bytes` : ''}, ends just before ${e.ack}${last.flags.includes('SYN') || last.flags.includes('FIN') ? ` (its ${last.flags.includes('SYN') ? 'SYN' : 'FIN'} takes one number)` : ''}.`
      : '';
  const old = oldDuplicateJustArrived(trace, e, index);
  const why =
    old === undefined
      ? from
      : ` The segment that just arrived, ${a(flagsName(old.flags))} with seq ${old.seq} and ${old.len} bytes, lies wholly before ${e.ack}: it is not acceptable, so it is answered with an ACK naming the byte still expected, and dropped (RFC 9293 §3.10.7.4).`;
  return {
    prompt: `The ${e.from} sends ${a(flagsName(e.flags))} now. What acknowledgment number does it carry? (Absolute, or relative to the ${e.to}'s ISN.)`,
    answer: numberAnswer(e.ack, relative),
    hint: `An acknowledgment number names the next sequence number the ${e.from} expects from the ${e.to}: ${e.ack} (RFC 9293 §3.4).${why}`,
  };
}

/**
 * The data segment from the peer whose arrival this ACK answers, when its bytes all lie before
 * the acknowledgment number: an old duplicate (a retransmission already received, or a segment
 * of an earlier connection on the same 4-tuple). Undefined otherwise.
 */
function oldDuplicateJustArrived(
  trace: readonly TraceEvent[],
  e: SendEvent,
  index: number,
): SendEvent | undefined {
  for (let i = index - 1; i >= 0; i -= 1) {
    const x = trace[i] as TraceEvent;
    if (x.type === 'send' && x.src === e.src && x.dst === e.dst) return undefined;
    if (x.type !== 'deliver') continue;
    const s = sendById(trace, x.id);
    if (s === undefined || s.src !== e.dst || s.dst !== e.src) continue;
    const end = endOf(s);
    return s.len > 0 && end !== e.ack && ((e.ack - end) | 0) >= 0 ? s : undefined;
  }
  return undefined;
}

const TRANSMISSION_CHOICES = ['A first transmission', 'A retransmission'] as const;

function askRetransmission(e: SendEvent): Parts {
  const correct = e.retransmit > 0 ? TRANSMISSION_CHOICES[1] : TRANSMISSION_CHOICES[0];
  return {
    prompt: `The ${e.from} sends ${a(flagsName(e.flags))} now. Is it a first transmission, or a retransmission of a segment sent before?`,
    answer: choice(TRANSMISSION_CHOICES, correct),
    hint:
      e.retransmit > 0
        ? `It repeats segment #${e.original ?? '?'}: no acknowledgment came for it in time (RFC 6298 §5.4).`
        : 'It is new: nothing it carries has been sent before.',
  };
}

function askCount(trace: readonly TraceEvent[], e: SendEvent): Parts {
  const all = transmissionsOf(trace, e.id);
  const times = all.map((s) => `t=${formatMs(s.t)}`).join(', ');
  return {
    prompt: `The ${e.from} sends ${a(flagsName(e.flags))} now. How many times will it send this segment in all, counting the first time and every retransmission?`,
    answer: numberAnswer(all.length, []),
    hint: `It is sent ${all.length === 1 ? 'once' : `${all.length} times`}: ${times}.`,
  };
}

function askState(e: StateEvent, index: number): Parts {
  const pool = STATES.filter((s) => s !== e.from);
  return {
    prompt: `The ${e.endpoint} is in the ${e.from} state. Which state does it move to now?`,
    answer: choice(fourOf(pool, e.to, index), e.to),
    // The narration shown with the answer gives the event that moved it.
    hint: '',
  };
}

const FATE_CHOICES = ['It arrives', 'It is lost'] as const;

function askFate(trace: readonly TraceEvent[], e: TraceEvent): Parts | undefined {
  if (!((e.type === 'deliver' && e.duplicate !== true) || e.type === 'drop')) return undefined;
  const sent = sendById(trace, e.id);
  if (sent === undefined) return undefined;
  const lost = e.type === 'drop';
  return {
    prompt: `The ${flagsName(sent.flags)} (#${sent.id}) from the ${sent.from} is on its way. Does it arrive at the ${sent.to}?`,
    answer: choice(FATE_CHOICES, lost ? FATE_CHOICES[1] : FATE_CHOICES[0]),
    hint: lost
      ? `It is lost on the link (${e.reason === 'loss' ? 'random loss' : e.reason === 'user' ? 'you dropped it' : `reason: ${e.reason}`}).`
      : `It arrives ${formatMs(e.t - sent.t)} after it was sent.`,
  };
}

function askTimer(trace: readonly TraceEvent[], e: TimerEvent, index: number): Parts | undefined {
  const set = timerSetBefore(trace, index);
  if (set === undefined) return undefined;
  const ran = round(e.t - set.t);
  const previous = previousRun(trace, set);
  const doubling =
    previous === undefined
      ? ''
      : ` Its last run lasted ${formatMs(previous)}: after each firing the timeout doubles, up to the profile's maximum (RFC 6298 §5.5).`;
  return {
    prompt: `The ${e.endpoint} starts its ${TIMER_NAMES[e.timer]} at t=${formatMs(set.t)}. How many milliseconds will it run before it fires?`,
    answer: numberAnswer(ran, [], 'ms', 1),
    hint: `It was set to expire at t=${formatMs(set.at ?? e.t)}, so it runs ${formatMs(ran)}.${doubling}`,
  };
}

/** How long the same timer ran the time before it fired last, if it did. */
function previousRun(trace: readonly TraceEvent[], set: TimerEvent): number | undefined {
  const at = trace.indexOf(set);
  for (let i = at - 1; i >= 0; i -= 1) {
    const e = trace[i] as TraceEvent;
    if (e.type !== 'timer' || e.endpoint !== set.endpoint || e.timer !== set.timer) continue;
    if (e.action !== 'fire') return undefined;
    const before = timerSetBefore(trace, i);
    return before === undefined ? undefined : round(e.t - before.t);
  }
  return undefined;
}

/** What connect() returns, as a C programmer reads it. */
export const CONNECT_CHOICES: readonly string[] = [
  '0 (connected)',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'ECONNRESET',
];

function askConnect(e: CallEvent): Parts {
  const correct = e.result === 'ok' ? (CONNECT_CHOICES[0] as string) : e.result;
  const choices = CONNECT_CHOICES.includes(correct)
    ? CONNECT_CHOICES
    : [...CONNECT_CHOICES, correct];
  const why: Readonly<Record<string, string>> = {
    ok: 'the SYN-ACK acknowledging its SYN arrived, so the connection is established (RFC 9293 §3.10.7.3)',
    ECONNREFUSED: 'a reset answered its SYN: nothing listens on that port (RFC 9293 §3.10.7.3)',
    ETIMEDOUT: 'its SYN went unanswered through every retransmission (RFC 9293 §3.8.3)',
    ECONNRESET: 'the peer reset the connection (RFC 9293 §3.10.7)',
  };
  return {
    prompt: `The ${e.endpoint} called connect(). What does connect() return now?`,
    answer: choice(choices, correct),
    hint: `It returns ${correct}: ${why[e.result] ?? 'the connection failed'}.`,
  };
}

/**
 * The event as the end of a question, "When does …?": "the server send the SYN-ACK (#2)",
 * "the ACK (#3) arrive at the server", "the client enter ESTABLISHED".
 */
export function describeEvent(trace: readonly TraceEvent[], e: TraceEvent): string | undefined {
  switch (e.type) {
    case 'send':
      return `the ${e.from} send the ${flagsName(e.flags)} (#${e.id})`;
    case 'deliver': {
      const s = sendById(trace, e.id);
      return s && `the ${flagsName(s.flags)} (#${s.id}) arrive at the ${s.to}`;
    }
    case 'drop': {
      const s = sendById(trace, e.id);
      return s && `the ${flagsName(s.flags)} (#${s.id}) get lost`;
    }
    case 'state':
      return `the ${e.endpoint} enter ${e.to}`;
    case 'call':
      return isConnectOutcome(e) ? `the ${e.endpoint}'s connect() return` : undefined;
    case 'timer':
      return e.action === 'fire' ? `the ${e.endpoint}'s ${TIMER_NAMES[e.timer]} fire` : undefined;
    case 'data':
      return e.len > 0 ? `the ${e.endpoint}'s application read the next ${e.len} bytes` : undefined;
    default:
      return undefined;
  }
}

function askTime(trace: readonly TraceEvent[], e: TraceEvent): Parts | undefined {
  const what = describeEvent(trace, e);
  if (what === undefined) return undefined;
  const t = round(e.t);
  return {
    prompt: `At what time, in milliseconds from the start of the run, does ${what}?`,
    answer: numberAnswer(t, [], 'ms', Math.max(1, t / 100)),
    hint: `It happens at t=${formatMs(t)}.`,
  };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
