/**
 * A host: one IP address, its listeners and connections (RFC 9293 §3.3.1 "sockets"), as
 * an immutable record. Sockets live in persistent maps (pmap.ts) indexed by id, by the
 * connection's 4-tuple and by listening port, so a step costs the same with 2 sockets or
 * 20,000; old versions of the host stay valid.
 *
 * The connection changed last is kept beside the map (`recent`) and written into it only
 * when another connection changes or the tables change, so that a run of segments on one
 * connection — a bulk transfer — copies no map path at all. Read sockets with getSock.
 */
import type { SocketOptions } from './api';
import type { Conn } from './conn';
import type { IsnConfig } from './isn';
import type { PMap } from './pmap';
import type { Profile } from './profiles';
import type { Ctx } from './step';
import type { SocketId } from './types';

export interface Listener {
  readonly kind: 'listener';
  readonly id: SocketId;
  readonly port: number;
  readonly backlog: number;
  /** Embryonic connections in SYN-RECEIVED (the SYN queue). */
  readonly synQueue: readonly SocketId[];
  /** Established connections waiting for accept(). */
  readonly acceptQueue: readonly SocketId[];
  readonly options: SocketOptions;
}

export type Sock = Listener | Conn;

export interface Host {
  readonly address: string;
  readonly profile: Profile;
  readonly isn: IsnConfig;
  readonly synCookies: boolean;
  readonly nextPort: number;
  readonly nextId: SocketId;
  /** Every socket by id; the entry for `recent.id` may be an older version of it. */
  readonly sockets: PMap<Sock>;
  /** The current version of the connection changed last (authoritative over `sockets`). */
  readonly recent: Conn | null;
  /** Connection ids by a hash of (remote address, remote port, local port). */
  readonly byTuple: PMap<readonly SocketId[]>;
  /** Listener id by port. */
  readonly byPort: PMap<SocketId>;
  /** Fast Open cookies the client learned, by server address (RFC 7413 §4.1.3). */
  readonly fastOpenCookies: ReadonlyMap<string, readonly number[]>;
}

/** The socket with this id, as it is now. */
export function getSock(host: Host, id: SocketId): Sock | undefined {
  const r = host.recent;
  return r !== null && r.id === id ? r : host.sockets.get(id);
}

/** The socket table with `recent` written in. */
export function settledSockets(host: Host): PMap<Sock> {
  const r = host.recent;
  return r === null ? host.sockets : host.sockets.set(r.id, r);
}

/** Address hashes already computed (a memo: V8 caches a string's own hash, so this is cheap). */
const addressHashes = new Map<string, number>();

function addressHash(address: string): number {
  const known = addressHashes.get(address);
  if (known !== undefined) return known;
  let h = 0;
  for (let i = 0; i < address.length; i++) h = (Math.imul(h, 31) + address.charCodeAt(i)) | 0;
  if (addressHashes.size >= 4096) addressHashes.clear();
  addressHashes.set(address, h);
  return h;
}

/** A 32-bit key for (remote address, remote port, local port); collisions share a bucket. */
function tupleKey(localPort: number, remoteAddress: string, remotePort: number): number {
  const h = Math.imul(addressHash(remoteAddress) ^ (remotePort << 16) ^ localPort, 0x9e3779b1);
  return (h ^ (h >>> 15)) >>> 0;
}

/** Finds the connection a segment belongs to (its 4-tuple), skipping deleted TCBs. */
export function findConn(
  host: Host,
  localPort: number,
  remoteAddress: string,
  remotePort: number,
): Conn | undefined {
  const ids = host.byTuple.get(tupleKey(localPort, remoteAddress, remotePort));
  if (!ids) return undefined;
  for (const id of ids) {
    const s = getSock(host, id);
    if (
      s &&
      s.kind === 'conn' &&
      s.tuple.localPort === localPort &&
      s.tuple.remotePort === remotePort &&
      s.tuple.remoteAddress === remoteAddress &&
      s.state !== 'CLOSED'
    ) {
      return s;
    }
  }
  return undefined;
}

export function findListener(host: Host, port: number): Listener | undefined {
  const id = host.byPort.get(port);
  const s = id === undefined ? undefined : getSock(host, id);
  return s && s.kind === 'listener' ? s : undefined;
}

/** The changes one step makes to a host's socket tables, applied with build(). */
export class HostEdit {
  sockets: PMap<Sock>;
  byTuple: PMap<readonly SocketId[]>;
  byPort: PMap<SocketId>;

  constructor(private readonly host: Host) {
    this.sockets = settledSockets(host);
    this.byTuple = host.byTuple;
    this.byPort = host.byPort;
  }

  get(id: SocketId): Sock | undefined {
    return this.sockets.get(id);
  }

  put(s: Sock): void {
    const old = this.sockets.get(s.id);
    this.sockets = this.sockets.set(s.id, s);
    if (old) return;
    if (s.kind === 'listener') {
      this.byPort = this.byPort.set(s.port, s.id);
    } else {
      const k = tupleKey(s.tuple.localPort, s.tuple.remoteAddress, s.tuple.remotePort);
      this.byTuple = this.byTuple.set(k, [...(this.byTuple.get(k) ?? []), s.id]);
    }
  }

  remove(id: SocketId): void {
    const s = this.sockets.get(id);
    if (!s) return;
    this.sockets = this.sockets.delete(id);
    if (s.kind === 'listener') {
      this.byPort = this.byPort.delete(s.port);
      return;
    }
    const k = tupleKey(s.tuple.localPort, s.tuple.remoteAddress, s.tuple.remotePort);
    const rest = (this.byTuple.get(k) ?? []).filter((x) => x !== id);
    this.byTuple = rest.length > 0 ? this.byTuple.set(k, rest) : this.byTuple.delete(k);
  }

  build(changes: Partial<Pick<Host, 'nextId' | 'nextPort' | 'fastOpenCookies'>> = {}): Host {
    const h = this.host;
    return {
      address: h.address,
      profile: h.profile,
      isn: h.isn,
      synCookies: h.synCookies,
      nextPort: changes.nextPort ?? h.nextPort,
      nextId: changes.nextId ?? h.nextId,
      sockets: this.sockets,
      recent: null,
      byTuple: this.byTuple,
      byPort: this.byPort,
      fastOpenCookies: changes.fastOpenCookies ?? h.fastOpenCookies,
    };
  }
}

/** The host with one connection's TCB replaced, when nothing else in the host changes. */
export function withConn(host: Host, after: Conn): Host | null {
  if (after.listener !== null || after.state === 'CLOSED' || after.state === 'LISTEN') return null;
  const r = host.recent;
  return {
    address: host.address,
    profile: host.profile,
    isn: host.isn,
    synCookies: host.synCookies,
    nextPort: host.nextPort,
    nextId: host.nextId,
    sockets: r === null || r.id === after.id ? host.sockets : host.sockets.set(r.id, r),
    recent: after,
    byTuple: host.byTuple,
    byPort: host.byPort,
    fastOpenCookies: host.fastOpenCookies,
  };
}

/**
 * Stores a connection's new TCB and keeps the host's bookkeeping in step with it: a
 * deleted TCB that the application no longer holds leaves the host; a child that reached
 * ESTABLISHED moves from its listener's SYN queue to the accept queue.
 */
export function settle(edit: HostEdit, before: Conn | null, after: Conn, ctx: Ctx): void {
  const gone =
    after.state === 'LISTEN' || (after.state === 'CLOSED' && (!after.owned || after.appClosed));
  if (gone) edit.remove(after.id);
  else edit.put(after);
  if (after.listener === null) return;
  const listener = edit.get(after.listener);
  if (!listener || listener.kind !== 'listener') return;
  const wasEmbryonic = before === null || embryonic(before);
  if (gone) {
    edit.put({
      ...listener,
      synQueue: listener.synQueue.filter((id) => id !== after.id),
      acceptQueue: listener.acceptQueue.filter((id) => id !== after.id),
    });
  } else if (wasEmbryonic && !embryonic(after)) {
    edit.put({
      ...listener,
      synQueue: listener.synQueue.filter((id) => id !== after.id),
      acceptQueue: [...listener.acceptQueue, after.id],
    });
    ctx.out.push({ type: 'acceptable', listener: listener.id, socket: after.id });
  } else if (before === null) {
    edit.put({ ...listener, synQueue: [...listener.synQueue, after.id] });
  }
}

/**
 * A child that waits for its third ACK in the SYN queue. A Fast Open child that took data
 * from the SYN may be accepted at once (RFC 7413 §4.2.2; Linux queues it for accept()).
 */
function embryonic(c: Conn): boolean {
  return c.state === 'SYN-RECEIVED' && !c.fastOpened;
}
