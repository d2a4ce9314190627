/**
 * The caption's sentence: the narration of the event at the cursor. Its code (src/ui/format/
 * narrate*) loads after the embed's first view, which opens before the first event; until it
 * arrives the caption shows the invitation to start (EmbedCaption).
 */
import type { LabState } from '../../store';
import { useLab } from '../../store';
import { narrate } from '../../ui/format/narrate';
import { selectTraceFacts } from '../../ui/connected/trace-facts';
import { EMBED_START_PROMPT } from './EmbedCaption';

const selectCurrent = (s: LabState) => s.timeline.events[s.cursor];

export default function CaptionSentence() {
  const current = useLab(selectCurrent);
  const facts = useLab(selectTraceFacts);
  return current === undefined ? EMBED_START_PROMPT : narrate(current, facts);
}
