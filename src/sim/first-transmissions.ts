/**
 * Links a retransmission to the first transmission of the same sequence space (the trace's
 * `original`), found in the trace itself: the trace is the run's record of what was sent, and
 * a snapshot's trace is its own prefix, so the link needs no memo of its own to copy.
 */
import { Flag, type FlagName, type Packet } from '../engine';
import type { EndpointLabels } from './send-record';
import type { TraceEvent } from './trace';

const NOT_PSH = ~Flag.PSH & 0xff;

/** The flag byte of a flag list (the trace's lists are shared per byte, send-record.ts). */
const BYTES = new Map<readonly FlagName[], number>();

function flagByte(names: readonly FlagName[]): number {
  let byte = BYTES.get(names);
  if (byte === undefined) {
    byte = 0;
    for (const name of names) byte |= Flag[name];
    BYTES.set(names, byte);
  }
  return byte;
}

/**
 * The id of the first transmission a retransmission by `from` repeats, if any: the latest first
 * transmission on the same connection (sender, source port, destination address and port) with
 * the same seq and, PSH aside, the same flags; failing that, the earliest one with the same seq
 * (a retransmission may add a FIN to the data). Forged segments are nobody's transmissions.
 *
 * It reads the trace backwards: a retransmission repeats something sent about a round trip
 * ago, so the exact match is near the end; only the fallback reads the whole trace, and
 * retransmissions are rare beside the first transmissions, which cost nothing here.
 */
export function originalOf(
  trace: readonly TraceEvent[],
  from: string,
  dst: string,
  packet: Packet,
): number | undefined {
  const segment = packet.segment;
  const seq = segment.seq;
  const flags = segment.flags & NOT_PSH;
  const port = `:${segment.srcPort}`;
  let loose: number | undefined;
  for (let i = trace.length - 1; i >= 0; i--) {
    const e = trace[i] as TraceEvent;
    if (e.type !== 'send' || e.seq !== seq || e.retransmit !== 0 || e.from !== from) continue;
    if (e.dst !== dst || e.forgedBy !== undefined || !e.src.endsWith(port)) continue;
    if ((flagByte(e.flags) & NOT_PSH) === flags) return e.id;
    loose = e.id;
  }
  return loose;
}

/**
 * The trace's `original` for a segment `from` sends: none for a first transmission
 * (`retransmit` 0), else the first transmission it repeats (originalOf).
 */
export function originalOfSend(
  trace: readonly TraceEvent[],
  labels: EndpointLabels,
  from: string,
  packet: Packet,
  retransmit: number,
): number | undefined {
  if (retransmit === 0) return undefined;
  return originalOf(trace, from, labels.label(packet.dst, packet.segment.dstPort), packet);
}
