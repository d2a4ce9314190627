/** Flag and length helpers shared by every layer that names or counts a segment. */
import { Flag, type FlagName, type Segment } from './types';

/**
 * The names of the control bits set in `flags`, in the order of the header's flag byte
 * from the low bit up: FIN SYN RST PSH ACK URG ECE CWR (RFC 9293 §3.1, RFC 3168). So a
 * SYN-ACK reads ["SYN","ACK"] and a FIN-ACK ["FIN","ACK"].
 */
export function flagNames(flags: number): FlagName[] {
  const names: FlagName[] = [];
  for (const name of FLAG_ORDER) {
    if (flags & Flag[name]) names.push(name);
  }
  return names;
}

const FLAG_ORDER: readonly FlagName[] = ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR'];

/** SEG.LEN: payload bytes plus one for SYN and one for FIN (RFC 9293 §3.4). */
export function segmentLength(seg: Segment): number {
  return seg.payload.length + (seg.flags & Flag.SYN ? 1 : 0) + (seg.flags & Flag.FIN ? 1 : 0);
}
