/**
 * Presentation mode: the sequence diagram with both state badges, the sentences of the current
 * moment and a thin progress line, in projector-size type, filling the screen. The presenter's
 * keys (→ and PageDown step, Space plays, Esc leaves) drive it; nothing else is on screen. While
 * a lesson is open, the caption is the lesson's text and the keys go through its steps.
 */
import { useEffect, useRef } from 'react';
import type { LabState } from '../../store';
import { useLab } from '../../store';
import { focusHome } from '../../ui/controls/focus-home';
import { SequenceDiagram } from '../../ui/diagram/SequenceDiagram';
import { formatTime } from '../../ui/diagram/geometry';
import { usePlayhead } from '../../ui/connected/playhead';
import { selectTraceFacts } from '../../ui/connected/trace-facts';
import { useDerived } from '../../ui/connected/use-derived';
import { useMotionAttribute } from '../../ui/connected/use-motion-attribute';
import { START_PROMPT } from '../../ui/narration/NarrationFrame';
import { LessonCaption } from './LessonCaption';
import styles from './Presentation.module.css';
import { stepSentences } from './step-sentences';
import { useFitText } from './use-fit-text';

const selectTrace = (s: LabState) => s.timeline.events;
const selectCursor = (s: LabState) => s.cursor;
const selectEndTime = (s: LabState) => s.timeline.endTime;
const selectPlaying = (s: LabState) => s.playing;
const selectSetPresenting = (s: LabState) => s.setPresenting;
const selectInLesson = (s: LabState) => s.lesson !== null;

function Sentences() {
  const trace = useLab(selectTrace);
  const cursor = useLab(selectCursor);
  const facts = useLab(selectTraceFacts);
  const playing = useLab(selectPlaying);
  const sentences = stepSentences(trace, cursor, facts);
  const at = trace[cursor];
  const caption = useRef<HTMLDivElement>(null);
  useFitText(caption, sentences.join(' '));
  return (
    <div
      ref={caption}
      className={styles.caption}
      aria-live={playing ? 'off' : 'polite'}
      aria-atomic="true"
    >
      {at === undefined ? (
        <p>{START_PROMPT.replace('Press Play or Next event', 'Press → or Space')}</p>
      ) : (
        sentences.map((sentence, i) => (
          <p key={i}>
            {i === 0 && <span className={styles.time}>{formatTime(at.t)}</span>} {sentence}
          </p>
        ))
      )}
    </div>
  );
}

/** How far through the run the playhead is: a thin line along the bottom edge. */
function Progress() {
  const endTime = useLab(selectEndTime);
  const playhead = usePlayhead();
  const width = useDerived(
    playhead,
    (t: number) => `${endTime > 0 ? Math.min(100, (100 * t) / endTime) : 100}%`,
  );
  const fill = useRef<SVGRectElement>(null);
  useMotionAttribute(fill, 'width', width);
  return (
    <svg className={styles.progress} aria-hidden="true" focusable="false">
      <rect className={styles.track} width="100%" height="100%" />
      <rect ref={fill} className={styles.fill} width={width.get()} height="100%" />
    </svg>
  );
}

export default function Presentation() {
  const setPresenting = useLab(selectSetPresenting);
  const inLesson = useLab(selectInLesson);
  const root = useRef<HTMLElement>(null);
  useEffect(() => {
    if (root.current) focusHome(root.current);
  }, []);
  return (
    <main ref={root} className={styles.presentation} data-large-type="" aria-label="Presentation">
      <div className={styles.stage}>
        <SequenceDiagram />
      </div>
      {inLesson ? <LessonCaption /> : <Sentences />}
      <Progress />
      <button
        type="button"
        className={styles.leave}
        onClick={() => setPresenting(false)}
        aria-keyshortcuts="Escape"
        title="Leave presentation (Esc)"
      >
        {/* One short word in the corner: a first lane's long address (IPv6) reaches towards
            it, and must not be covered. */}
        Leave<span className="visually-hidden"> presentation</span>
      </button>
    </main>
  );
}
