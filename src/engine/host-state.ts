/**
 * A host: one IP address, its listeners and connections (RFC 9293 §3.3.1 "sockets"), as
 * an immutable record. Sockets live in a map that each step copies once; the records in
 * it are shared between versions.
 */
import type { SocketOptions } from './api';
import type { Conn } from './conn';
import type { IsnConfig } from './isn';
import type { Profile } from './profiles';
import type { SocketId } from './types';
import type { Ctx } from './step';

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
  readonly sockets: ReadonlyMap<SocketId, Sock>;
}

/** Finds the connection a segment belongs to (its 4-tuple), skipping deleted TCBs. */
export function findConn(
  host: Host,
  localPort: number,
  remoteAddress: string,
  remotePort: number,
): Conn | undefined {
  for (const s of host.sockets.values()) {
    if (
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
  for (const s of host.sockets.values()) {
    if (s.kind === 'listener' && s.port === port) return s;
  }
  return undefined;
}

/**
 * Stores a connection's new TCB and keeps the host's bookkeeping in step with it: a
 * deleted TCB that the application no longer holds leaves the host; a child that reached
 * ESTABLISHED moves from its listener's SYN queue to the accept queue.
 */
export function settle(
  sockets: Map<SocketId, Sock>,
  before: Conn | null,
  after: Conn,
  ctx: Ctx,
): void {
  const gone =
    after.state === 'LISTEN' || (after.state === 'CLOSED' && (!after.owned || after.appClosed));
  if (gone) sockets.delete(after.id);
  else sockets.set(after.id, after);
  if (after.listener === null) return;
  const listener = sockets.get(after.listener);
  if (!listener || listener.kind !== 'listener') return;
  const wasEmbryonic = before === null || before.state === 'SYN-RECEIVED';
  if (gone) {
    sockets.set(listener.id, {
      ...listener,
      synQueue: listener.synQueue.filter((id) => id !== after.id),
      acceptQueue: listener.acceptQueue.filter((id) => id !== after.id),
    });
  } else if (wasEmbryonic && after.state !== 'SYN-RECEIVED') {
    sockets.set(listener.id, {
      ...listener,
      synQueue: listener.synQueue.filter((id) => id !== after.id),
      acceptQueue: [...listener.acceptQueue, after.id],
    });
    ctx.out.push({ type: 'acceptable', listener: listener.id, socket: after.id });
  } else if (before === null) {
    sockets.set(listener.id, { ...listener, synQueue: [...listener.synQueue, after.id] });
  }
}
