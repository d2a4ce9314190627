/**
 * A FIN sent again with no retransmission timer behind it, by a FreeBSD end: a BSD stack sets
 * FIN on every segment while its own FIN is unacknowledged (tcp_output), so its ACKs repeat
 * the FIN. The engine counts it as a retransmission; narration and inspector say why it is one.
 */
import type { SendEvent } from '../../sim/trace';
import { firingBehind } from './timer-lookup';
import type { TraceFacts } from './trace-facts';

export function isFinRepeatedInAck(e: SendEvent, facts: TraceFacts): boolean {
  return (
    e.flags.includes('FIN') &&
    e.flags.includes('ACK') &&
    e.len === 0 &&
    e.retransmit > 0 &&
    firingBehind(e, facts) === undefined &&
    facts.profile[e.from] === 'freebsd'
  );
}
