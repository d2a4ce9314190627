/**
 * The transport bar: Reset, Previous event, Play/Pause, Next event, End, and Undo for the last
 * fork. Buttons are large enough to tap and are named exactly as tests and screen readers expect.
 */
import type { LabState } from '../../store';
import { useLab } from '../../store';
import styles from './Controls.module.css';

const selectPlaying = (s: LabState) => s.playing;
const selectCanUndo = (s: LabState) => s.past.length > 0;
const selectToStart = (s: LabState) => s.toStart;
const selectStepPrevious = (s: LabState) => s.stepPrevious;
const selectTogglePlay = (s: LabState) => s.togglePlay;
const selectStepNext = (s: LabState) => s.stepNext;
const selectToEnd = (s: LabState) => s.toEnd;
const selectUndo = (s: LabState) => s.undo;

export function Transport() {
  const playing = useLab(selectPlaying);
  const canUndo = useLab(selectCanUndo);
  const toStart = useLab(selectToStart);
  const stepPrevious = useLab(selectStepPrevious);
  const togglePlay = useLab(selectTogglePlay);
  const stepNext = useLab(selectStepNext);
  const toEnd = useLab(selectToEnd);
  const undo = useLab(selectUndo);
  return (
    <div className={styles.transport} role="group" aria-label="Playback">
      <button type="button" onClick={toStart} title="Reset (Home)">
        <span aria-hidden="true">⏮</span> Reset
      </button>
      <button
        type="button"
        onClick={stepPrevious}
        aria-label="Previous event"
        title="Previous event (←)"
      >
        <span aria-hidden="true">◀</span>
        <span className={styles.wide}> Previous event</span>
      </button>
      <button
        type="button"
        className={styles.primary}
        onClick={togglePlay}
        title="Play or pause (Space)"
      >
        <span aria-hidden="true">{playing ? '⏸' : '▶'}</span> {playing ? 'Pause' : 'Play'}
      </button>
      <button type="button" onClick={stepNext} aria-label="Next event" title="Next event (→)">
        <span className={styles.wide}>Next event </span>
        <span aria-hidden="true">▶</span>
      </button>
      <button type="button" onClick={toEnd} title="End (End)">
        End <span aria-hidden="true">⏭</span>
      </button>
      <button
        type="button"
        onClick={undo}
        disabled={!canUndo}
        title="Undo the last change to the run"
      >
        <span aria-hidden="true">↶</span> Undo
      </button>
    </div>
  );
}
