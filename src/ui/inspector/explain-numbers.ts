/**
 * Why a segment's ports, sequence number, acknowledgment number and window have their
 * values: one sentence each, computed from the trace (the ISNs, what was sent before, the
 * timer that resent it, the window scale both SYNs agreed) and citing the RFC. Arithmetic is
 * spelled with absolute numbers, the way the RFC writes it.
 */
import type { SendEvent } from '../../sim/trace';
import { cookieFields } from '../../engine';
import { sackedBeyond } from '../format/fast-retransmit';
import { isFinRepeatedInAck } from '../format/fin-in-ack';
import { firingBehind, formatDuration, timerRunMs } from '../format/timer-lookup';
import type { TraceFacts } from '../format/trace-facts';
import { bytes, portOf, profileName, the } from '../format/words';

export function explainPort(e: SendEvent, facts: TraceFacts, side: 'src' | 'dst'): string {
  const owner = side === 'src' ? e.from : e.to;
  const port = portOf(side === 'src' ? e.src : e.dst);
  if (facts.opener === undefined)
    return `${port}: the port of ${the(owner)}'s socket (RFC 9293 §3.1).`;
  if (owner === facts.opener) {
    return `${port}: ${the(owner)}'s ephemeral port, picked by its operating system for this connection (RFC 6335 §6).`;
  }
  const known = Number(port) < 1024 ? 'well-known ' : '';
  return `${port}: the ${known}port ${the(owner)} listens on, which ${the(facts.opener)} connected to (RFC 9293 §3.1).`;
}

export function explainSeq(e: SendEvent, facts: TraceFacts): string {
  if (e.retransmit > 0) return explainRetransmittedSeq(e, facts);
  if (e.synCookie) return explainSynCookie(e);
  const isn = facts.isn[e.from];
  if (e.flags.includes('SYN') && isn === e.seq) {
    return `${e.seq}: ${the(e.from)}'s initial sequence number, chosen when the connection opened (RFC 9293 §3.4.1).`;
  }
  if (isn === undefined) {
    // A reset for a connection the sender does not have (RFC 9293 §3.5.2, case 1).
    return e.flags.includes('ACK')
      ? `${e.seq}: the segment it answers had no ACK bit, so the reset uses seq 0 and acknowledges that segment instead (RFC 9293 §3.5.2).`
      : `${e.seq}: copied from the ACK field of the segment it answers, so the receiver will accept the reset (RFC 9293 §3.5.2).`;
  }
  return `${e.seq} = ${spentSince(isn, e.seq, facts.finSeq[e.from], 'sent')} (RFC 9293 §3.4).`;
}

/**
 * A SYN cookie, decoded: the listener's SYN queue was full, so instead of a half-open entry it
 * wrote what it must remember into its ISN and kept nothing (RFC 4987 §3.6). Linux does the same
 * in cookie_v4_init_sequence() → secure_tcp_syn_cookie() (net/ipv4/syncookies.c): a 64-second
 * counter in the top 8 bits, and in the low 24 a keyed hash plus the index of the MSS in its
 * 4-entry msstab, all added to a hash of the 4-tuple and the client's ISN.
 */
function explainSynCookie(e: SendEvent): string {
  const c = cookieFields(e.seq);
  const hex = (n: number, digits: number) => `0x${n.toString(16).padStart(digits, '0')}`;
  return (
    `${e.seq}: a SYN cookie. The server's SYN queue is full, so it keeps no state for this SYN: ` +
    `everything it needs later is encoded in this initial sequence number (RFC 4987 §3.6). ` +
    `Top 5 bits: ${c.counter}, a counter that advances every 64 s, so an old cookie expires; ` +
    `next 3 bits: ${c.mssIndex}, the MSS ${c.mss ?? '?'} from a small table (the client offered its MSS, and no other option survives); ` +
    `low 24 bits: ${hex(c.hash, 6)}, a keyed hash of the 4-tuple, the counter and the client's ISN ${(e.ack - 1) >>> 0}, which only the server can compute. ` +
    `The client's ACK returns the cookie + 1; the server checks the hash, and only then creates the connection. ` +
    `Linux lays the bits out alike: a counter in the top 8 bits, hash and MSS index in the low 24 ` +
    `(secure_tcp_syn_cookie(), net/ipv4/syncookies.c).`
  );
}

function explainRetransmittedSeq(e: SendEvent, facts: TraceFacts): string {
  const same =
    e.original === undefined ? 'the same seq as before' : `same seq as segment #${e.original}`;
  const fire = firingBehind(e, facts);
  const ran = fire === undefined ? undefined : timerRunMs(fire, facts);
  if (ran === undefined && isFinRepeatedInAck(e, facts)) {
    return `${e.seq}: ${same}, the FIN repeated on this ACK: FreeBSD sets FIN on every segment while its FIN is unacknowledged, no timer needed (RFC 9293 §3.10.7.4).`;
  }
  const sacked = sackedBeyond(e, facts);
  if (sacked !== undefined) {
    return `${e.seq}: ${same}, sent again at once because SACK blocks reported ${bytes(sacked)} after it as received (fast retransmit, RFC 6675 §4).`;
  }
  if (ran === undefined) {
    return `${e.seq}: ${same}, sent again (${e.retransmit} × retransmitted) because it was not acknowledged (RFC 6298 §5).`;
  }
  if (fire?.timer === 'loss-probe') {
    return `${e.seq}: ${same}, sent again as a tail-loss probe when the probe timer of ${formatDuration(ran)} expired (RFC 8985 §7.3).`;
  }
  return `${e.seq}: ${same}, retransmitted after the RTO of ${formatDuration(ran)} expired (RFC 6298 §5).`;
}

export function explainAck(e: SendEvent, facts: TraceFacts): string {
  if (!e.flags.includes('ACK')) {
    const why = e.flags.includes('SYN')
      ? 'a first SYN has nothing to acknowledge yet'
      : 'the ACK bit is clear';
    return `${e.ack}: ignored, ${why}, so the field carries no meaning (RFC 9293 §3.1).`;
  }
  const peerIsn = facts.isn[e.to];
  if (peerIsn === undefined) {
    return `${e.ack}: the next sequence number ${the(e.from)} expects from ${the(e.to)} (RFC 9293 §3.4).`;
  }
  const rel = (e.ack - peerIsn) >>> 0;
  if (rel === 1) {
    return `${e.ack} = ${the(e.to)}'s ISN ${peerIsn} + 1: a SYN consumes one sequence number (RFC 9293 §3.4).`;
  }
  const peerFin = facts.finSeq[e.to];
  const finNote =
    peerFin !== undefined && e.ack === (peerFin + 1) >>> 0
      ? `, acknowledging ${the(e.to)}'s FIN`
      : '';
  return `${e.ack} = ${the(e.to)}'s ${spentSince(peerIsn, e.ack, peerFin, 'received')}: the next byte ${the(e.from)} expects${finNote} (RFC 9293 §3.4).`;
}

/**
 * "ISN 700 + 1 for the SYN + 18 bytes sent + 1 for the FIN": how far a number is from the
 * ISN, taken apart into what consumed the sequence space (§3.4: SYN and FIN take one each).
 */
function spentSince(isn: number, value: number, fin: number | undefined, verb: string): string {
  const distance = (value - isn) >>> 0;
  const finPassed = fin !== undefined && ((value - fin) | 0) > 0;
  const data = distance - 1 - (finPassed ? 1 : 0);
  const parts = [`ISN ${isn}`, '1 for the SYN'];
  if (data > 0) parts.push(`${bytes(data)} ${verb}`);
  if (finPassed) parts.push('1 for the FIN');
  return parts.join(' + ');
}

export function explainWindow(e: SendEvent, facts: TraceFacts): string {
  if (e.flags.includes('SYN')) return explainSynWindow(e, facts);
  if (e.flags.includes('RST')) {
    return `${e.win}: a reset closes the connection, so its window is not used (RFC 9293 §3.5.3).`;
  }
  const shift = facts.windowShift[e.from];
  if (e.win === 0) {
    return `0: ${the(e.from)}'s receive buffer is full, so ${the(e.to)} must stop sending and probe the window later (RFC 9293 §3.8.6.1).`;
  }
  if (shift !== undefined && shift > 0) {
    const scaled = e.win * 2 ** shift;
    return `${e.win} × 2^${shift} = ${bytes(scaled)}: both SYNs agreed window scaling, so the field counts units of ${bytes(2 ** shift)} (RFC 7323 §2.3).`;
  }
  return `${e.win}: ${the(e.from)} can take ${bytes(e.win)} more after the acknowledged data (RFC 9293 §3.8.6).`;
}

function explainSynWindow(e: SendEvent, facts: TraceFacts): string {
  const mssOption = e.options.find((o) => o.kind === 'mss');
  const mss = mssOption?.kind === 'mss' ? mssOption.value : undefined;
  const multiple =
    mss !== undefined && e.win % mss === 0 && e.win > mss ? `${e.win / mss} × ${mss}` : `${e.win}`;
  const profile = facts.profile[e.from];
  const who = profile === undefined ? the(e.from) : `the ${profileName(profile)} profile`;
  return `${e.win}: ${who} advertises ${multiple} in its ${e.flags.includes('ACK') ? 'SYN-ACK' : 'SYN'}, never scaled (RFC 7323 §2.2).`;
}
