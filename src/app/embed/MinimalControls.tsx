/** controls=minimal: one Play/Pause button and the Time slider, for small embeds. */
import type { LabState } from '../../store';
import { useLab } from '../../store';
import styles from '../../ui/controls/Controls.module.css';
import { Icon } from '../../ui/controls/icons';
import { Scrubber } from '../../ui/controls/Scrubber';

const selectPlaying = (s: LabState) => s.playing;
const selectTogglePlay = (s: LabState) => s.togglePlay;

export function MinimalControls() {
  const playing = useLab(selectPlaying);
  const togglePlay = useLab(selectTogglePlay);
  const name = playing ? 'Pause' : 'Play';
  return (
    <>
      <div className={styles.transport} role="group" aria-label="Playback">
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
      </div>
      <Scrubber />
    </>
  );
}
