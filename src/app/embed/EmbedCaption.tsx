/**
 * narration=1: the current narration sentence as a caption under the diagram. Its box keeps one
 * height whatever the sentence (a long one scrolls inside it), so the embed's height never
 * changes during playback. Announced only when stepping, as the full page's narration is. The
 * sentence code loads after the first view (CaptionSentence); the box and the invitation to
 * start are there from the first moment.
 */
import { lazy } from 'react';
import { LazyPart } from '../../ui/lazy/LazyPart';
import type { LabState } from '../../store';
import { useLab } from '../../store';
import styles from './EmbedApp.module.css';

/** What the caption says before the first event. */
export const EMBED_START_PROMPT = 'Press Play to start; each step is explained here.';

const CaptionSentence = lazy(() => import('./CaptionSentence'));

const selectPlaying = (s: LabState) => s.playing;

export function EmbedCaption() {
  const playing = useLab(selectPlaying);
  return (
    <p
      className={styles.caption}
      aria-label="Narration"
      aria-live={playing ? 'off' : 'polite'}
      // A caption that may scroll must be reachable by keyboard (WCAG 2.1.1).
      tabIndex={0}
    >
      <LazyPart what="the narration" fallback={EMBED_START_PROMPT}>
        <CaptionSentence />
      </LazyPart>
    </p>
  );
}
