/**
 * controls=minimal: Play/Pause, a step back and forward, the Time slider and the speed, for
 * small embeds.
 */
import type { LabState } from '../../store';
import { useLab } from '../../store';
import styles from '../../ui/controls/Controls.module.css';
import { Icon } from '../../ui/controls/icons';
import { Scrubber } from '../../ui/controls/Scrubber';
import { SpeedSlider } from '../../ui/controls/SpeedSlider';

const selectPlaying = (s: LabState) => s.playing;
const selectTogglePlay = (s: LabState) => s.togglePlay;
const selectNext = (s: LabState) => s.stepNext;
const selectPrevious = (s: LabState) => s.stepPrevious;

export function MinimalControls() {
  const playing = useLab(selectPlaying);
  const togglePlay = useLab(selectTogglePlay);
  const stepNext = useLab(selectNext);
  const stepPrevious = useLab(selectPrevious);
  const name = playing ? 'Pause' : 'Play';
  return (
    <>
      <div className={styles.transport} role="group" aria-label="Playback">
        <button
          type="button"
          onClick={stepPrevious}
          aria-label="Previous event"
          title="Previous event (←)"
        >
          <Icon name="previous" />
        </button>
        <button
          type="button"
          className={styles.primary}
          onClick={togglePlay}
          aria-label={name}
          title={`${name} (Space)`}
        >
          <Icon name={playing ? 'pause' : 'play'} />
          <span>{name}</span>
        </button>
        <button type="button" onClick={stepNext} aria-label="Next event" title="Next event (→)">
          <Icon name="next" />
        </button>
      </div>
      <Scrubber />
      <SpeedSlider />
    </>
  );
}
