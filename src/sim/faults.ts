/**
 * Targeted faults ("drop the first SYN-ACK", "drop every SYN", "delay one FIN by 500 ms") and
 * the segment kinds they match. Counting is per fault and includes retransmissions: the
 * second SYN of a connection is SYN #2.
 */
import { Flag, type Segment } from '../engine';
import type { Direction, Fault, SegmentKind } from './scenario';

/** Whether `segment` is of `kind` (see SegmentKind for the exact meaning of each). */
export function matchesKind(segment: Segment, kind: SegmentKind): boolean {
  const f = segment.flags;
  switch (kind) {
    case 'SYN':
      return (f & Flag.SYN) !== 0 && (f & Flag.ACK) === 0;
    case 'SYN-ACK':
      return (f & Flag.SYN) !== 0 && (f & Flag.ACK) !== 0;
    case 'ACK':
      return (
        (f & Flag.ACK) !== 0 &&
        (f & (Flag.SYN | Flag.FIN | Flag.RST)) === 0 &&
        segment.payload.length === 0
      );
    case 'FIN':
      return (f & Flag.FIN) !== 0;
    case 'RST':
      return (f & Flag.RST) !== 0;
    case 'DATA':
      return segment.payload.length > 0;
  }
}

/** What the faults do to one segment. */
export interface FaultEffect {
  readonly drop: boolean;
  /** Extra delay in ms. */
  readonly delay: number;
  /** Spacing of a forced duplicate, if any (every effect has the field). */
  readonly duplicateBy: number | undefined;
}

/** What no fault does: most runs have no faults, and most segments match none. */
const UNTOUCHED: FaultEffect = Object.freeze({ drop: false, delay: 0, duplicateBy: undefined });

/** Counts matches per fault over a run; one instance per run. */
export class FaultBook {
  private readonly counts: number[];

  constructor(
    private readonly faults: readonly Fault[],
    counts?: readonly number[],
  ) {
    this.counts = counts ? [...counts] : faults.map(() => 0);
  }

  /** An independent copy with the counts so far (a world snapshot's). */
  copy(): FaultBook {
    return new FaultBook(this.faults, this.counts);
  }

  /** Registers `segment` travelling in `direction` and returns what the faults do to it. */
  apply(direction: Direction, segment: Segment): FaultEffect {
    let drop = false;
    let delay = 0;
    let duplicateBy: number | undefined;
    let touched = false;
    // A plain loop: a forEach callback that writes these three made a closure and its context
    // per segment, even in a run without faults.
    const faults = this.faults;
    for (let i = 0; i < faults.length; i++) {
      const fault = faults[i] as Fault;
      if (fault.direction !== direction || !matchesKind(segment, fault.match)) continue;
      const count = (this.counts[i] ?? 0) + 1;
      this.counts[i] = count;
      if (fault.nth !== 'every' && fault.nth !== count) continue;
      touched = true;
      if (fault.action === 'drop') drop = true;
      else if (fault.action === 'delay') delay += fault.by;
      else duplicateBy = fault.by;
    }
    return touched ? { drop, delay, duplicateBy } : UNTOUCHED;
  }
}
