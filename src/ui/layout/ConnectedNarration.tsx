/** The narration panel fed from the store: the sentence of the event at the cursor. */
import type { LabState } from '../../store';
import { useLab } from '../../store';
import { Narration } from '../narration/Narration';
import { selectTraceFacts } from './trace-facts';

const selectTrace = (s: LabState) => s.timeline.events;
const selectCursor = (s: LabState) => s.cursor;
const selectPlaying = (s: LabState) => s.playing;

export function ConnectedNarration() {
  const trace = useLab(selectTrace);
  const cursor = useLab(selectCursor);
  const playing = useLab(selectPlaying);
  const facts = useLab(selectTraceFacts);
  // While playing, sentences change faster than anyone can listen: announce only when stepping.
  return <Narration trace={trace} facts={facts} currentIndex={cursor} announce={!playing} />;
}
