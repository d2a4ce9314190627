/**
 * The handshake's last ACK that a Linux listener ignored because its accept queue was full.
 * tcp_check_req (net/ipv4/tcp_minisocks.c) asks tcp_v4_syn_recv_sock for the child socket; with
 * the accept queue full that returns no child (counted as ListenOverflows), and at
 * `listen_overflow`, with tcp_abort_on_overflow at 0 (the default), the request is only marked
 * acked and the ACK is dropped. The request stays in the SYN queue, so its SYN-ACK timer fires
 * and resends the SYN-ACK although the ACK did arrive.
 */
import type { DropEvent, SendEvent } from '../../sim/trace';
import type { TraceFacts } from './trace-facts';
import { stackName } from './words';

/**
 * The peer's ACK of this SYN-ACK's connection that the sender dropped for a full accept queue
 * since it last sent on that connection, when there is one.
 */
export function ackDroppedForFullAcceptQueue(
  synAck: SendEvent,
  facts: TraceFacts,
): DropEvent | undefined {
  const sameConnection = (s: SendEvent) =>
    s.from === synAck.from && s.src === synAck.src && s.dst === synAck.dst;
  const previous = facts.sends.filter((s) => s.t < synAck.t && sameConnection(s)).at(-1);
  const since = previous?.t ?? -Infinity;
  let found: DropEvent | undefined;
  for (const drop of facts.acceptOverflows) {
    if (drop.t < since || drop.t > synAck.t) continue;
    const ack = facts.segments.get(drop.id);
    if (ack === undefined || ack.flags.includes('SYN')) continue;
    if (ack.from === synAck.to && ack.src === synAck.dst && ack.dst === synAck.src) found = drop;
  }
  return found;
}

/** Where the dropped ACK's rule comes from: Linux's code, or the host's own queue limit. */
export function acceptOverflowSource(e: SendEvent, facts: TraceFacts): string {
  return stackName(facts.profile[e.from]) === 'Linux'
    ? 'Linux tcp_check_req: tcp_v4_syn_recv_sock makes no child socket while the accept queue is full, and with tcp_abort_on_overflow off the ACK is ignored'
    : 'the accept queue’s size is the host’s own limit, RFC 4987 §2';
}
