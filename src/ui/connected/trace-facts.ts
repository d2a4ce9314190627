/**
 * The explaining context (ISNs, addresses, numbering) for the current run, derived once per
 * timeline and numbering choice and shared by every component through a memoized selector.
 */
import type { LabState, Timeline } from '../../store';
import { deriveTraceFacts, type TraceFacts } from '../format/segment-label';

const cache = new WeakMap<Timeline, Map<string, TraceFacts>>();

export function selectTraceFacts(state: Pick<LabState, 'timeline' | 'numbering'>): TraceFacts {
  let byNumbering = cache.get(state.timeline);
  if (!byNumbering) {
    byNumbering = new Map();
    cache.set(state.timeline, byNumbering);
  }
  let facts = byNumbering.get(state.numbering);
  if (!facts) {
    facts = deriveTraceFacts(state.timeline.events, state.numbering, state.timeline.endpoints);
    byNumbering.set(state.numbering, facts);
  }
  return facts;
}
