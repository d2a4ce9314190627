/**
 * The due time of each timer an endpoint's sockets have pending. The queue keeps every timer
 * event it was given; one whose due time no longer matches this table was re-armed or
 * cancelled since, and is discarded unseen (run.ts). Kept by socket, then timer name: the
 * string key built per timer output it replaced was a visible share of a long run.
 */
import type { SocketId, TimerName } from '../engine';

export class PendingTimers {
  private readonly bySocket = new Map<SocketId, Map<TimerName, number>>();

  /** The due time of `timer` on `socket`, if it is pending. */
  get(socket: SocketId, timer: TimerName): number | undefined {
    return this.bySocket.get(socket)?.get(timer);
  }

  set(socket: SocketId, timer: TimerName, at: number): void {
    let timers = this.bySocket.get(socket);
    if (timers === undefined) {
      timers = new Map();
      this.bySocket.set(socket, timers);
    }
    timers.set(timer, at);
  }

  /** Forgets a pending timer; false when it was not pending. */
  delete(socket: SocketId, timer: TimerName): boolean {
    return this.bySocket.get(socket)?.delete(timer) ?? false;
  }

  /** Forgets every timer of a socket that is gone. */
  forgetSocket(socket: SocketId): void {
    this.bySocket.delete(socket);
  }
}
