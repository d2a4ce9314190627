/**
 * Links each retransmission to the first transmission of the same sequence space (the trace's
 * `original`), looked up once per segment sent.
 */
import { Flag, type Packet } from '../engine';

/**
 * One connection's first transmissions: by flags (PSH aside) and seq, and by seq alone. Keyed
 * by the numbers themselves: a key computed from both was a fresh boxed double per lookup.
 */
interface Spaces {
  readonly exact: Map<number, Map<number, number>>;
  readonly loose: Map<number, number>;
}

/** The connection a sender used most recently, so a run of its sends skips the key lookup. */
interface RecentConnection {
  readonly srcPort: number;
  readonly dst: string;
  readonly dstPort: number;
  readonly spaces: Spaces;
}

/**
 * First transmission id by sequence space. A retransmission repeats the same sender, ports,
 * seq and (PSH aside) flags; failing that, the same seq (a retransmission may add a FIN to the
 * data). Keys are numbers within a per-connection map, not strings built per segment.
 */
export class FirstTransmissions {
  private readonly byConnection = new Map<string, Spaces>();
  private readonly recent = new Map<string, RecentConnection>();

  /** An independent copy (a world snapshot's). */
  copy(): FirstTransmissions {
    const c = new FirstTransmissions();
    for (const [key, { exact, loose }] of this.byConnection) {
      const copied = new Map<number, Map<number, number>>();
      for (const [flags, bySeq] of exact) copied.set(flags, new Map(bySeq));
      c.byConnection.set(key, { exact: copied, loose: new Map(loose) });
    }
    return c;
  }

  /** Records a first transmission (retransmit 0) and returns nothing to link it to. */
  record(from: string, packet: Packet, id: number): void {
    const { exact, loose } = this.spacesOf(from, packet);
    const seq = packet.segment.seq;
    const flags = exactFlags(packet);
    let bySeq = exact.get(flags);
    if (bySeq === undefined) {
      bySeq = new Map();
      exact.set(flags, bySeq);
    }
    bySeq.set(seq, id);
    if (!loose.has(seq)) loose.set(seq, id);
  }

  /** The id of the first transmission a retransmission repeats, if it is known. */
  originalOf(from: string, packet: Packet): number | undefined {
    const { exact, loose } = this.spacesOf(from, packet);
    const seq = packet.segment.seq;
    return exact.get(exactFlags(packet))?.get(seq) ?? loose.get(seq);
  }

  private spacesOf(from: string, packet: Packet): Spaces {
    const s = packet.segment;
    const recent = this.recent.get(from);
    if (
      recent !== undefined &&
      recent.srcPort === s.srcPort &&
      recent.dst === packet.dst &&
      recent.dstPort === s.dstPort
    ) {
      return recent.spaces;
    }
    const key = `${from}|${s.srcPort}>${packet.dst}:${s.dstPort}`;
    let spaces = this.byConnection.get(key);
    if (spaces === undefined) {
      spaces = { exact: new Map(), loose: new Map() };
      this.byConnection.set(key, spaces);
    }
    this.recent.set(from, { srcPort: s.srcPort, dst: packet.dst, dstPort: s.dstPort, spaces });
    return spaces;
  }
}

function exactFlags(packet: Packet): number {
  return packet.segment.flags & ~Flag.PSH & 0xff;
}
