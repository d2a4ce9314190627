/**
 * A listener's queues in words: how many half-open connections its SYN queue holds and how many
 * established ones wait in its accept queue for accept(), against the listen() backlog, and what
 * a full queue means for the next SYN (RFC 4987 §2; the stack's own reasons are narrated with the
 * refused SYN's drop).
 */
import type { QueueEvent } from '../../sim/trace';
import { The } from './words';

/** Linux's queues are full only above the backlog (sk_acceptq_is_full()), so they hold one more. */
const allows = (e: QueueEvent) =>
  e.room === e.backlog
    ? 'its listen() backlog allows'
    : `its listen() backlog of ${e.backlog} allows (a queue counts as full only above the backlog)`;

const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export function narrateQueue(e: QueueEvent): string {
  const syn = `${The(e.endpoint)}'s SYN queue holds ${count(e.syn.length, 'half-open connection')} of the ${e.room} ${allows(e)}`;
  const accept = `its accept queue ${count(e.accept.length, 'established connection')} waiting for accept()`;
  const full =
    e.syn.length >= e.room
      ? ' The SYN queue is full: a new SYN is dropped, or answered with a SYN cookie where those are on (RFC 4987 §2, §3.6).'
      : e.accept.length >= e.room
        ? ' The accept queue is full: a new SYN is dropped until the application accepts one (RFC 4987 §2).'
        : '';
  return `${syn} (RFC 4987 §2); ${accept}.${full}`;
}

/** "SYN 3/4 · accept 0/4": the queues in short, for the event log. */
export function queueSummary(e: QueueEvent): string {
  return `SYN ${e.syn.length}/${e.room} · accept ${e.accept.length}/${e.room}`;
}
