/**
 * A flood read as a flood: a spoofed source's segments sent in one burst are drawn as one
 * labelled arrow ("8 × SYN from spoofed sources") rather than a heap of labels, and their losses
 * share one mark. A burst is the run of segments between one pair of lanes, with the same flags
 * and transmission count, each sent within BURST_GAP of the one before.
 */
import type { SegmentSpan } from '../../store';

/** Segments further apart than this start a new burst (ms). */
export const BURST_GAP = 100;

export interface Burst {
  /** Key of the burst's first segment: the one that carries its label and its loss mark. */
  readonly first: string;
  readonly keys: string[];
  /** The segments' flags as a label writes them ("SYN", "SYN-ACK"). */
  readonly flags: string;
  /** "from spoofed sources" or "to spoofed sources". */
  readonly towards: string;
}

/**
 * Bursts of the spans (in send order) that come from or go to a spoofed lane, by each member's
 * key; a segment alone in its burst is left out (it keeps its own label).
 */
export function floodBursts(
  spans: readonly SegmentSpan[],
  spoofed: ReadonlySet<string>,
  keyOf: (span: SegmentSpan) => string,
  flagsOf: (span: SegmentSpan) => string,
): Map<string, Burst> {
  // Most runs have no spoofed lane: a big script run's thousands of spans are not walked.
  if (spoofed.size === 0) return new Map();
  const open = new Map<string, { burst: Burst; lastAt: number }>();
  const all: Burst[] = [];
  for (const span of spans) {
    const { from, to, retransmit } = span.send;
    const fromSpoofed = spoofed.has(from);
    if (span.copy || (!fromSpoofed && !spoofed.has(to))) continue;
    const flags = flagsOf(span);
    const kind = `${from}>${to} ${flags} ${retransmit}`;
    const running = open.get(kind);
    if (running && span.sentAt - running.lastAt <= BURST_GAP) {
      running.burst.keys.push(keyOf(span));
      running.lastAt = span.sentAt;
      continue;
    }
    const burst: Burst = {
      first: keyOf(span),
      keys: [keyOf(span)],
      flags,
      towards: fromSpoofed ? 'from spoofed sources' : 'to spoofed sources',
    };
    all.push(burst);
    open.set(kind, { burst, lastAt: span.sentAt });
  }
  const byKey = new Map<string, Burst>();
  for (const burst of all) {
    if (burst.keys.length < 2) continue;
    for (const key of burst.keys) byKey.set(key, burst);
  }
  return byKey;
}

/** "8 × SYN from spoofed sources" (with "RTX " ahead for a burst of retransmissions). */
export function burstLabel(burst: Burst, count: number, tag: string): string {
  return `${tag}${count} × ${burst.flags} ${burst.towards}`;
}
