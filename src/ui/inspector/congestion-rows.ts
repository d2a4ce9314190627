/**
 * The inspector's rows for the sender's congestion control when the segment left: not header
 * fields, but the window that let it go (RFC 5681), as the engine had it (SendEvent.congestion).
 */
import type { SendEvent } from '../../sim/trace';
import { phaseName } from '../format/narrate-congestion';
import { bytes, The, the } from '../format/words';
import type { FieldRow } from './field-rows';

const PHASE_WHY: Readonly<Record<string, string>> = {
  'slow start':
    'cwnd is below ssthresh: each ACK of new data widens it by about what it acknowledged, doubling it every round trip (RFC 5681 §3.1).',
  'congestion avoidance':
    'cwnd has reached ssthresh: it grows by about one segment per round trip (RFC 5681 §3.1).',
  'fast recovery':
    'after a fast retransmit, until everything sent before the loss is acknowledged; each duplicate ACK inflates cwnd by one segment (RFC 5681 §3.2, RFC 6582).',
};

/** "14 segments" (one decimal when the window is no whole number of them). */
function segments(n: number, smss: number): string {
  const count = Math.round((n / smss) * 10) / 10;
  return count === 1 ? '1 segment' : `${count} segments`;
}

export function congestionRows(e: SendEvent): FieldRow[] {
  const note = e.congestion;
  if (note === undefined) return [];
  const phase = phaseName(note);
  const cwndWhy = `${The(e.from)} keeps at most this much data unacknowledged, whatever ${the(e.to)}'s window allows: it sends within min(cwnd, SND.WND) (RFC 5681 §3.1).`;
  const ssthreshWhy =
    note.ssthresh === null
      ? 'No loss has been seen on this connection yet, so slow start may go on (RFC 5681 §3.1).'
      : 'Set when a loss was detected, to half of what was in flight or of cwnd; below it cwnd grows by slow start, above it by congestion avoidance (RFC 5681 §3.1 eq. 4).';
  return [
    {
      id: 'cc:cwnd',
      name: 'Congestion window (cwnd)',
      value: segments(note.cwnd, note.smss),
      alt: bytes(note.cwnd),
      why: cwndWhy,
      group: 'sender',
    },
    {
      id: 'cc:ssthresh',
      name: 'Slow-start threshold (ssthresh)',
      value: note.ssthresh === null ? 'not set' : segments(note.ssthresh, note.smss),
      ...(note.ssthresh === null ? {} : { alt: bytes(note.ssthresh) }),
      why: ssthreshWhy,
      group: 'sender',
    },
    {
      id: 'cc:phase',
      name: 'Phase',
      value: phase,
      why: `${phase[0]?.toUpperCase() ?? ''}${phase.slice(1)}: ${PHASE_WHY[phase] ?? ''}`,
      group: 'sender',
    },
  ];
}
