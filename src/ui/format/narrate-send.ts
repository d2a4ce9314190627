/**
 * One sentence for a segment being sent: what it is and why the sender sends it now, citing
 * the RFC. The kind is read from the flags and from what the trace says happened before
 * (which SYN it answers, whose FIN it acknowledges, which timer resent it).
 */
import type { SendEvent } from '../../sim/trace';
import { acceptOverflowSource, ackDroppedForFullAcceptQueue } from './accept-overflow';
import { sackedBeyond } from './fast-retransmit';
import { congestionCut, congestionWindowNews } from './narrate-congestion';
import { isFinRepeatedInAck } from './fin-in-ack';
import { narrateForward, narrateProbeSegment } from './narrate-balancer';
import { narrateScriptVerdict } from './script-verdict';
import { firingBehind, formatDuration, timerRunMs } from './timer-lookup';
import type { TraceFacts } from './trace-facts';
import { bytes, num, ordinal, portOf, stackName, The, the } from './words';

export function narrateSend(e: SendEvent, facts: TraceFacts): string {
  const middlebox = narrateForward(e, facts) ?? narrateProbeSegment(e);
  if (middlebox !== undefined) return middlebox;
  const sentence = describeSend(e, facts);
  const told =
    e.retransmit > 0 && !e.flags.includes('SYN') && !isFinRepeatedInAck(e, facts)
      ? `${sentence} ${retransmissionReason(e, facts)}`
      : sentence;
  const news = congestionWindowNews(e, facts);
  const withWindow = news === undefined ? told : `${told} ${news}`;
  const verdict = narrateScriptVerdict(e);
  return verdict === '' ? withWindow : `${withWindow} ${verdict}`;
}

function describeSend(e: SendEvent, facts: TraceFacts): string {
  const has = (flag: SendEvent['flags'][number]) => e.flags.includes(flag);
  const seq = num(e.seq, e.from, facts);
  const ack = num(e.ack, e.to, facts);
  if (has('RST')) return describeReset(e, facts, seq);
  if (has('SYN') && !has('ACK')) {
    if (e.retransmit > 0) {
      return `${The(e.from)} sends its SYN again (seq ${seq}, ${ordinal(e.retransmit)} retransmission): no SYN-ACK came back ${waited(e, facts)} (RFC 6298 §5.4, RFC 9293 §3.8.1).`;
    }
    return `${The(e.from)} sends a SYN with seq ${seq}: it asks to open a connection and announces its initial sequence number (RFC 9293 §3.5).`;
  }
  if (has('SYN')) {
    if (e.retransmit > 0) return describeSynAckAgain(e, facts, seq, ack);
    const again = earlierSyn(e, facts) ? 'repeats' : 'announces';
    return `${The(e.from)} answers with a SYN-ACK: it ${again} its own initial sequence number ${seq} and acknowledges ${the(e.to)}'s SYN with ack ${ack} (RFC 9293 §3.5).`;
  }
  if (e.len > 0) {
    const last = num((e.seq + e.len - 1) >>> 0, e.from, facts);
    const fin = has('FIN') ? ' and a FIN, as it has nothing more to send' : '';
    return `${The(e.from)} sends ${bytes(e.len)} of data, seq ${seq} to ${last}${fin}, acknowledging up to ack ${ack} (RFC 9293 §3.8).`;
  }
  if (isFinRepeatedInAck(e, facts)) {
    return `${The(e.from)} acknowledges with ack ${ack} and repeats its FIN (seq ${seq}): FreeBSD sets FIN on every segment while its own FIN is unacknowledged, where the RFC sends a bare ACK (RFC 9293 §3.10.7.4).`;
  }
  if (has('FIN')) {
    return `${The(e.from)} sends a FIN with seq ${seq}: it has no more data to send and closes its half of the connection (RFC 9293 §3.6).`;
  }
  if (has('ACK')) return describeAck(e, facts, ack);
  return `${The(e.from)} sends a segment with no control bits set, seq ${seq} (RFC 9293 §3.1).`;
}

function describeSynAckAgain(e: SendEvent, facts: TraceFacts, seq: number, ack: number): string {
  const head = `${The(e.from)} sends its SYN-ACK again (seq ${seq} ack ${ack}, ${ordinal(e.retransmit)} retransmission)`;
  if (firingBehind(e, facts) !== undefined) {
    const refused = ackDroppedForFullAcceptQueue(e, facts);
    if (refused !== undefined) {
      return `${head}: ${the(e.to)}'s ACK (#${refused.id}) did come, but ${the(e.from)}'s accept queue was full, so it dropped the ACK and kept the connection in SYN-RECEIVED instead of moving it to ESTABLISHED as RFC 9293 §3.10.7.4 has it (${acceptOverflowSource(e, facts)}); its SYN-ACK timer, still running, then fired${firedAfter(e, facts)}, and the answer to this SYN-ACK may find room once the application accepts.`;
    }
    return `${head}: ${the(e.to)}'s ACK did not come ${waited(e, facts)} (RFC 6298 §5.4, RFC 9293 §3.8.1).`;
  }
  // Not timer-driven: the peer's SYN arrived again. RFC 9293 §3.10.7.4 answers it with a bare
  // ACK (the SYN fails the sequence check); Linux and FreeBSD re-send the SYN-ACK (PROFILES.md).
  const stack = stackName(facts.profile[e.from]);
  const how =
    stack === undefined
      ? ' (RFC 9293 §3.10.7.4)'
      : `, as ${stack} does; the RFC would send a bare ACK (RFC 9293 §3.10.7.4)`;
  return `${head}: it answers ${the(e.to)}'s SYN, which arrived again${how}.`;
}

/** Whether the sender already sent a bare SYN before this segment (a simultaneous open). */
function earlierSyn(e: SendEvent, facts: TraceFacts): boolean {
  return facts.sends.some(
    (s) => s.id < e.id && s.from === e.from && s.flags.includes('SYN') && !s.flags.includes('ACK'),
  );
}

function describeAck(e: SendEvent, facts: TraceFacts, ack: number): string {
  const peerIsn = facts.isn[e.to];
  const peerFin = facts.finSeq[e.to];
  if (peerFin !== undefined && e.ack === (peerFin + 1) >>> 0) {
    return `${The(e.from)} acknowledges ${the(e.to)}'s FIN with ack ${ack}: a FIN takes one sequence number (RFC 9293 §3.6).`;
  }
  if (peerIsn !== undefined && e.ack === (peerIsn + 1) >>> 0 && isFirstAck(e, facts)) {
    return `${The(e.from)} acknowledges ${the(e.to)}'s SYN with ack ${ack}, one past its initial sequence number: the three-way handshake is complete (RFC 9293 §3.5).`;
  }
  return `${The(e.from)} acknowledges with ack ${ack}: it has received everything before that number and expects it next (RFC 9293 §3.4).`;
}

/** The first ACK-only segment this endpoint sends: the third segment of a handshake. */
function isFirstAck(e: SendEvent, facts: TraceFacts): boolean {
  for (const s of facts.sends) {
    if (s.from !== e.from || s.flags.includes('SYN') || !s.flags.includes('ACK')) continue;
    return s === e;
  }
  return false;
}

function describeReset(e: SendEvent, facts: TraceFacts, seq: number): string {
  // A reset from an endpoint that never sent a SYN answers a segment for a connection it does
  // not have: a closed port (RFC 9293 §3.5.2, case 1; §3.10.7.1).
  if (facts.isn[e.from] === undefined) {
    return `${The(e.from)} answers with a reset: no socket is listening on port ${portOf(e.src)}, so it refuses the connection (RFC 9293 §3.5.2).`;
  }
  const ackPart = e.flags.includes('ACK') ? `, ack ${num(e.ack, e.to, facts)}` : '';
  return `${The(e.from)} sends a reset (seq ${seq}${ackPart}): it aborts the connection, and ${the(e.to)} drops it at once without further answer (RFC 9293 §3.5.2, §3.5.3).`;
}

/** " after 1 s" when the firing that caused a resend is in the trace, else nothing. */
function firedAfter(e: SendEvent, facts: TraceFacts): string {
  const fire = firingBehind(e, facts);
  const ran = fire && timerRunMs(fire, facts);
  return ran === undefined ? '' : ` after ${formatDuration(ran)}`;
}

/** "within 1 s" when the firing that caused a resend is in the trace, else "in time". */
function waited(e: SendEvent, facts: TraceFacts): string {
  const fire = firingBehind(e, facts);
  const ran = fire && timerRunMs(fire, facts);
  return ran === undefined ? 'in time' : `within ${formatDuration(ran)}`;
}

function retransmissionReason(e: SendEvent, facts: TraceFacts): string {
  const reason = retransmissionCause(e, facts);
  const cut = e.congestion?.signal?.kind;
  // The window cut that went with a SACK loss or a timeout follows the reason.
  const after = cut === 'sack' || cut === 'timeout' ? congestionCut(e, '') : undefined;
  return after === undefined ? reason : `${reason} ${after}`;
}

function retransmissionCause(e: SendEvent, facts: TraceFacts): string {
  const original = e.original === undefined ? '' : ` of segment #${e.original}`;
  const kind = e.congestion?.signal?.kind;
  if (kind === 'duplicate-acks' || kind === 'partial-ack') {
    const told = congestionCut(e, `${ordinal(e.retransmit)} retransmission${original}`);
    if (told !== undefined) return told;
  }
  const fire = firingBehind(e, facts);
  const sacked = sackedBeyond(e, facts);
  if (sacked !== undefined) {
    return `It is the ${ordinal(e.retransmit)} retransmission${original}, sent at once, before any timer: ${the(e.to)}'s SACK blocks report ${bytes(sacked)} after it as received, so it was lost (fast retransmit, RFC 6675 §4).`;
  }
  if (fire === undefined) {
    return `It is the ${ordinal(e.retransmit)} retransmission${original}.`;
  }
  const ran = timerRunMs(fire, facts);
  const after = ran === undefined ? '' : ` after ${formatDuration(ran)}`;
  if (fire.timer === 'loss-probe') {
    return `It is the ${ordinal(e.retransmit)} retransmission${original}, sent as a tail-loss probe: no acknowledgment came before the probe timer expired${after}, and its ACK will show whether the end of the data was lost (RFC 8985 §7.3).`;
  }
  return `It is the ${ordinal(e.retransmit)} retransmission${original}: no acknowledgment came before the retransmission timer expired${after} (RFC 6298 §5.4).`;
}
