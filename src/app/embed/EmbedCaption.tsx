/**
 * narration=1: the current narration sentence as a caption under the diagram. Its box keeps one
 * height whatever the sentence (a long one scrolls inside it), so the embed's height never
 * changes during playback. Announced only when stepping, as the full page's narration is.
 */
import type { LabState } from '../../store';
import { useLab } from '../../store';
import { narrate } from '../../ui/format/narrate';
import { selectTraceFacts } from '../../ui/connected/trace-facts';
import styles from './EmbedApp.module.css';

const selectCurrent = (s: LabState) => s.timeline.events[s.cursor];
const selectPlaying = (s: LabState) => s.playing;

export function EmbedCaption() {
  const current = useLab(selectCurrent);
  const playing = useLab(selectPlaying);
  const facts = useLab(selectTraceFacts);
  return (
    <p
      className={styles.caption}
      aria-label="Narration"
      aria-live={playing ? 'off' : 'polite'}
      // A caption that may scroll must be reachable by keyboard (WCAG 2.1.1).
      tabIndex={0}
    >
      {current === undefined
        ? 'Press Play to start; each step is explained here.'
        : narrate(current, facts)}
    </p>
  );
}
