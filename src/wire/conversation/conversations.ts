/**
 * The TCP conversations of a capture, as Wireshark's Statistics → Conversations lists them: one
 * per pair of endpoints (address and port each), with its packets and first and last times.
 * A new SYN on a 4-tuple whose previous conversation ended (a reused port) starts another.
 */
import { Flag } from '../../engine';
import type { CapturePacket } from '../read-capture';

export interface Conversation {
  /** Its place in the list, from 1. */
  readonly index: number;
  /** The end that opened it (sent the first SYN), or the sender of its first packet. */
  readonly a: string;
  readonly b: string;
  /** Indexes into the capture's packets, in capture order. */
  readonly packetIndexes: readonly number[];
  /** ms since the first packet of the file. */
  readonly first: number;
  readonly last: number;
  /** Payload bytes in both directions. */
  readonly bytes: number;
  /** Whether its opening SYN was captured (its start can be inferred and replayed). */
  readonly opensInCapture: boolean;
}

const isOpeningSyn = (p: CapturePacket) => (p.segment.flags & (Flag.SYN | Flag.ACK)) === Flag.SYN;
const closes = (p: CapturePacket) => (p.segment.flags & (Flag.FIN | Flag.RST)) !== 0;

export function listConversations(packets: readonly CapturePacket[]): Conversation[] {
  interface Building {
    a: string;
    b: string;
    indexes: number[];
    bytes: number;
    opens: boolean;
    /** A FIN or RST was seen: a later SYN on the same pair is a new conversation. */
    ended: boolean;
  }
  const open = new Map<string, Building>();
  const all: Building[] = [];
  packets.forEach((p, i) => {
    const key = [p.src, p.dst].sort().join(' ');
    let c = open.get(key);
    if (c === undefined || (c.ended && isOpeningSyn(p))) {
      c = { a: p.src, b: p.dst, indexes: [], bytes: 0, opens: isOpeningSyn(p), ended: false };
      open.set(key, c);
      all.push(c);
    }
    c.indexes.push(i);
    c.bytes += p.segment.payload.length;
    if (closes(p)) c.ended = true;
  });
  return all.map((c, i) => {
    const times = c.indexes.map((k) => packets[k]?.t ?? 0);
    return {
      index: i + 1,
      a: c.a,
      b: c.b,
      packetIndexes: c.indexes,
      first: Math.min(...times),
      last: Math.max(...times),
      bytes: c.bytes,
      opensInCapture: c.opens,
    };
  });
}
