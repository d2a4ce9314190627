/**
 * The pieces of a `send` event that repeat from segment to segment, built once and shared:
 * flag lists, "address:port" labels and option lists. A long run writes a million send
 * events; a fresh array and two fresh strings for each were much of their weight in the heap.
 * Shared values are frozen, so a reader that tried to change one would fail loudly instead of
 * changing every event that shares it.
 */
import { flagNames, formatEndpoint } from '../engine';
import type { CongestionNote, FlagName, Packet } from '../engine';
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
 * data of the same shape, never changed once a segment is built, so the trace keeps the
 * engine's list instead of copying it; and since a burst of segments from one sender carries
 * the same options (the same timestamp within a millisecond), a list equal to the sender's
 * previous one is replaced by that one, so the burst shares a single list.
 */
export class OptionLists {
  private readonly previous = new Map<string, readonly TraceOption[]>();

  list(from: string, packet: Packet): readonly TraceOption[] {
    const options: readonly TraceOption[] = packet.segment.options;
    if (options.length === 0) return NO_OPTIONS;
    const previous = this.previous.get(from);
    // The engine hands out one list per timestamp pair (options.ts), so a burst's lists are
    // usually the very same array: known without comparing them option by option.
    if (previous === options) return previous;
    if (previous !== undefined && sameOptions(previous, options)) return previous;
    this.previous.set(from, options);
    return options;
  }
}

function sameOptions(a: readonly TraceOption[], b: readonly TraceOption[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (!sameOption(a[i] as TraceOption, b[i] as TraceOption)) return false;
  }
  return true;
}

function sameOption(a: TraceOption, b: TraceOption): boolean {
  switch (a.kind) {
    case 'eol':
    case 'nop':
    case 'sackOK':
      return b.kind === a.kind;
    case 'mss':
      return b.kind === 'mss' && b.value === a.value;
    case 'wscale':
      return b.kind === 'wscale' && b.shift === a.shift;
    case 'ts':
      return b.kind === 'ts' && b.val === a.val && b.ecr === a.ecr;
    case 'sack':
      return (
        b.kind === 'sack' &&
        b.blocks.length === a.blocks.length &&
        a.blocks.every(([l, r], i) => b.blocks[i]?.[0] === l && b.blocks[i]?.[1] === r)
      );
    case 'unknown':
      return (
        b.kind === 'unknown' &&
        b.type === a.type &&
        b.data.length === a.data.length &&
        a.data.every((x, i) => b.data[i] === x)
      );
  }
}

/** One run's shared parts of send events. */
export interface SharedParts {
  readonly labels: EndpointLabels;
  readonly options: OptionLists;
}

/** Whether a send event ends with its arrival time or the time it is lost half-way. */
export type SendEnd = 'arrives' | 'drops';

/**
 * A send event for `packet`. Literal shapes rather than spreads of optional fields: one
 * allocation with all its properties in place, in the key order the JSON form (and so every
 * saved trace and the CLI's jsonl) has always had. `congestion`, when given, is the event's
 * last field: a first transmission of data has it in its literal, because a field added after
 * the literal lives outside the object (V8 gives it a separate property array of 40 bytes, on
 * this 64-bit Node without pointer compression), while in the literal it is one 8-byte slot.
 * A caller with rarer fields to add before it (UDP ports, IP fields, a SYN cookie) passes none
 * and adds it in place after them; a retransmission's is added in place too (they are few).
 */
export function sendEvent(
  shared: SharedParts,
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
  congestion?: CongestionNote,
): SendEvent {
  const segment = packet.segment;
  const type = 'send';
  const src = shared.labels.label(packet.src, segment.srcPort);
  const dst = shared.labels.label(packet.dst, segment.dstPort);
  const flags = flagList(segment.flags);
  const { seq, ack, window: win } = segment;
  const len = segment.payload.length;
  const options = shared.options.list(from, packet);
  if (original === undefined && congestion !== undefined) {
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
          congestion,
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
          congestion,
        };
  }
  let event: SendEvent;
  if (original === undefined) {
    event =
      end === 'arrives'
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
  } else {
    event =
      end === 'arrives'
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
  if (congestion !== undefined) (event as { congestion?: CongestionNote }).congestion = congestion;
  return event;
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
      label = formatEndpoint(address, port);
      ports.set(port, label);
    }
    return label;
  }
}
