/**
 * A listener's queues in words: how many half-open connections its SYN queue holds and how many
 * established ones wait in its accept queue for accept(), against the listen() backlog, and what
 * a full queue means for the next SYN (RFC 4987 §2; the stack's own reasons are narrated with the
 * refused SYN's drop).
 */
import type { QueueEvent } from '../../sim/trace';
import { The } from './words';

const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export function narrateQueue(e: QueueEvent): string {
  const syn = `${The(e.endpoint)}'s SYN queue holds ${count(e.syn.length, 'half-open connection')} of the ${e.backlog} its listen() backlog allows`;
  const accept = `its accept queue ${count(e.accept.length, 'established connection')} waiting for accept()`;
  const full =
    e.syn.length >= e.backlog
      ? ' The SYN queue is full: a new SYN is dropped, or answered with a SYN cookie where those are on (RFC 4987 §2, §3.6).'
      : e.accept.length >= e.backlog
        ? ' The accept queue is full: a new SYN is dropped until the application accepts one (RFC 4987 §2).'
        : '';
  return `${syn} (RFC 4987 §2); ${accept}.${full}`;
}

/** "SYN 3/4 · accept 0/4": the queues in short, for the event log. */
export function queueSummary(e: QueueEvent): string {
  return `SYN ${e.syn.length}/${e.backlog} · accept ${e.accept.length}/${e.backlog}`;
}
