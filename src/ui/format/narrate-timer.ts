/**
 * Sentences for timers: set, cancelled, fired. Each timer's purpose is named with the RFC
 * section that defines it; a firing says how long it waited and what it caused.
 */
import { TIMER_NAMES } from '../../lessons/timer-names';
import type { TimerEvent } from '../../sim/trace';
import {
  formatDuration,
  nextTimerMs,
  replacedBy,
  retransmissionAfter,
  sentAtFiring,
  timerRunMs,
} from './timer-lookup';
import { acceptOverflowSource, ackDroppedForFullAcceptQueue } from './accept-overflow';
import { stateAt, type TraceFacts } from './trace-facts';
import { The, the } from './words';

/** Where each timer is defined. */
const CITE: Readonly<Record<TimerEvent['timer'], string>> = {
  retransmit: 'RFC 6298 §5',
  'loss-probe': 'RFC 8985 §7',
  'time-wait': 'RFC 9293 §3.4.2, §3.6',
  'delayed-ack': 'RFC 9293 §3.8.6.3',
  'fin-wait-2': 'RFC 9293 §3.6',
  persist: 'RFC 9293 §3.8.6.1',
  keepalive: 'RFC 9293 §3.8.4',
};

/** Why the timer is started, completing "The client starts its … for 1 s …". */
const WHY_SET: Readonly<Record<TimerEvent['timer'], string>> = {
  retransmit: 'if nothing acknowledges what it sent by then, it will send it again',
  'loss-probe':
    'if no ACK has come by then, the last segments may be lost, and a probe will find out sooner than the retransmission timer',
  'time-wait':
    'it waits twice the maximum segment lifetime so that its last ACK can be repeated and old duplicates die out',
  'delayed-ack': 'it may wait that long before acknowledging, hoping to combine the ACK with data',
  'fin-wait-2': 'an orphaned connection waiting for the peer’s FIN is not kept forever',
  persist: 'the peer’s window is zero, so it will probe it when the timer expires',
  keepalive: 'the connection is idle, so it will check that the peer is still there',
};

/** What happens when the timer expires, completing "… fired after 1 s: …". */
const ON_FIRE: Readonly<Record<TimerEvent['timer'], string>> = {
  retransmit: 'no acknowledgment came back, so it retransmits',
  'loss-probe':
    'no ACK came back, so it probes with new data or its last segment again, and restarts its retransmission timer',
  'time-wait': 'the wait is over and the connection is deleted',
  'delayed-ack': 'no data came to carry the ACK, so it sends the ACK on its own',
  'fin-wait-2': 'the peer never sent its FIN, so the connection is deleted',
  persist: 'it probes the peer’s zero window',
  keepalive: 'it sends a keep-alive probe, or gives up after too many unanswered ones',
};

export function narrateTimer(e: TimerEvent, facts: TraceFacts): string {
  const name = TIMER_NAMES[e.timer];
  const cite = CITE[e.timer];
  if (e.action === 'set') {
    const lasting = e.at === undefined ? '' : ` for ${formatDuration(e.at - e.t)}`;
    return `${The(e.endpoint)} starts its ${name}${lasting}: ${WHY_SET[e.timer]} (${cite}).`;
  }
  if (e.action === 'cancel') {
    return `${The(e.endpoint)} stops its ${name}: ${cancelReason(e, facts)} (${cite}).`;
  }
  return narrateFire(e, facts, name, cite);
}

function cancelReason(e: TimerEvent, facts: TraceFacts): string {
  if (stateAt(e.endpoint, e.t, facts) === 'CLOSED') {
    return 'the connection is closed, so there is nothing left to wait for';
  }
  const other = replacedBy(e, facts);
  if (other !== undefined) {
    return other.timer === 'loss-probe'
      ? 'a tail-loss probe timer takes its place and will fire first; the retransmission timer runs again after the probe'
      : 'the retransmission timer takes its place, as no probe is due now';
  }
  if (e.timer === 'retransmit' || e.timer === 'loss-probe') {
    return 'everything outstanding is acknowledged';
  }
  if (e.timer === 'delayed-ack') return 'the ACK left with another segment';
  return 'it is no longer needed';
}

function narrateFire(e: TimerEvent, facts: TraceFacts, name: string, cite: string): string {
  const ran = timerRunMs(e, facts);
  const after = ran === undefined ? '' : ` after ${formatDuration(ran)}`;
  if (e.timer === 'loss-probe')
    return narrateProbe(e, facts, `${The(e.endpoint)}'s ${name} fired${after}`);
  if (e.timer !== 'retransmit') {
    return `${The(e.endpoint)}'s ${name} fired${after}: ${ON_FIRE[e.timer]} (${cite}).`;
  }
  const resent = retransmissionAfter(e, facts);
  const what = resent === undefined ? 'what it sent' : `the ${segmentNoun(resent.flags)}`;
  const next = nextTimerMs(e, facts);
  const backoff =
    next === undefined
      ? ''
      : ran !== undefined && next > ran
        ? ` and backs the timeout off to ${formatDuration(next)}`
        : ` and waits ${formatDuration(next)} again`;
  const refused =
    resent !== undefined && resent.flags.includes('SYN')
      ? ackDroppedForFullAcceptQueue(resent, facts)
      : undefined;
  if (refused !== undefined && resent !== undefined) {
    return `${The(e.endpoint)}'s ${name} fired${after}: ${the(resent.to)}'s ACK (#${refused.id}) did arrive, but the accept queue was full, so it was dropped and the connection is still half-open (${acceptOverflowSource(resent, facts)}); it sends the SYN-ACK again${backoff} (RFC 6298 §5.4–5.5).`;
  }
  if (resent === undefined && next === undefined) {
    return `${The(e.endpoint)}'s ${name} fired${after} with no answer and nothing is sent again: after its last retry TCP gives up (RFC 9293 §3.8.3, ${cite}).`;
  }
  return `${The(e.endpoint)}'s ${name} fired${after} with no answer, so it sends ${what} again${backoff} (RFC 6298 §5.4–5.5).`;
}

/** "SYN", "SYN-ACK", "FIN", "data", "segment": how a sentence names what was resent. */
function segmentNoun(flags: readonly string[]): string {
  if (flags.includes('SYN')) return flags.includes('ACK') ? 'SYN-ACK' : 'SYN';
  if (flags.includes('FIN')) return 'FIN';
  return 'data';
}

/** A tail-loss probe's firing: what it sent as the probe, or why it sent none (RFC 8985 §7.3). */
function narrateProbe(e: TimerEvent, facts: TraceFacts, head: string): string {
  const probe = sentAtFiring(e, facts);
  if (probe === undefined) {
    return `${head}: a probe sent earlier is still unanswered, so it sends no other and lets the retransmission timer run (RFC 8985 §7.3).`;
  }
  const what =
    probe.retransmit > 0
      ? `sends its last ${segmentNoun(probe.flags)} segment again`
      : 'sends a new segment of data';
  return `${head} with no ACK back: the end of what it sent may be lost, and no later segment would make the receiver say so, so it ${what} as a probe; the ACK of the probe shows what is missing sooner than the retransmission timer, which it restarts (RFC 8985 §7.3).`;
}
