/**
 * What congestion control did, in words, from the note the engine attached to a segment it sent
 * (SendEvent.congestion): the window it sent under, and the loss signal that cut the window
 * (RFC 5681 §3.1–3.2, RFC 6582, RFC 6675). Every number is the engine's.
 */
import type { CongestionNote } from '../../engine';
import type { SendEvent } from '../../sim/trace';
import type { TraceFacts } from './trace-facts';
import { bytes, the } from './words';

/** "11 segments (11000 bytes)"; a window that is no whole number of segments keeps one decimal. */
export function windowSize(n: number, smss: number): string {
  const segments = Math.round((n / smss) * 10) / 10;
  return `${segments} ${segments === 1 ? 'segment' : 'segments'} (${bytes(n)})`;
}

const PHASE_NAMES: Readonly<Record<CongestionNote['phase'], string>> = {
  'slow-start': 'slow start',
  'congestion-avoidance': 'congestion avoidance',
  'fast-recovery': 'fast recovery',
};

export function phaseName(note: CongestionNote): string {
  return PHASE_NAMES[note.phase];
}

/** ssthresh in words: its value, or "not yet set" before the first loss. */
export function ssthreshText(note: CongestionNote): string {
  return note.ssthresh === null
    ? 'not yet set (arbitrarily high until a loss, RFC 5681 §3.1)'
    : windowSize(note.ssthresh, note.smss);
}

/**
 * For a retransmission the engine sent because of a loss signal: why, and how the window was
 * cut. Undefined when the segment carries no signal (a timer's resend is told elsewhere).
 */
export function congestionCut(e: SendEvent, ordinalText: string): string | undefined {
  const note = e.congestion;
  const signal = note?.signal;
  if (note === undefined || signal === undefined) return undefined;
  const before = windowSize(signal.cwndBefore, note.smss);
  const now = windowSize(note.cwnd, note.smss);
  const ssthresh = ssthreshText(note);
  switch (signal.kind) {
    case 'duplicate-acks':
      return `It is the ${ordinalText}, sent at once, before any timer: fast retransmit after three duplicate ACKs, each repeating the acknowledgment of the data before this segment, so it was lost (RFC 5681 §3.2). The congestion window was cut to ${now} from ${before}: ssthresh ${ssthresh}, plus the three segments the duplicates say have left the network; fast recovery lasts until everything sent so far is acknowledged (RFC 6582 §3.2).`;
    case 'partial-ack':
      return `It is the ${ordinalText}, sent at once: in fast recovery, ${the(e.to)} acknowledged only part of what was outstanding (a partial ACK), so this segment was lost too; NewReno resends it without waiting for more duplicates (RFC 6582 §3.2 step 4). The congestion window was deflated by what that ACK covered, to ${now} from ${before}.`;
    case 'sack':
      return `The congestion window was cut to ${now} from ${before}, with ssthresh ${ssthresh} (RFC 6675 §5, RFC 5681 §3.2).`;
    case 'timeout':
      return `The congestion window was cut to ${now} from ${before} and ssthresh to ${ssthresh}: after a timeout the sender starts again in slow start (RFC 5681 §3.1 eq. 4, RFC 6298 §5).`;
  }
}

/**
 * For new data: the congestion window it went out under, said when it differs from the one
 * the sender's previous data segment on this connection carried (or for its first).
 */
export function congestionWindowNews(e: SendEvent, facts: TraceFacts): string | undefined {
  const note = e.congestion;
  if (note === undefined || e.retransmit > 0 || note.signal !== undefined) return undefined;
  const previous = previousNote(e, facts);
  if (previous !== undefined && previous.cwnd === note.cwnd && previous.phase === note.phase) {
    return undefined;
  }
  const size = windowSize(note.cwnd, note.smss);
  if (previous === undefined) {
    return `Congestion control lets it send this much unacknowledged data at first: an initial window of ${size} (RFC 6928), in slow start (RFC 5681 §3.1).`;
  }
  switch (note.phase) {
    case 'slow-start':
      return `Its congestion window is now ${size}, up from ${windowSize(previous.cwnd, note.smss)}: in slow start each ACK of new data widens it by about what it acknowledged, so the window roughly doubles every round trip (RFC 5681 §3.1); ssthresh is ${ssthreshText(note)}.`;
    case 'congestion-avoidance':
      return `Its congestion window is now ${size}, at or above ssthresh ${ssthreshText(note)}: in congestion avoidance it grows by about one segment per round trip (RFC 5681 §3.1).`;
    case 'fast-recovery':
      return `It is sent in fast recovery: each further duplicate ACK said a segment had left the network, inflating the congestion window to ${size} (RFC 5681 §3.2 step 4).`;
  }
}

/** The note of the sender's previous segment on the same connection that carried one. */
function previousNote(e: SendEvent, facts: TraceFacts): CongestionNote | undefined {
  for (let i = facts.sends.indexOf(e) - 1; i >= 0; i--) {
    const s = facts.sends[i];
    if (s === undefined || s.from !== e.from || s.src !== e.src || s.dst !== e.dst) continue;
    if (s.congestion !== undefined) return s.congestion;
  }
  return undefined;
}
