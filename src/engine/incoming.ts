/**
 * The "idealized segment" of RFC 9293 §3.10.7.4: what is left of an arriving segment
 * after the parts outside the receive window (including a duplicate SYN or FIN) have
 * been trimmed off. The later checks read only this view.
 */
import type { Seq, Segment } from './types';
import { Flag } from './types';

export interface Incoming {
  readonly seg: Segment;
  /** Sequence number of the first byte of `data` (or of the FIN when data is empty). */
  seq: Seq;
  syn: boolean;
  fin: boolean;
  data: Uint8Array;
}

export function incoming(seg: Segment): Incoming {
  return {
    seg,
    seq: seg.seq,
    syn: (seg.flags & Flag.SYN) !== 0,
    fin: (seg.flags & Flag.FIN) !== 0,
    data: seg.payload,
  };
}
