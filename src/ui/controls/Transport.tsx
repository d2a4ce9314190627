/**
 * The transport bar: Reset, Previous step, Play/Pause, Next step, End, and Undo for the last
 * fork. A step goes to the next moment the diagram changes (a segment leaves, arrives or is lost,
 * a state changes, a timer fires), as the presenter keys do; the small Previous event and Next
 * event buttons beside them visit every event one at a time. Buttons are large enough to tap and
 * are named exactly as tests and screen readers expect; on a phone the words shrink to icons and
 * the names stay.
 */
import type { LabState } from '../../store';
import { useLab } from '../../store';
import styles from './Controls.module.css';
import { Icon, type IconName } from './icons';

const selectPlaying = (s: LabState) => s.playing;
const selectCanUndo = (s: LabState) => s.past.length > 0;
const selectToStart = (s: LabState) => s.toStart;
const selectStepPrevious = (s: LabState) => s.stepPrevious;
const selectPreviousStep = (s: LabState) => s.previousStep;
const selectTogglePlay = (s: LabState) => s.togglePlay;
const selectStepNext = (s: LabState) => s.stepNext;
const selectNextStep = (s: LabState) => s.nextStep;
const selectToEnd = (s: LabState) => s.toEnd;
const selectUndo = (s: LabState) => s.undo;

function TransportButton(props: {
  name: string;
  icon: IconName;
  keyHint: string;
  /** aria-keyshortcuts: the keys that do the same. */
  keys?: string;
  onClick: () => void;
  disabled?: boolean;
  primary?: boolean;
  /** Keep the word visible on phones too. */
  alwaysWord?: boolean;
  /** Never show the word: a small secondary button. */
  iconOnly?: boolean;
}) {
  return (
    <button
      type="button"
      className={props.primary ? styles.primary : props.iconOnly ? styles.fine : undefined}
      onClick={props.onClick}
      disabled={props.disabled}
      aria-label={props.name}
      aria-keyshortcuts={props.keys}
      title={`${props.name} (${props.keyHint})`}
    >
      <Icon name={props.icon} />
      {!props.iconOnly && (
        <span className={props.alwaysWord ? undefined : styles.wide}>{props.name}</span>
      )}
    </button>
  );
}

export function Transport() {
  const playing = useLab(selectPlaying);
  const canUndo = useLab(selectCanUndo);
  const toStart = useLab(selectToStart);
  const stepPrevious = useLab(selectStepPrevious);
  const previousStep = useLab(selectPreviousStep);
  const togglePlay = useLab(selectTogglePlay);
  const stepNext = useLab(selectStepNext);
  const nextStep = useLab(selectNextStep);
  const toEnd = useLab(selectToEnd);
  const undo = useLab(selectUndo);
  return (
    <div className={styles.transport} role="group" aria-label="Playback">
      <TransportButton name="Reset" icon="start" keyHint="Home" keys="Home" onClick={toStart} />
      <TransportButton
        name="Previous step"
        icon="previous"
        keyHint="← or PageUp"
        keys="ArrowLeft PageUp"
        onClick={previousStep}
      />
      <TransportButton
        name="Previous event"
        icon="stepPrevious"
        keyHint="Shift+←: every event, one at a time"
        keys="Shift+ArrowLeft"
        onClick={stepPrevious}
        iconOnly
      />
      <TransportButton
        name={playing ? 'Pause' : 'Play'}
        icon={playing ? 'pause' : 'play'}
        keyHint="Space"
        keys="Space"
        onClick={togglePlay}
        primary
        alwaysWord
      />
      <TransportButton
        name="Next event"
        icon="stepNext"
        keyHint="Shift+→: every event, one at a time"
        keys="Shift+ArrowRight"
        onClick={stepNext}
        iconOnly
      />
      <TransportButton
        name="Next step"
        icon="next"
        keyHint="→ or PageDown"
        keys="ArrowRight PageDown"
        onClick={nextStep}
      />
      <TransportButton name="End" icon="end" keyHint="End" keys="End" onClick={toEnd} />
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
