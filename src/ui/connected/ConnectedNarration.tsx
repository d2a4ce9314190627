/**
 * The narration panel fed from the store: the sentence of the event at the cursor. The sentence
 * code (src/ui/format/narrate*) loads just after the first view, which has nothing to narrate
 * yet: until it arrives the panel shows its frame with the invitation to start.
 */
import { lazy } from 'react';
import { LazyPart } from '../lazy/LazyPart';
import type { LabState } from '../../store';
import { useLab } from '../../store';
import { NarrationFrame, START_PROMPT } from '../narration/NarrationFrame';
import { selectTraceFacts } from './trace-facts';

const Narration = lazy(() => import('../narration/Narration'));

const selectTrace = (s: LabState) => s.timeline.events;
const selectCursor = (s: LabState) => s.cursor;
const selectPlaying = (s: LabState) => s.playing;

export function ConnectedNarration() {
  const trace = useLab(selectTrace);
  const cursor = useLab(selectCursor);
  const playing = useLab(selectPlaying);
  const facts = useLab(selectTraceFacts);
  // While playing, sentences change faster than anyone can listen: announce only when stepping.
  const announce = !playing;
  return (
    <LazyPart
      what="the narration"
      fallback={
        <NarrationFrame earlier={[]} current={START_PROMPT} announce={announce} headingLevel={2} />
      }
    >
      <Narration trace={trace} facts={facts} currentIndex={cursor} announce={announce} />
    </LazyPart>
  );
}
