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

/**
 * The first transmissions recorded between two snapshots, by connection. Once a snapshot is
 * taken the layer is frozen: the run and its snapshots share it and write only to newer ones.
 */
interface Layer {
  readonly byConnection: Map<string, Spaces>;
  /** Entries recorded in it, to keep the stack of layers logarithmic (see `freeze`). */
  size: number;
}

/** The connection a sender used most recently, so a run of its sends skips the key lookup. */
interface RecentConnection {
  readonly srcPort: number;
  readonly dst: string;
  readonly dstPort: number;
  /** Its spaces in the writable layer. */
  readonly spaces: Spaces;
  /** Its spaces in the frozen layers, newest first (empty in a run never snapshotted). */
  readonly frozen: readonly Spaces[];
}

const newLayer = (): Layer => ({ byConnection: new Map(), size: 0 });

/**
 * First transmission id by sequence space. A retransmission repeats the same sender, ports,
 * seq and (PSH aside) flags; failing that, the same seq (a retransmission may add a FIN to the
 * data). Keys are numbers within a per-connection map, not strings built per segment.
 *
 * `copy` (a world snapshot's) costs little: the run and the copy share what was recorded so
 * far as frozen layers, each writing to a layer of its own. Copying every map instead made a
 * snapshot cost as much as the run so far, and snapshots every 512 steps most of a fork.
 */
export class FirstTransmissions {
  /** Frozen layers, oldest first; each at least twice the size of the next. */
  private frozen: readonly Layer[] = [];
  private top: Layer = newLayer();
  private readonly recent = new Map<string, RecentConnection>();

  /** An independent copy (a world snapshot's). */
  copy(): FirstTransmissions {
    this.freeze();
    const c = new FirstTransmissions();
    c.frozen = this.frozen;
    return c;
  }

  /** Records a first transmission (retransmit 0) and returns nothing to link it to. */
  record(from: string, packet: Packet, id: number): void {
    const { spaces, frozen } = this.connectionOf(from, packet);
    const seq = packet.segment.seq;
    const flags = exactFlags(packet);
    let bySeq = spaces.exact.get(flags);
    if (bySeq === undefined) {
      bySeq = new Map();
      spaces.exact.set(flags, bySeq);
    }
    bySeq.set(seq, id);
    this.top.size++;
    if (spaces.loose.has(seq)) return;
    for (const below of frozen) if (below.loose.has(seq)) return;
    spaces.loose.set(seq, id);
  }

  /** The id of the first transmission a retransmission repeats, if it is known. */
  originalOf(from: string, packet: Packet): number | undefined {
    const { spaces, frozen } = this.connectionOf(from, packet);
    const seq = packet.segment.seq;
    const flags = exactFlags(packet);
    const exact = spaces.exact.get(flags)?.get(seq);
    if (exact !== undefined) return exact;
    for (const below of frozen) {
      const id = below.exact.get(flags)?.get(seq);
      if (id !== undefined) return id;
    }
    const loose = spaces.loose.get(seq);
    if (loose !== undefined) return loose;
    for (const below of frozen) {
      const id = below.loose.get(seq);
      if (id !== undefined) return id;
    }
    return undefined;
  }

  /**
   * Makes the writable layer frozen and starts a new one. Layers are merged (into new maps:
   * older snapshots still read the old ones) until each is at least twice the next, so there
   * are at most log2(entries) of them and each entry is copied at most that often.
   */
  private freeze(): void {
    this.recent.clear();
    if (this.top.size === 0) return;
    const layers = [...this.frozen, this.top];
    this.top = newLayer();
    for (;;) {
      const newer = layers[layers.length - 1];
      const older = layers[layers.length - 2];
      if (newer === undefined || older === undefined || older.size >= 2 * newer.size) break;
      layers.splice(layers.length - 2, 2, merged(older, newer));
    }
    this.frozen = layers;
  }

  private connectionOf(from: string, packet: Packet): RecentConnection {
    const s = packet.segment;
    const recent = this.recent.get(from);
    if (
      recent !== undefined &&
      recent.srcPort === s.srcPort &&
      recent.dst === packet.dst &&
      recent.dstPort === s.dstPort
    ) {
      return recent;
    }
    const key = `${from}|${s.srcPort}>${packet.dst}:${s.dstPort}`;
    let spaces = this.top.byConnection.get(key);
    if (spaces === undefined) {
      spaces = { exact: new Map(), loose: new Map() };
      this.top.byConnection.set(key, spaces);
    }
    const frozen: Spaces[] = [];
    for (let i = this.frozen.length - 1; i >= 0; i--) {
      const below = this.frozen[i]?.byConnection.get(key);
      if (below !== undefined) frozen.push(below);
    }
    const connection = { srcPort: s.srcPort, dst: packet.dst, dstPort: s.dstPort, spaces, frozen };
    this.recent.set(from, connection);
    return connection;
  }
}

/** One layer holding both: the newer's exact entries win, the older's loose ones stay first. */
function merged(older: Layer, newer: Layer): Layer {
  const byConnection = new Map<string, Spaces>();
  for (const [key, spaces] of older.byConnection) byConnection.set(key, cloned(spaces));
  for (const [key, spaces] of newer.byConnection) {
    const into = byConnection.get(key);
    if (into === undefined) {
      byConnection.set(key, cloned(spaces));
      continue;
    }
    for (const [flags, bySeq] of spaces.exact) {
      const target = into.exact.get(flags);
      if (target === undefined) into.exact.set(flags, new Map(bySeq));
      else for (const [seq, id] of bySeq) target.set(seq, id);
    }
    for (const [seq, id] of spaces.loose) if (!into.loose.has(seq)) into.loose.set(seq, id);
  }
  return { byConnection, size: older.size + newer.size };
}

function cloned(spaces: Spaces): Spaces {
  const exact = new Map<number, Map<number, number>>();
  for (const [flags, bySeq] of spaces.exact) exact.set(flags, new Map(bySeq));
  return { exact, loose: new Map(spaces.loose) };
}

function exactFlags(packet: Packet): number {
  return packet.segment.flags & ~Flag.PSH & 0xff;
}
