/**
 * narrate(event, facts): one plain sentence per trace event saying what happened and why,
 * citing the RFC. The narration panel shows it, and the event log's details use the same
 * words, so a learner reads one story whichever view they use.
 */
import type {
  DeliverEvent,
  DropEvent,
  DuplicateEvent,
  SendEvent,
  StateEvent,
  TraceEvent,
} from '../../sim/trace';
import { BALANCER_PROFILE, narrateBalancer, narrateOutage } from './narrate-balancer';
import { narrateCall, narrateData } from './narrate-call';
import { narrateQueue } from './narrate-queue';
import { narrateSend } from './narrate-send';
import { narrateTimer } from './narrate-timer';
import { probeWatches } from './timer-lookup';
import { segmentLabel } from './segment-label';
import type { TraceFacts } from './trace-facts';
import { keepsNoTcpState } from './stateless-endpoint';
import { stackName, The, the } from './words';

export function narrate(event: TraceEvent, facts: TraceFacts): string {
  const sentence = narrateEvent(event, facts);
  const connection = connectionOf(event, facts);
  return connection === undefined ? sentence : `${sentence} Connection ${connection}.`;
}

/**
 * "10.0.0.2:80 ↔ 198.51.100.1:1024": the connection a segment or timer belongs to, named when
 * one of its endpoints has several (a server under a SYN flood), so that each sentence says
 * whose it is; undefined where the endpoint has only one.
 */
export function connectionOf(event: TraceEvent, facts: TraceFacts): string | undefined {
  if (event.type === 'timer') {
    if (!facts.severalConnections.has(event.endpoint) || event.local === undefined) return;
    return `${event.local} ↔ ${event.remote ?? '?'}`;
  }
  const s =
    event.type === 'send'
      ? event
      : event.type === 'deliver' || event.type === 'drop' || event.type === 'duplicate'
        ? facts.segments.get(event.id)
        : undefined;
  if (s === undefined) return undefined;
  if (!facts.severalConnections.has(s.from) && !facts.severalConnections.has(s.to)) return;
  return `${s.src} ↔ ${s.dst}`;
}

function narrateEvent(event: TraceEvent, facts: TraceFacts): string {
  switch (event.type) {
    case 'call':
      return narrateCall(event);
    case 'send':
      return narrateSend(event, facts);
    case 'deliver':
      return narrateDeliver(event, facts);
    case 'drop':
      return narrateDrop(event, facts);
    case 'duplicate':
      return narrateDuplicate(event, facts);
    case 'state':
      return narrateState(event);
    case 'timer':
      return narrateTimer(event, facts);
    case 'data':
      return narrateData(event);
    case 'queue':
      return narrateQueue(event);
    case 'balancer':
      return narrateBalancer(event);
    case 'outage':
      return narrateOutage(event);
  }
}

/** "segment #3 (ACK seq=701 ack=201)" or "segment #3" when the trace lacks it. */
function named(id: number, facts: TraceFacts): { text: string; to: string | undefined } {
  const e = facts.segments.get(id);
  if (e === undefined) return { text: `segment #${id}`, to: undefined };
  return { text: `the ${segmentLabel(e, facts)} (#${id})`, to: e.to };
}

function narrateDeliver(e: DeliverEvent, facts: TraceFacts): string {
  const { text, to } = named(e.id, facts);
  const copy = e.duplicate ? 'A duplicate copy of ' : '';
  const where = to === undefined ? '' : ` at ${the(to)}`;
  const subject = copy ? `${copy}${text}` : capitalize(text);
  if (to !== undefined && facts.profile[to] === BALANCER_PROFILE) {
    return `${subject} arrives at ${the(to)}, which looks its flow up in its connection table (RFC 2391).`;
  }
  return `${subject} arrives${where}, which processes it in the order of RFC 9293 §3.10.7.`;
}

// Partial: a reason added to the trace later still gets a sentence, naming the reason as is.
const DROP_CAUSE: Partial<Readonly<Record<string, string>>> = {
  loss: 'by random loss at the link’s loss rate',
  rule: 'by a drop rule of the scenario',
  user: 'because you dropped it',
  firewall: 'by a firewall that discards it silently',
  'queue-full': 'because the link’s queue is full',
  unreachable: 'because no host has its destination address',
  inferred:
    'on the way, as the capture shows: its sender sent it again before anything acknowledged it',
  balancer: 'at the load balancer, which has nowhere to send it (its decision says why)',
};

function narrateDrop(e: DropEvent, facts: TraceFacts): string {
  const { text } = named(e.id, facts);
  const sent = facts.segments.get(e.id);
  const sender = sent === undefined ? 'the sender' : the(sent.from);
  const noticing = sent?.flags.some((f) => f === 'SYN' || f === 'FIN') || (sent?.len ?? 0) > 0;
  const consequence = !noticing
    ? ': a bare ACK is not retransmitted, later ACKs cover it (RFC 9293 §3.8)'
    : sent !== undefined && probeWatches(sent, facts)
      ? `; ${sender} will notice when its tail-loss probe timer fires, before its retransmission timer would (RFC 8985 §7)`
      : `; ${sender} will only notice when its retransmission timer fires (RFC 6298 §5)`;
  if (e.queue !== undefined && sent !== undefined)
    return narrateRefusal(e.queue, text, sent, facts);
  return `${capitalize(text)} is lost ${DROP_CAUSE[e.reason] ?? `(${e.reason})`}${consequence}.`;
}

/**
 * A SYN a listener refused because a queue was full. Linux's tcp_conn_request drops it with no
 * answer when the SYN queue is full and SYN cookies are off (counted as TCPReqQFullDrop), and
 * when the accept queue is full (ListenOverflows); the sender retries on its timer.
 */
function narrateRefusal(
  queue: 'syn' | 'accept',
  text: string,
  sent: SendEvent,
  facts: TraceFacts,
): string {
  if (!sent.flags.includes('SYN')) return narrateIgnoredAck(text, sent, facts);
  const why =
    queue === 'syn'
      ? 'its SYN queue is full of half-open connections and SYN cookies are off'
      : 'its accept queue is full of connections the application has not accepted yet';
  const counter = queue === 'syn' ? 'TCPReqQFullDrop' : 'ListenOverflows';
  const stack = stackName(facts.profile[sent.to]);
  const source =
    stack === 'Linux'
      ? `Linux tcp_conn_request, counted as ${counter}; RFC 4987 §2`
      : 'the queue’s size is the host’s own limit, RFC 4987 §2';
  const sender = facts.profile[sent.from];
  // A balancer forwarded it: the retransmission that may follow is its client's.
  const origin = sent.rewrite
    ? (facts.segments.get(sent.rewrite.of)?.from ?? sent.from)
    : sent.from;
  const after =
    sender !== undefined && keepsNoTcpState(sender) && sender !== BALANCER_PROFILE
      ? 'A spoofed source keeps no state and never retries.'
      : `${The(origin)} will only notice when its retransmission timer fires (RFC 6298 §5).`;
  return `${The(sent.to)} drops ${text} as it arrives: ${why}, so the listener refuses it without an answer (${source}). ${after}`;
}

/**
 * The handshake's last ACK at a listener whose accept queue is full. Linux's tcp_check_req
 * cannot make the child a full socket (listen_overflow, counted as ListenOverflows) and, with
 * tcp_abort_on_overflow at 0, ignores the ACK: the child stays in SYN-RECEIVED, its SYN-ACK
 * timer resends, and the peer, ESTABLISHED since it sent the ACK, answers again.
 */
function narrateIgnoredAck(text: string, sent: SendEvent, facts: TraceFacts): string {
  const source =
    stackName(facts.profile[sent.to]) === 'Linux'
      ? 'Linux tcp_check_req, counted as ListenOverflows, with tcp_abort_on_overflow off'
      : 'the queue’s size is the host’s own limit, RFC 4987 §2';
  return `${The(sent.to)} ignores ${text}: its accept queue is full of connections the application has not accepted yet, so this one stays in SYN-RECEIVED rather than moving to ESTABLISHED as RFC 9293 §3.10.7.4 has it (${source}). ${The(sent.from)} already counts itself ESTABLISHED; ${the(sent.to)} will resend its SYN-ACK when its timer fires, and the answer may find room once the application accepts.`;
}

function narrateDuplicate(e: DuplicateEvent, facts: TraceFacts): string {
  const { text } = named(e.id, facts);
  return `The link duplicates ${text}; the copy arrives at t=${round(e.arrivesAt)} ms, and TCP must recognise it by its sequence number (RFC 9293 §3.4).`;
}

function narrateState(e: StateEvent): string {
  return `${The(e.endpoint)} moves from ${e.from} to ${e.to}: ${e.cause}.`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
