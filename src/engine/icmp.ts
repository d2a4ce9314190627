/**
 * ICMP error messages about segments this host sent (RFC 9293 §3.9.2.2, MUST-54): the message
 * quotes the start of the segment (RFC 792: the IP header and the first 8 bytes, RFC 4443
 * §2.4: as much as fits), which names the connection and the sequence number it was sent
 * with. A message whose sequence number this connection has not sent and not yet had
 * acknowledged is not believed (RFC 5927 §4.1), then the profile's `icmpErrors` decides:
 *
 * - `rfc`: soft errors never abort (MUST-56) and are reported (SHLD-25: SO_ERROR, or the error
 *   a later timeout fails with); hard errors abort the connection in any state (SHLD-26).
 * - `linux` (tcp_v4_err(), tcp_v6_err()): any error aborts a connection still opening
 *   (SYN-SENT, or SYN-RECEIVED of a simultaneous open or of a Fast Open child not yet accepted:
 *   tcp_done_with_error()); a pending request (a SYN-RECEIVED child) is dropped without a word
 *   for the errors tcp_req_err() is told to abort on; a synchronized connection only keeps the
 *   error as sk_err_soft, whatever its class (RFC 5461 §4 describes this widespread
 *   behaviour). Net and host unreachable undo one RTO backoff step (RFC 6069,
 *   tcp_ld_RTO_revert()).
 * - `freebsd` (tcp_ctlinput(), tcp_notify()): protocol or port unreachable, administratively
 *   prohibited and time exceeded drop a SYN-SENT connection (icmp_may_rst,
 *   tcp_drop_syn_sent()); net and host unreachable are ignored once ESTABLISHED; an opening
 *   connection that has retransmitted more than three times and already saw an error gives up;
 *   otherwise the error is kept as t_softerror.
 *
 * "Fragmentation needed" and "packet too big" lower the path MTU instead (icmp-pmtu.ts).
 */
import { isSynchronized, type Conn } from './conn';
import type { Output } from './api';
import { ctxOf, embryonic, findConn, settle, type Host } from './host-state';
import { icmpMeaning, type IcmpMeaning } from './icmp-meaning';
import { pathMtuReduced } from './icmp-pmtu';
import type { IpFamily } from './ip-address';
import { returnToListen } from './lifecycle';
import { currentTimeout } from './rtt';
import { seqGeq, seqLeq, seqLt } from './seq';
import { reportError, setState, setTimer, type Ctx } from './step';
import { connTimer } from './timers';
import type { Errno, Seq } from './types';

/** The start of the segment an ICMP message quotes: enough to find its connection. */
export interface QuotedSegment {
  /** Our address: the quoted segment's source. */
  readonly src: string;
  readonly dst: string;
  readonly srcPort: number;
  readonly dstPort: number;
  readonly seq: Seq;
}

/** An ICMP (RFC 792) or ICMPv6 (RFC 4443) error message arriving at this host. */
export interface IcmpMessage {
  /** ICMP for IPv4 or ICMPv6: it decides what the type and code mean. */
  readonly version: IpFamily;
  /** The router or host that sent it. */
  readonly src: string;
  readonly dst: string;
  readonly type: number;
  readonly code: number;
  /** Next-hop MTU of "fragmentation needed" (RFC 1191 §4) or "packet too big"; 0 otherwise. */
  readonly mtu: number;
  readonly quoted: QuotedSegment;
}

/**
 * An ICMP error arrives. Returns the outputs it caused (none when nothing it names is here,
 * when it does not quote a segment in flight, or when the profile ignores it).
 */
export function handleIcmp(host: Host, message: IcmpMessage, now: number): Output[] {
  const ctx = ctxOf(host, now);
  const q = message.quoted;
  if (message.dst !== host.address || q.src !== host.address) return ctx.out;
  const meaning = icmpMeaning(message.version, message.type, message.code);
  if (meaning.kind === 'ignore') return ctx.out;
  const c = findConn(host, q.srcPort, q.dst, q.dstPort);
  if (!c || c.state === 'CLOSED' || c.state === 'TIME-WAIT') return ctx.out;
  if (!quotesOutstanding(c, q.seq, ctx)) return ctx.out;
  const wasEmbryonic = embryonic(c);
  if (meaning.kind === 'path-mtu') {
    // A pending request's SYN-ACK is small enough for any path (tcp_v4_err()).
    if (!isRequest(c)) pathMtuReduced(c, ctx, message.version, message.mtu);
  } else {
    icmpError(c, ctx, meaning, q.seq);
  }
  settle(host, c, wasEmbryonic, ctx);
  return ctx.out;
}

/** A passive child still waiting for the third ACK, that no application holds (Linux's request sock). */
function isRequest(c: Conn): boolean {
  return c.state === 'SYN-RECEIVED' && c.passive && !c.fastOpened;
}

/**
 * Whether the quoted sequence number is one this connection sent and the peer has not yet
 * acknowledged (RFC 5927 §4.1: SND.UNA ≤ SEG.SEQ < SND.NXT). Linux also takes SND.NXT itself
 * (between(seq, snd_una, snd_nxt)) and, for a pending request, only the ISS (tcp_req_err()).
 */
function quotesOutstanding(c: Conn, seq: Seq, ctx: Ctx): boolean {
  if (ctx.profile.icmpErrors === 'linux') {
    if (isRequest(c)) return seq === c.iss;
    return seqGeq(seq, c.sndUna) && seqLeq(seq, c.sndNxt);
  }
  return seqGeq(seq, c.sndUna) && seqLt(seq, c.sndNxt);
}

type IcmpError = Extract<IcmpMeaning, { kind: 'error' }>;

function icmpError(c: Conn, ctx: Ctx, e: IcmpError, seq: Seq): void {
  switch (ctx.profile.icmpErrors) {
    case 'rfc':
      if (e.hard) abort(c, ctx, e, 'a hard error aborts the connection (RFC 9293 §3.9.2.2)');
      else c.softError = e.errno;
      return;
    case 'linux':
      return linuxError(c, ctx, e, seq);
    case 'freebsd':
      return freebsdError(c, ctx, e);
  }
}

function linuxError(c: Conn, ctx: Ctx, e: IcmpError, seq: Seq): void {
  if (isRequest(c)) {
    if (e.dropsRequest) abort(c, ctx, e, 'Linux drops the pending request (tcp_req_err())');
    return;
  }
  // A Fast Open child the application has accepted counts as connected (tcp_v4_err()).
  if (c.state === 'SYN-SENT' || (c.state === 'SYN-RECEIVED' && !(c.fastOpened && c.owned))) {
    abort(c, ctx, e, 'an opening connection gives up (Linux tcp_done_with_error())');
    return;
  }
  if (e.unreachable && !(c.state === 'SYN-RECEIVED' && c.fastOpened)) undoBackoff(c, ctx, seq);
  c.softError = e.errno;
}

function freebsdError(c: Conn, ctx: Ctx, e: IcmpError): void {
  if (c.state === 'SYN-SENT' && e.dropsSynSent) {
    abort(c, ctx, e, 'FreeBSD drops a connection still in SYN-SENT (tcp_drop_syn_sent())');
    return;
  }
  const ignored: readonly Errno[] = ['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN'];
  if (c.state === 'ESTABLISHED' && ignored.includes(e.errno)) return;
  if (!isSynchronized(c.state) && c.synTransmits - 1 > 3 && c.softError !== null) {
    abort(c, ctx, e, 'a second error after several retransmissions (FreeBSD tcp_notify())');
    return;
  }
  c.softError = e.errno;
}

function abort(c: Conn, ctx: Ctx, e: IcmpError, why: string): void {
  const cause = `ICMP ${e.name} for our segment (${e.errno}): ${why}`;
  if (isRequest(c)) {
    returnToListen(c, ctx, cause);
    return;
  }
  reportError(c, ctx, e.errno);
  setState(c, ctx, 'CLOSED', cause);
}

/**
 * RFC 6069 (TCP-LD), Linux tcp_ld_RTO_revert(): "unreachable" for the segment at SND.UNA while
 * it is being retransmitted says the path, not congestion, lost it: one backoff step is undone,
 * and the retransmission goes as soon as the shorter timeout has passed since the last one.
 */
function undoBackoff(c: Conn, ctx: Ctx, seq: Seq): void {
  if (seq !== c.sndUna || c.retries === 0 || c.backoff === 0 || c.rtxAt === null) return;
  const lastSent = c.rtxAt - currentTimeout(c, ctx.profile);
  c.backoff--;
  const due = lastSent + currentTimeout(c, ctx.profile);
  if (due > ctx.now) setTimer(c, ctx, 'retransmit', due);
  else connTimer(c, 'retransmit', ctx);
}
