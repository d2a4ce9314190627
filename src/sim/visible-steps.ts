/**
 * The moments of a run a viewer can see change: a segment leaves, arrives or is lost, an end
 * changes state, a timer fires. Calls, timer bookkeeping and data handed to the application change
 * nothing on the diagram by themselves, so a presenter's "next" skips them. Events at one instant
 * form one step: the SYN's arrival, the move to SYN-RECEIVED and the SYN-ACK's send are one moment.
 * Presenter keys, lessons and predict mode all step by these, so each asks the same question of the
 * trace.
 */
import type { TraceEvent } from './trace';

/** Whether this event, on its own, changes what the diagram shows. */
export function isVisibleChange(event: TraceEvent): boolean {
  switch (event.type) {
    case 'send':
    case 'deliver':
    case 'drop':
    case 'duplicate':
    case 'state':
    case 'balancer':
    case 'outage':
      return true;
    case 'timer':
      return event.action === 'fire';
    case 'call':
    case 'data':
    case 'queue':
      return false;
  }
}

/**
 * For each visible step, the index of its last event at that instant (so stepping to it shows
 * everything that happened then), in trace order.
 */
export function visibleStepIndices(trace: readonly TraceEvent[]): number[] {
  const steps: number[] = [];
  let i = 0;
  while (i < trace.length) {
    const t = (trace[i] as TraceEvent).t;
    let last = i;
    let visible = false;
    while (last < trace.length && (trace[last] as TraceEvent).t === t) {
      if (isVisibleChange(trace[last] as TraceEvent)) visible = true;
      last += 1;
    }
    if (visible) steps.push(last - 1);
    i = last;
  }
  return steps;
}
