/**
 * A host: one IP address, its listeners and connections (RFC 9293 §3.3.1 "sockets") and its
 * timer table. The engine changes it in place; snapshotHost gives an independent copy.
 * Sockets are indexed by id, by the connection's 4-tuple and by listening port.
 */
import type { SocketOptions, SynCookies } from './api';
import { snapshotConn, type Conn } from './conn';
import { FIRST_AS_DOUBLE } from './conn-init';
import type { CachedCookie } from './fastopen-client';
import type { IpOptions } from './ip-fields';
import type { IsnConfig } from './isn';
import type { Profile } from './profiles';
import type { Ctx } from './step';
import type { TimerTable } from './timer-table';
import type { SocketId } from './types';

export interface Listener {
  readonly kind: 'listener';
  readonly id: SocketId;
  readonly port: number;
  /** listen()'s backlog, as granted (cut to maxBacklog). */
  readonly backlog: number;
  /** How many entries each queue holds before it is full (the profile's listenQueueRoom). */
  readonly room: number;
  /** Embryonic connections in SYN-RECEIVED (the SYN queue). */
  readonly synQueue: SocketId[];
  /** Established connections waiting for accept(). */
  readonly acceptQueue: SocketId[];
  /** Set at listen(); TCP_FASTOPEN may change later (setFastOpen). */
  options: SocketOptions;
}

export type Sock = Listener | Conn;

export interface Host {
  readonly address: string;
  /** Read afresh by every step, so retuneHost() reaches every socket at once. */
  profile: Profile;
  readonly isn: IsnConfig;
  readonly synCookies: SynCookies;
  /** The largest backlog listen() grants (Linux net.core.somaxconn); null: no limit. */
  readonly maxBacklog: number | null;
  nextPort: number;
  nextId: SocketId;
  readonly sockets: Map<SocketId, Sock>;
  /** Connection ids by a hash of (remote address, remote port, local port). */
  readonly byTuple: Map<number, SocketId[]>;
  /** Listener id by port. */
  readonly byPort: Map<number, SocketId>;
  /** Ports bound by a socket that neither listens nor connects, with its IP options. */
  readonly bound: Map<number, IpOptions>;
  /** The Fast Open client's cookie cache (RFC 7413 §4.1.3), keyed by fastopen-client cacheKey. */
  readonly fastOpenCookies: Map<string, CachedCookie>;
  /**
   * TCP-MD5 keys by direction, `source>destination` (the IPsec security associations FreeBSD's
   * tcp_signature_compute() looks up; setkey adds them; tcp-md5.ts).
   */
  readonly md5Keys: Map<string, Uint8Array>;
  readonly timers: TimerTable;
  /** The host's interface queue refuses every packet until told otherwise (refuseTransmits()). */
  refusesTransmit: boolean;
}

/** An independent copy of a host: later steps on either one leave the other as it was. */
export function snapshotHost(host: Host): Host {
  const sockets = new Map<SocketId, Sock>();
  for (const [id, s] of host.sockets) {
    sockets.set(
      id,
      s.kind === 'conn'
        ? snapshotConn(s)
        : { ...s, synQueue: [...s.synQueue], acceptQueue: [...s.acceptQueue] },
    );
  }
  const byTuple = new Map<number, SocketId[]>();
  for (const [k, ids] of host.byTuple) byTuple.set(k, [...ids]);
  return hostLaidOut({
    ...host,
    sockets,
    byTuple,
    byPort: new Map(host.byPort),
    bound: new Map(host.bound),
    fastOpenCookies: new Map(host.fastOpenCookies),
    md5Keys: new Map(host.md5Keys),
    timers: host.timers.copy(),
  });
}

/**
 * The host's fields in the one order every host has them, each in the object itself: fresh
 * hosts and snapshot copies share one hidden class (see conn-init.ts, laidOut).
 */
export function hostLaidOut(h: Host): Host {
  return {
    address: h.address,
    profile: h.profile,
    isn: h.isn,
    synCookies: h.synCookies,
    maxBacklog: h.maxBacklog,
    nextPort: h.nextPort,
    nextId: h.nextId,
    sockets: h.sockets,
    byTuple: h.byTuple,
    byPort: h.byPort,
    bound: h.bound,
    fastOpenCookies: h.fastOpenCookies,
    md5Keys: h.md5Keys,
    timers: h.timers,
    refusesTransmit: h.refusesTransmit,
  };
}

/** Address hashes already computed (a memo: V8 caches a string's own hash, so this is cheap). */
const addressHashes = new Map<string, number>();
/** The address hashed last, before the memo: a host's segments nearly all come from one peer. */
let lastAddress = '';
let lastHash = 0;

function addressHash(address: string): number {
  if (address === lastAddress) return lastHash;
  let h = addressHashes.get(address);
  if (h === undefined) {
    h = 0;
    for (let i = 0; i < address.length; i++) h = (Math.imul(h, 31) + address.charCodeAt(i)) | 0;
    if (addressHashes.size >= 4096) addressHashes.clear();
    addressHashes.set(address, h);
  }
  lastAddress = address;
  lastHash = h;
  return h;
}

/**
 * A 32-bit key for (remote address, remote port, local port); collisions share a bucket. Signed,
 * so that V8 keeps every key a small integer: an unsigned one above 2^31 is a heap number, made
 * afresh for each lookup and hashed as a double.
 */
function tupleKey(localPort: number, remoteAddress: string, remotePort: number): number {
  const h = Math.imul(addressHash(remoteAddress) ^ (remotePort << 16) ^ localPort, 0x9e3779b1);
  return (h ^ (h >>> 15)) | 0;
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
    const s = host.sockets.get(id);
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
  const s = id === undefined ? undefined : host.sockets.get(id);
  return s && s.kind === 'listener' ? s : undefined;
}

/** Enters a new socket in the host's tables. */
export function addSock(host: Host, s: Sock): void {
  host.sockets.set(s.id, s);
  if (s.kind === 'listener') {
    host.byPort.set(s.port, s.id);
  } else {
    const k = tupleKey(s.tuple.localPort, s.tuple.remoteAddress, s.tuple.remotePort);
    const ids = host.byTuple.get(k);
    if (ids) ids.push(s.id);
    else host.byTuple.set(k, [s.id]);
  }
}

export function removeSock(host: Host, id: SocketId): void {
  const s = host.sockets.get(id);
  if (!s) return;
  host.sockets.delete(id);
  if (s.kind === 'listener') {
    host.byPort.delete(s.port);
    return;
  }
  const k = tupleKey(s.tuple.localPort, s.tuple.remoteAddress, s.tuple.remotePort);
  const rest = (host.byTuple.get(k) ?? []).filter((x) => x !== id);
  if (rest.length > 0) host.byTuple.set(k, rest);
  else host.byTuple.delete(k);
}

/**
 * After a step on a connection, keeps the host's bookkeeping in step with it: a deleted TCB
 * that the application no longer holds leaves the host; a child that reached ESTABLISHED
 * moves from its listener's SYN queue to the accept queue. `wasEmbryonic` is what
 * `embryonic` said before the step.
 */
export function settle(host: Host, c: Conn, wasEmbryonic: boolean, ctx: Ctx): void {
  const held = c.owned || (ctx.profile.resetChildStaysQueued && queuedForAccept(host, c));
  const gone = c.state === 'LISTEN' || (c.state === 'CLOSED' && (!held || c.appClosed));
  if (gone) removeSock(host, c.id);
  if (c.listener === null) return;
  const l = host.sockets.get(c.listener);
  if (!l || l.kind !== 'listener') return;
  if (gone) {
    const fromSyn = dropId(l.synQueue, c.id);
    if (dropId(l.acceptQueue, c.id) || fromSyn) queuesChanged(l, ctx);
  } else if (wasEmbryonic && !embryonic(c)) {
    dropId(l.synQueue, c.id);
    l.acceptQueue.push(c.id);
    queuesChanged(l, ctx);
    ctx.out.push({ type: 'acceptable', listener: l.id, socket: c.id });
  }
}

/** A `queues` output: the listener's SYN or accept queue changed, or the listener came or went. */
export function queuesChanged(l: Listener, ctx: Ctx): void {
  ctx.out.push({ type: 'queues', listener: l.id });
}

/** Whether the connection waits in its listener's accept queue (not the SYN queue). */
function queuedForAccept(host: Host, c: Conn): boolean {
  const l = c.listener === null ? undefined : host.sockets.get(c.listener);
  return l?.kind === 'listener' && l.acceptQueue.includes(c.id);
}

/** Removes `id` from the queue; false if it was not there. */
function dropId(ids: SocketId[], id: SocketId): boolean {
  const i = ids.indexOf(id);
  if (i >= 0) ids.splice(i, 1);
  return i >= 0;
}

/**
 * A child that waits for its third ACK in the SYN queue. A Fast Open child that took data
 * from the SYN may be accepted at once (RFC 7413 §4.2.2; Linux queues it for accept()).
 */
export function embryonic(c: Conn): boolean {
  return c.state === 'SYN-RECEIVED' && !c.fastOpened;
}

/** A step's context for `host` at `now`: what every segment it sends reads of the host. */
export function ctxOf(host: Host, now: number): Ctx {
  const ctx: Ctx = {
    // A double from the start, as the TCB's times (conn-init.ts, FIRST_AS_DOUBLE).
    now: FIRST_AS_DOUBLE,
    profile: host.profile,
    timers: host.timers,
    out: [],
    refusesTransmit: host.refusesTransmit,
    md5Keys: host.md5Keys,
  };
  ctx.now = now;
  return ctx;
}
