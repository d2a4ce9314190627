/** Playback speed on a logarithmic ladder, written as slow motion ("1/40× real time"). */
import { useId } from 'react';
import type { LabState } from '../../store';
import { SPEEDS, speedAtStep, speedLabel, speedStep, useLab } from '../../store';
import styles from './Controls.module.css';
import { returnAfterDrag } from './focus-home';

const selectSpeed = (s: LabState) => s.speed;
const selectSetSpeed = (s: LabState) => s.setSpeed;

export function SpeedSlider() {
  const speed = useLab(selectSpeed);
  const setSpeed = useLab(selectSetSpeed);
  const id = useId();
  const label = speedLabel(speed);
  return (
    <div className={styles.speed}>
      <label htmlFor={id}>Speed</label>
      <input
        id={id}
        type="range"
        onPointerDown={returnAfterDrag}
        min={0}
        max={SPEEDS.length - 1}
        step={1}
        value={speedStep(speed)}
        aria-valuetext={label}
        onChange={(event) => setSpeed(speedAtStep(Number(event.currentTarget.value)))}
      />
      <output htmlFor={id} className={styles.readout}>
        {label}
      </output>
    </div>
  );
}
