/**
 * Links each retransmission to the first transmission of the same sequence space (the trace's
 * `original`), looked up once per segment sent.
 */
import { Flag, type Packet } from '../engine';

/** The connection a sender used most recently, so a run of its sends skips the key lookup. */
interface RecentConnection {
  readonly srcPort: number;
  readonly dst: string;
  readonly dstPort: number;
  readonly spaces: Map<number, number>;
}

/** Keys within one connection: seq with the flags (PSH aside), or seq alone (LOOSE). */
const FLAG_SLOTS = 512;
const LOOSE = 256;

/**
 * First transmission id by sequence space. A retransmission repeats the same sender, ports,
 * seq and (PSH aside) flags; failing that, the same seq (a retransmission may add a FIN to the
 * data). Keys are numbers within a per-connection map, not strings built per segment.
 */
export class FirstTransmissions {
  private readonly byConnection = new Map<string, Map<number, number>>();
  private readonly recent = new Map<string, RecentConnection>();

  /** An independent copy (a world snapshot's). */
  copy(): FirstTransmissions {
    const c = new FirstTransmissions();
    for (const [key, spaces] of this.byConnection) c.byConnection.set(key, new Map(spaces));
    return c;
  }

  /** Records a first transmission (retransmit 0) and returns nothing to link it to. */
  record(from: string, packet: Packet, id: number): void {
    const spaces = this.spacesOf(from, packet);
    const seqKey = packet.segment.seq * FLAG_SLOTS;
    spaces.set(seqKey + exactFlags(packet), id);
    if (!spaces.has(seqKey + LOOSE)) spaces.set(seqKey + LOOSE, id);
  }

  /** The id of the first transmission a retransmission repeats, if it is known. */
  originalOf(from: string, packet: Packet): number | undefined {
    const spaces = this.spacesOf(from, packet);
    const seqKey = packet.segment.seq * FLAG_SLOTS;
    return spaces.get(seqKey + exactFlags(packet)) ?? spaces.get(seqKey + LOOSE);
  }

  private spacesOf(from: string, packet: Packet): Map<number, number> {
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
      spaces = new Map();
      this.byConnection.set(key, spaces);
    }
    this.recent.set(from, { srcPort: s.srcPort, dst: packet.dst, dstPort: s.dstPort, spaces });
    return spaces;
  }
}

function exactFlags(packet: Packet): number {
  return packet.segment.flags & ~Flag.PSH & 0xff;
}
