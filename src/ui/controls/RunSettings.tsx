/**
 * Settings of the run and of the display: link Delay, Jitter, Loss and Seed, the stack's Profile,
 * the ISN choice, absolute or relative Numbers, and the Theme. A link change in the middle of a
 * run forks its future; the others re-run it (see docs/visualizer.md).
 */
import type { IsnMode, LabState, Numbering, Profile, Theme } from '../../store';
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

const PROFILES = [
  { value: 'rfc', text: 'RFC' },
  { value: 'linux', text: 'Linux' },
] as const satisfies readonly { value: Profile; text: string }[];
const ISN_MODES = [
  { value: 'textbook', text: 'Textbook' },
  { value: 'random', text: 'Random' },
] as const satisfies readonly { value: IsnMode; text: string }[];
const NUMBERINGS = [
  { value: 'absolute', text: 'Absolute' },
  { value: 'relative', text: 'Relative' },
] as const satisfies readonly { value: Numbering; text: string }[];
const THEMES = [
  { value: 'system', text: 'System' },
  { value: 'light', text: 'Light' },
  { value: 'dark', text: 'Dark' },
] as const satisfies readonly { value: Theme; text: string }[];

export function RunSettingsPanel() {
  const run = useLab(selectRun);
  const numbering = useLab(selectNumbering);
  const theme = useLab(selectTheme);
  const change = useLab(selectChange);
  const setNumbering = useLab(selectSetNumbering);
  const setTheme = useLab(selectSetTheme);
  return (
    <div className={styles.settings} role="group" aria-label="Settings">
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
      <SelectField label="Numbers" value={numbering} options={NUMBERINGS} onChange={setNumbering} />
      <SelectField label="Theme" value={theme} options={THEMES} onChange={setTheme} />
    </div>
  );
}
