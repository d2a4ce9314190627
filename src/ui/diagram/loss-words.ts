import type { SegmentSpan } from '../../store';

/**
 * The words under a segment's loss mark, saying why the arrow ends: "lost" on the link (or by
 * a drop the learner or the scenario made there), and otherwise who stopped it: a listener's
 * full queue ("dropped: SYN queue full"), the firewall's rule, or the load balancer. A filtered
 * port must not read as a lossy link (RFC 9293 §3.10.7.1 leaves a dropped SYN unanswered either
 * way; only who dropped it differs). A reply to a forged source address reached the address and
 * found no host there: nothing lost it, so it reads "no host".
 */
export function lossWords(span: SegmentSpan): string {
  switch (span.dropReason) {
    case 'queue-full':
      if (span.dropQueue === undefined) return 'lost';
      return span.dropQueue === 'syn' ? 'dropped: SYN queue full' : 'dropped: accept queue full';
    case 'firewall':
      return 'dropped: firewall';
    case 'balancer':
      return 'dropped: balancer';
    case 'unreachable':
      return 'no host';
    default:
      return 'lost';
  }
}
