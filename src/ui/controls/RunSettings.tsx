/**
 * Settings of the run (link Delay, Jitter, Loss and Seed, the stack's Profile, the ISN choice)
 * and of the display (the Time axis, compressed or true scale; the Text size, large for a
 * projector; absolute or relative Numbers; the Theme). A link change in the middle of
 * a run forks its future; the other run settings re-run it (see docs/visualizer.md). They are
 * two groups because a packetdrill script run locks the first and never the second.
 */
import type { IsnMode, LabState, Numbering, Profile, Theme, TimeAxisMode } from '../../store';
import { useLab } from '../../store';
import styles from './Controls.module.css';
import { NumberField } from './NumberField';
import { SelectField } from './SelectField';

const selectRun = (s: LabState) => s.run;
const selectNumbering = (s: LabState) => s.numbering;
const selectTheme = (s: LabState) => s.theme;
const selectChange = (s: LabState) => s.changeRunSettings;
const selectSetNumbering = (s: LabState) => s.setNumbering;
const selectSetTheme = (s: LabState) => s.setTheme;
const selectTimeAxis = (s: LabState) => s.timeAxis;
const selectSetTimeAxis = (s: LabState) => s.setTimeAxis;
const selectTextSize = (s: LabState) => (s.largeType ? 'large' : 'normal');
const selectSetLargeType = (s: LabState) => s.setLargeType;

const PROFILES = [
  { value: 'rfc', text: 'RFC' },
  { value: 'linux', text: 'Linux' },
  { value: 'freebsd', text: 'FreeBSD' },
] as const satisfies readonly { value: Profile; text: string }[];
const ISN_MODES = [
  { value: 'textbook', text: 'Textbook' },
  { value: 'random', text: 'Random' },
] as const satisfies readonly { value: IsnMode; text: string }[];
const NUMBERINGS = [
  { value: 'absolute', text: 'Absolute' },
  { value: 'relative', text: 'Relative' },
] as const satisfies readonly { value: Numbering; text: string }[];
const TIME_AXES = [
  { value: 'compressed', text: 'Compressed' },
  { value: 'true', text: 'True scale' },
] as const satisfies readonly { value: TimeAxisMode; text: string }[];
const TEXT_SIZES = [
  { value: 'normal', text: 'Normal' },
  { value: 'large', text: 'Large' },
] as const;
const THEMES = [
  { value: 'system', text: 'System' },
  { value: 'light', text: 'Light' },
  { value: 'dark', text: 'Dark' },
] as const satisfies readonly { value: Theme; text: string }[];

export function RunSettingsPanel() {
  const run = useLab(selectRun);
  const change = useLab(selectChange);
  return (
    <div className={styles.settings} role="group" aria-label="Run settings">
      <NumberField
        label="Delay (ms)"
        value={run.delay}
        min={0}
        max={10_000}
        step={10}
        onCommit={(delay) => change({ delay })}
      />
      <NumberField
        label="Jitter (ms)"
        value={run.jitter}
        min={0}
        max={10_000}
        step={5}
        onCommit={(jitter) => change({ jitter })}
      />
      <NumberField
        label="Loss (%)"
        value={run.loss}
        min={0}
        max={100}
        step={5}
        onCommit={(loss) => change({ loss })}
      />
      <NumberField
        label="Seed"
        value={run.seed}
        min={0}
        max={4_294_967_295}
        step={1}
        onCommit={(seed) => change({ seed: Math.round(seed) })}
      />
      <SelectField
        label="Profile"
        value={run.profile}
        options={PROFILES}
        onChange={(profile) => change({ profile })}
      />
      <SelectField
        label="ISN"
        value={run.isn}
        options={ISN_MODES}
        onChange={(isn) => change({ isn })}
      />
    </div>
  );
}

export function DisplaySettingsPanel() {
  const numbering = useLab(selectNumbering);
  const theme = useLab(selectTheme);
  const setNumbering = useLab(selectSetNumbering);
  const setTheme = useLab(selectSetTheme);
  const timeAxis = useLab(selectTimeAxis);
  const setTimeAxis = useLab(selectSetTimeAxis);
  const textSize = useLab(selectTextSize);
  const setLargeType = useLab(selectSetLargeType);
  return (
    <div className={styles.settings} role="group" aria-label="Display settings">
      <SelectField label="Time axis" value={timeAxis} options={TIME_AXES} onChange={setTimeAxis} />
      <SelectField
        label="Text size"
        value={textSize}
        options={TEXT_SIZES}
        onChange={(size) => setLargeType(size === 'large')}
      />
      <SelectField label="Numbers" value={numbering} options={NUMBERINGS} onChange={setNumbering} />
      <SelectField label="Theme" value={theme} options={THEMES} onChange={setTheme} />
    </div>
  );
}
