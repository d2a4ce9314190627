/**
 * The pieces of a `send` event that repeat from segment to segment, built once and shared:
 * flag lists, "address:port" labels and option lists. A long run writes a million send
 * events; a fresh array and two fresh strings for each were much of their weight in the heap.
 * Shared values are frozen, so a reader that tried to change one would fail loudly instead of
 * changing every event that shares it.
 */
import { flagNames } from '../engine/flags';
import type { FlagName, Packet } from '../engine/types';
import type { SendEvent, TraceOption } from './trace';

const FLAG_LISTS: (readonly FlagName[] | undefined)[] = [];

/** The flag names of a flag byte, one shared frozen array per distinct byte. */
export function flagList(flags: number): readonly FlagName[] {
  let list = FLAG_LISTS[flags];
  if (list === undefined) {
    list = Object.freeze(flagNames(flags));
    FLAG_LISTS[flags] = list;
  }
  return list;
}

const NO_OPTIONS: readonly TraceOption[] = Object.freeze([]);

/**
 * The segment's options as the trace writes them. The engine's options are readonly plain
 * data of the same shape, never changed once a segment is built, so the trace shares the
 * engine's list instead of copying it.
 */
export function traceOptions(packet: Packet): readonly TraceOption[] {
  const options = packet.segment.options;
  return options.length === 0 ? NO_OPTIONS : options;
}

/** Whether a send event ends with its arrival time or the time it is lost half-way. */
export type SendEnd = 'arrives' | 'drops';

/**
 * A send event for `packet`. Four literal shapes rather than spreads of optional fields: one
 * allocation with all its properties in place, in the key order the JSON form (and so every
 * saved trace and the CLI's jsonl) has always had.
 */
export function sendEvent(
  labels: EndpointLabels,
  packet: Packet,
  t: number,
  id: number,
  from: string,
  to: string,
  retransmit: number,
  original: number | undefined,
  payload: string,
  end: SendEnd,
  endTime: number,
): SendEvent {
  const segment = packet.segment;
  const type = 'send';
  const src = labels.label(packet.src, segment.srcPort);
  const dst = labels.label(packet.dst, segment.dstPort);
  const flags = flagList(segment.flags);
  const { seq, ack, window: win } = segment;
  const len = segment.payload.length;
  const options = traceOptions(packet);
  if (original === undefined) {
    return end === 'arrives'
      ? {
          t,
          type,
          id,
          from,
          to,
          src,
          dst,
          flags,
          seq,
          ack,
          len,
          win,
          options,
          retransmit,
          payload,
          arrivesAt: endTime,
        }
      : {
          t,
          type,
          id,
          from,
          to,
          src,
          dst,
          flags,
          seq,
          ack,
          len,
          win,
          options,
          retransmit,
          payload,
          dropsAt: endTime,
        };
  }
  return end === 'arrives'
    ? {
        t,
        type,
        id,
        from,
        to,
        src,
        dst,
        flags,
        seq,
        ack,
        len,
        win,
        options,
        retransmit,
        original,
        payload,
        arrivesAt: endTime,
      }
    : {
        t,
        type,
        id,
        from,
        to,
        src,
        dst,
        flags,
        seq,
        ack,
        len,
        win,
        options,
        retransmit,
        original,
        payload,
        dropsAt: endTime,
      };
}

/** "address:port" labels (SendEvent.src and .dst), one string per distinct pair. */
export class EndpointLabels {
  private readonly byAddress = new Map<string, Map<number, string>>();

  label(address: string, port: number): string {
    let ports = this.byAddress.get(address);
    if (ports === undefined) {
      ports = new Map();
      this.byAddress.set(address, ports);
    }
    let label = ports.get(port);
    if (label === undefined) {
      label = `${address}:${port}`;
      ports.set(port, label);
    }
    return label;
  }
}
