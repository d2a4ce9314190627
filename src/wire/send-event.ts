/**
 * The one path from a trace's send event to bytes, shared by the inspector's hex view and
 * pcap export, so both always show the same segment.
 */
import { seq } from '../engine';
import { Flag, type Segment, type TcpOption } from '../engine';
import type { SendEvent, TraceOption } from '../sim/trace';
import { parseEndpoint } from './address';
import type { EncodedSegment } from './fields';
import { hexToBytes } from './hex';
import { encodeSegment } from './tcp-header';

export function segmentFromSendEvent(e: SendEvent): Segment {
  return naming(e, () => segmentOf(e));
}

function segmentOf(e: SendEvent): Segment {
  const src = parseEndpoint(e.src);
  const dst = parseEndpoint(e.dst);
  const payload = hexToBytes(e.payload);
  if (payload.length !== e.len) {
    throw new Error(`len is ${e.len} but the payload holds ${payload.length} bytes`);
  }
  return {
    srcPort: src.port,
    dstPort: dst.port,
    seq: seq(e.seq),
    ack: seq(e.ack),
    flags: e.flags.reduce((bits, name) => bits | Flag[name], 0),
    window: e.win,
    // The trace does not record urgent data; the engine never sends URG (RFC 9293 §3.8.5
    // keeps it only for old applications), so the pointer is zero.
    urgent: 0,
    options: e.options.map(optionFromTrace),
    payload,
  };
}

function optionFromTrace(option: TraceOption): TcpOption {
  if (option.kind !== 'sack') return option;
  return { kind: 'sack', blocks: option.blocks.map(([l, r]) => [seq(l), seq(r)] as const) };
}

/** The TCP segment of a send event as bytes, checksum included, with its field map. */
export function bytesOfSendEvent(e: SendEvent): EncodedSegment {
  return naming(e, () =>
    encodeSegment(segmentOf(e), {
      src: parseEndpoint(e.src).address,
      dst: parseEndpoint(e.dst).address,
    }),
  );
}

/** Runs `work`, prefixing any error with the segment it concerns so a caller can print it. */
function naming<T>(e: SendEvent, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw new Error(`segment #${e.id}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}
