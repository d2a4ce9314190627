import type { SegmentSpan } from '../../store';

/**
 * The words under a segment's loss mark: "lost" on the link, or, for a SYN a listener refused,
 * which of its queues was full ("dropped: SYN queue full"), so the arrow says why it ends.
 */
export function lossWords(span: SegmentSpan): string {
  if (span.dropReason !== 'queue-full' || span.dropQueue === undefined) return 'lost';
  return span.dropQueue === 'syn' ? 'dropped: SYN queue full' : 'dropped: accept queue full';
}
