/**
 * What presentation mode says under the diagram: the sentences of the moment at the cursor. A
 * step visits an instant whole (the SYN arrives, the server moves to SYN-RECEIVED, the SYN-ACK
 * leaves), so the room reads every visible change of that instant, not only the last bookkeeping
 * event; a single event reached by a fine step is said on its own.
 */
import { isVisibleChange } from '../../sim/visible-steps';
import type { TraceEvent } from '../../sim/trace';
import { narrate } from '../../ui/format/narrate';
import type { TraceFacts } from '../../ui/format/trace-facts';

/** At most this many sentences: more would not be read from the back of a room. */
const MAX_SENTENCES = 3;

export function stepSentences(
  trace: readonly TraceEvent[],
  cursor: number,
  facts: TraceFacts,
): string[] {
  const current = trace[cursor];
  if (current === undefined) return [];
  let first = cursor;
  while (first > 0 && (trace[first - 1] as TraceEvent).t === current.t) first -= 1;
  const instant = trace.slice(first, cursor + 1);
  const visible = instant.filter(isVisibleChange);
  const told = visible.length > 0 ? visible : [current];
  return told.slice(-MAX_SENTENCES).map((event) => narrate(event, facts));
}
