/**
 * The transport bar: Reset, Previous event, Play/Pause, Next event, End, and Undo for the last
 * fork. Buttons are large enough to tap and are named exactly as tests and screen readers expect;
 * on a phone the words shrink to icons and the names stay.
 */
import type { LabState } from '../../store';
import { useLab } from '../../store';
import styles from './Controls.module.css';
import { Icon, type IconName } from './icons';

const selectPlaying = (s: LabState) => s.playing;
const selectCanUndo = (s: LabState) => s.past.length > 0;
const selectToStart = (s: LabState) => s.toStart;
const selectStepPrevious = (s: LabState) => s.stepPrevious;
const selectTogglePlay = (s: LabState) => s.togglePlay;
const selectStepNext = (s: LabState) => s.stepNext;
const selectToEnd = (s: LabState) => s.toEnd;
const selectUndo = (s: LabState) => s.undo;

function TransportButton(props: {
  name: string;
  icon: IconName;
  keyHint: string;
  onClick: () => void;
  disabled?: boolean;
  primary?: boolean;
  /** Keep the word visible on phones too. */
  alwaysWord?: boolean;
}) {
  return (
    <button
      type="button"
      className={props.primary ? styles.primary : undefined}
      onClick={props.onClick}
      disabled={props.disabled}
      aria-label={props.name}
      title={`${props.name} (${props.keyHint})`}
    >
      <Icon name={props.icon} />
      <span className={props.alwaysWord ? undefined : styles.wide}>{props.name}</span>
    </button>
  );
}

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
      <TransportButton name="Reset" icon="start" keyHint="Home" onClick={toStart} />
      <TransportButton name="Previous event" icon="previous" keyHint="←" onClick={stepPrevious} />
      <TransportButton
        name={playing ? 'Pause' : 'Play'}
        icon={playing ? 'pause' : 'play'}
        keyHint="Space"
        onClick={togglePlay}
        primary
        alwaysWord
      />
      <TransportButton name="Next event" icon="next" keyHint="→" onClick={stepNext} />
      <TransportButton name="End" icon="end" keyHint="End" onClick={toEnd} />
      <TransportButton
        name="Undo"
        icon="undo"
        keyHint="undo the last change to the run"
        onClick={undo}
        disabled={!canUndo}
      />
    </div>
  );
}
