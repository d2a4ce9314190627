/** The narration's sentence for the event a question was about: the "why" shown after Reveal. */
import type { LabState } from '../../store';
import { narrate } from '../format/narrate';
import { selectTraceFacts } from '../connected/trace-facts';

export function whyOf(state: LabState, index: number): string {
  const event = state.timeline.events[index];
  return event === undefined ? '' : narrate(event, selectTraceFacts(state));
}
