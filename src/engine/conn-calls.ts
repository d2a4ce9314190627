/**
 * Application calls on a connection (RFC 9293 §3.10.2–3.10.5: SEND, RECEIVE, CLOSE,
 * ABORT; shutdown as sockets have it). Each changes the TCB and returns the call's result.
 */
import type { CallResult } from './api';
import { isSynchronized, type Chunk, type Conn } from './conn';
import { receiveWindow, sendSegment } from './emit';
import { flush, payloadMss } from './output';
import { seqAdd, seqDiff } from './seq';
import { setState, setTimer, type Ctx } from './step';
import { Flag } from './types';

const OK: CallResult = { result: 'ok' };
/** Shared: a blocked writer or an idle reader gets it on every try. */
const EAGAIN: CallResult = { result: 'EAGAIN' };

export function connSend(d: Conn, data: Uint8Array, ctx: Ctx, handOver: boolean): CallResult {
  if (d.state === 'CLOSED') return takeError(d, 'EPIPE');
  if (d.writeShut) return { result: 'EPIPE' };
  const space = ctx.profile.sendBuffer - d.sndBuf.length;
  // Linux tcp_sendmsg() sets SOCK_NOSPACE when it runs out of room, whether it took nothing
  // (EAGAIN) or part of the data.
  if (data.length > space) d.writeBlocked = true;
  if (space <= 0) return EAGAIN;
  const take = data.length <= space ? data : data.subarray(0, space);
  d.sndBuf.append(take, handOver);
  flush(d, ctx);
  return { result: 'ok', bytes: take.length };
}

export function connReceive(d: Conn, max: number, ctx: Ctx): CallResult {
  if (d.rcvUnread > 0 && !d.readShut) {
    const data = takeBytes(d, max);
    windowUpdate(d, ctx);
    return { result: 'ok', data };
  }
  if (d.finReceived || d.readShut) return { result: 'ok', data: EMPTY };
  if (d.state === 'CLOSED') return takeError(d, 'ok');
  return EAGAIN;
}

/** A pending asynchronous error is reported once (as read() and write() do), then `then`. */
function takeError(d: Conn, then: 'ok' | 'EPIPE'): CallResult {
  if (d.error) {
    const error = d.error;
    d.error = null;
    return { result: error };
  }
  return then === 'ok' ? { result: 'ok', data: EMPTY } : { result: then };
}

/** close(): RFC 9293 §3.10.4, with the unread-data RST of SHLD-3 / RFC 2525 §2.17. */
export function connClose(d: Conn, ctx: Ctx): void {
  d.appClosed = true;
  if (d.rcvUnread > 0 && isSynchronized(d.state) && d.state !== 'TIME-WAIT') {
    sendSegment(d, ctx, Flag.RST | Flag.ACK, d.sndNxt);
    setState(
      d,
      ctx,
      'CLOSED',
      'close() with unread data sends RST (RFC 9293 SHLD-3, RFC 2525 §2.17)',
    );
    return;
  }
  if (d.state === 'SYN-SENT') {
    setState(d, ctx, 'CLOSED', 'close() in SYN-SENT deletes the TCB (RFC 9293 §3.10.4)');
    return;
  }
  shutWrite(d, ctx);
  if (d.state === 'FIN-WAIT-2' && ctx.profile.finWait2TimeoutMs !== null) {
    setTimer(d, ctx, 'fin-wait-2', ctx.now + ctx.profile.finWait2TimeoutMs);
  }
}

export function connShutdown(d: Conn, how: 'read' | 'write' | 'both', ctx: Ctx): CallResult {
  if (d.state === 'CLOSED' || d.state === 'LISTEN') return { result: 'ENOTCONN' };
  if (how !== 'write') d.readShut = true;
  if (how !== 'read') shutWrite(d, ctx);
  return OK;
}

/** Queues our FIN after the data (RFC 9293 §3.10.4 CLOSE, per state). */
function shutWrite(d: Conn, ctx: Ctx): void {
  if (d.writeShut) return;
  d.writeShut = true;
  if (d.state === 'ESTABLISHED') {
    setState(
      d,
      ctx,
      'FIN-WAIT-1',
      'the application closed its sending side: FIN queued (RFC 9293 §3.10.4)',
    );
  } else if (d.state === 'CLOSE-WAIT') {
    setState(
      d,
      ctx,
      'LAST-ACK',
      "the application closed after the peer's FIN: FIN queued (RFC 9293 §3.10.4)",
    );
  }
  // In SYN-SENT and SYN-RECEIVED the FIN waits for ESTABLISHED (enterEstablished).
  flush(d, ctx);
}

/** ABORT (RFC 9293 §3.10.5): RST <SEQ=SND.NXT> where the peer holds state, then CLOSED. */
export function connAbort(d: Conn, ctx: Ctx): void {
  d.appClosed = true;
  if (d.state === 'CLOSED') return;
  if (
    d.state === 'SYN-RECEIVED' ||
    d.state === 'ESTABLISHED' ||
    d.state === 'FIN-WAIT-1' ||
    d.state === 'FIN-WAIT-2' ||
    d.state === 'CLOSE-WAIT'
  ) {
    const flags = ctx.profile.abortRstWithAck ? Flag.RST | Flag.ACK : Flag.RST;
    sendSegment(d, ctx, flags, d.sndNxt);
  }
  setState(d, ctx, 'CLOSED', 'the application aborted the connection (RFC 9293 §3.10.5)');
}

const EMPTY = new Uint8Array(0);

/** Takes up to `max` bytes from the receive queue (kept newest-first). */
function takeBytes(d: Conn, max: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  for (let c: Chunk | null = d.rcvQueue; c; c = c.next) chunks.push(c.data);
  chunks.reverse();
  const all = chunks.length === 1 ? (chunks[0] as Uint8Array) : concatAll(chunks, d.rcvUnread);
  const n = Math.min(max, all.length);
  const rest = all.subarray(n);
  d.rcvQueue = rest.length > 0 ? { data: rest, next: null } : null;
  d.rcvUnread = rest.length;
  // All of it: the chunk itself, so a caller that saw these bytes sent can know them again.
  return n === all.length ? all : all.subarray(0, n);
}

/** One array with the chunks' bytes: a view when they lie back to back in one buffer. */
function concatAll(chunks: readonly Uint8Array[], total: number): Uint8Array {
  const first = chunks[0] as Uint8Array;
  let end = first.byteOffset;
  let adjacent = true;
  for (const c of chunks) {
    if (c.buffer !== first.buffer || c.byteOffset !== end) {
      adjacent = false;
      break;
    }
    end += c.length;
  }
  // Nobody writes received bytes once delivered, so a view over them is as good as a copy.
  if (adjacent) return new Uint8Array(first.buffer, first.byteOffset, total);
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * Window update after a read. Receiver-side silly window avoidance (RFC 9293 §3.8.6.2.2):
 * only once the window has grown by min(half the buffer, one MSS); and, as Linux
 * (tcp_cleanup_rbuf), only when the new window is at least twice what the peer may still
 * send, so a read from a nearly empty buffer does not cost a segment.
 */
function windowUpdate(d: Conn, ctx: Ctx): void {
  if (d.state !== 'ESTABLISHED' && d.state !== 'FIN-WAIT-1' && d.state !== 'FIN-WAIT-2') return;
  const offered = receiveWindow(d);
  const remaining = Math.max(0, seqDiff(d.rcvAdvertised, d.rcvNxt));
  const growth = seqDiff(seqAdd(d.rcvNxt, offered), d.rcvAdvertised);
  if (growth >= Math.min(d.rcvBuffer / 2, payloadMss(d)) && offered >= 2 * remaining) {
    d.ackNow = true;
    flush(d, ctx);
  }
}
