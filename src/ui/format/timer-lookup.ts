/**
 * Questions the explanations ask of the timers in a trace: how long a timer ran before it
 * fired, what it was set to next (the backoff, RFC 6298 §5.5), and which firing caused a
 * retransmission. The trace is in time order, so a binary search finds the moment.
 */
import { sendConnection, timerConnection, type SendEvent, type TimerEvent } from '../../sim/trace';
import type { TraceFacts } from './trace-facts';

type Timed = readonly { readonly t: number }[];

/** Index of the first event with t > `t` in a list sorted by time. */
function upperBound(events: Timed, t: number): number {
  return partition(events, (x) => x <= t);
}

/** Index of the first event with t ≥ `t` in a list sorted by time. */
function lowerBound(events: Timed, t: number): number {
  return partition(events, (x) => x < t);
}

/** The first index where `before` turns false (it holds for a prefix of the list). */
function partition(events: Timed, before: (t: number) => boolean): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(events[mid]?.t ?? Infinity)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How long the timer ran before this firing (ms): from its latest 'set' before the fire. */
export function timerRunMs(fire: TimerEvent, facts: TraceFacts): number | undefined {
  // Events at the firing's own moment count only if they precede it in the trace: the timer
  // is often set again at that same instant (the backoff), which must not be taken for it.
  let passedFire = false;
  for (let i = upperBound(facts.timers, fire.t) - 1; i >= 0; i--) {
    const e = facts.timers[i];
    if (e === undefined) continue;
    if (e === fire) {
      passedFire = true;
      continue;
    }
    if (e.t === fire.t && !passedFire) continue;
    if (e.timer !== fire.timer || timerConnection(e) !== timerConnection(fire)) continue;
    if (e.action === 'set') return fire.t - e.t;
  }
  return undefined;
}

/** The duration the same timer is set to right after this firing (ms), if it is set again. */
export function nextTimerMs(fire: TimerEvent, facts: TraceFacts): number | undefined {
  for (let i = lowerBound(facts.timers, fire.t); i < facts.timers.length; i++) {
    const e = facts.timers[i];
    if (e === undefined || e.t > fire.t) return undefined;
    if (e.timer !== fire.timer || timerConnection(e) !== timerConnection(fire)) continue;
    if (e.action === 'set' && e.at !== undefined) return e.at - e.t;
  }
  return undefined;
}

/**
 * The retransmitting timer whose firing sent this segment again: a firing of the sender's
 * timer at the same moment whose first retransmission is this segment. Another resend at the
 * same moment (Linux answering a repeated SYN with its SYN-ACK) has some other cause.
 */
export function firingBehind(e: SendEvent, facts: TraceFacts): TimerEvent | undefined {
  for (let i = upperBound(facts.timers, e.t) - 1; i >= 0; i--) {
    const timer = facts.timers[i];
    if (timer === undefined || timer.t < e.t) return undefined;
    if (timer.endpoint === e.from && timer.action === 'fire' && resends(timer)) {
      // Several connections' timers may fire at one moment: only this segment's own counts.
      if (!ownSegment(timer, e)) continue;
      return retransmissionAfter(timer, facts) === e ? timer : undefined;
    }
  }
  return undefined;
}

/** The timers whose firing sends something again: the RTO and the tail-loss probe. */
function resends(timer: TimerEvent): boolean {
  return timer.timer === 'retransmit' || timer.timer === 'loss-probe';
}

/**
 * The other timer of the pair that stand in for each other (the RTO and the tail-loss probe,
 * RFC 8985 §7), set at the same moment on the same connection: why this one was cancelled.
 */
export function replacedBy(cancel: TimerEvent, facts: TraceFacts): TimerEvent | undefined {
  if (!resends(cancel)) return undefined;
  for (let i = lowerBound(facts.timers, cancel.t); i < facts.timers.length; i++) {
    const e = facts.timers[i];
    if (e === undefined || e.t > cancel.t) return undefined;
    if (e.action !== 'set' || e.timer === cancel.timer || !resends(e)) continue;
    if (e.endpoint === cancel.endpoint && timerConnection(e) === timerConnection(cancel)) return e;
  }
  return undefined;
}

/** The first segment the endpoint sent again at the firing's moment (what the firing caused). */
export function retransmissionAfter(fire: TimerEvent, facts: TraceFacts): SendEvent | undefined {
  for (let i = lowerBound(facts.sends, fire.t); i < facts.sends.length; i++) {
    const s = facts.sends[i];
    if (s === undefined || s.t > fire.t) return undefined;
    if (s.from === fire.endpoint && s.retransmit > 0 && ownSegment(fire, s)) return s;
  }
  return undefined;
}

/**
 * Whether the sender's timer that will notice this segment's loss is a tail-loss probe
 * (RFC 8985 §7): the last of its RTO and probe timers started by the segment's moment is
 * the probe's, still pending.
 */
export function probeWatches(s: SendEvent, facts: TraceFacts): boolean {
  for (let i = upperBound(facts.timers, s.t) - 1; i >= 0; i--) {
    const e = facts.timers[i];
    if (e === undefined || e.endpoint !== s.from || !resends(e)) continue;
    if (e.local !== undefined && timerConnection(e) !== sendConnection(s)) continue;
    return e.timer === 'loss-probe' && e.action === 'set';
  }
  return false;
}

/** The first segment the endpoint sent at the firing's moment, new or again (a probe). */
export function sentAtFiring(fire: TimerEvent, facts: TraceFacts): SendEvent | undefined {
  for (let i = lowerBound(facts.sends, fire.t); i < facts.sends.length; i++) {
    const s = facts.sends[i];
    if (s === undefined || s.t > fire.t) return undefined;
    if (s.from === fire.endpoint && ownSegment(fire, s)) return s;
  }
  return undefined;
}

/** Whether the segment belongs to the timer's connection (any, for a timer that names none). */
function ownSegment(timer: TimerEvent, s: SendEvent): boolean {
  return timer.local === undefined || sendConnection(s) === timerConnection(timer);
}

/** "1 s", "200 ms", "1.5 s": durations as people say them. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${round(ms)} ms`;
  return `${round(ms / 1000)} s`;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
