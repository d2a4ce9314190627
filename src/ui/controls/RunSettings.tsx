/**
 * Settings of the run (link Delay, Jitter, Loss and Seed, the stack's Profile, the ISN choice,
 * the IP version) and of the display (the Time axis, compressed or true scale; the Text size,
 * large for a projector; absolute or relative Numbers; the Theme). A link change in the middle of
 * a run forks its future; the other run settings re-run it (see docs/visualizer.md). They are
 * two groups because a packetdrill script run locks the first and never the second.
 */
import { useId } from 'react';
import type {
  IpVersion,
  IsnMode,
  LabState,
  Numbering,
  ProfileName,
  Theme,
  TimeAxisMode,
} from '../../store';
import { useLab } from '../../store';
import {
  IP_VERSIONS,
  ISN_MODES as ISN_MODE_CHOICES,
  NUMBERINGS as NUMBERING_CHOICES,
  PROFILE_NAMES,
  TEXT_SIZES as TEXT_SIZE_CHOICES,
  THEMES as THEME_CHOICES,
  TIME_AXES as TIME_AXIS_CHOICES,
  labSetting,
  type NumberKind,
} from '../../sim/settings';
import styles from './Controls.module.css';
import { NumberField } from './NumberField';
import { SelectField } from './SelectField';
import { ProfileDetailsButton } from '../profile/ProfileDetailsButton';

const selectRun = (s: LabState) => s.run;
const selectPresets = (s: LabState) => s.presets;
const selectNumbering = (s: LabState) => s.numbering;
const selectTheme = (s: LabState) => s.theme;
const selectChange = (s: LabState) => s.changeRunSettings;
const selectSetNumbering = (s: LabState) => s.setNumbering;
const selectSetTheme = (s: LabState) => s.setTheme;
const selectTimeAxis = (s: LabState) => s.timeAxis;
const selectSetTimeAxis = (s: LabState) => s.setTimeAxis;
const selectTextSize = (s: LabState) => (s.largeType ? 'large' : 'normal');
const selectSetLargeType = (s: LabState) => s.setLargeType;

/** The words each choice is shown with; the choices themselves are declared in src/sim/settings. */
const PROFILE_TEXT: Record<ProfileName, string> = {
  rfc: 'RFC',
  linux: 'Linux',
  freebsd: 'FreeBSD',
};
const IP_TEXT: Record<IpVersion, string> = { ipv4: 'IPv4', ipv6: 'IPv6' };
const CHOICE_TEXT: Record<IsnMode | Numbering | TimeAxisMode | TextSize | Theme, string> = {
  textbook: 'Textbook',
  random: 'Random',
  absolute: 'Absolute',
  relative: 'Relative',
  compressed: 'Compressed',
  true: 'True scale',
  normal: 'Normal',
  large: 'Large',
  system: 'System',
  light: 'Light',
  dark: 'Dark',
};

type TextSize = (typeof TEXT_SIZE_CHOICES)[number];

function options<T extends string>(choices: readonly T[], text: Record<T, string>) {
  return choices.map((value) => ({ value, text: text[value] }));
}

const PROFILES = options(PROFILE_NAMES, PROFILE_TEXT);
const ISN_MODES = options(ISN_MODE_CHOICES, CHOICE_TEXT);
const NUMBERINGS = options(NUMBERING_CHOICES, CHOICE_TEXT);
const TIME_AXES = options(TIME_AXIS_CHOICES, CHOICE_TEXT);
const TEXT_SIZES = options(TEXT_SIZE_CHOICES, CHOICE_TEXT);
// The System choice first: it is the default.
const THEMES = options(
  [...THEME_CHOICES].sort((a, b) => Number(b === 'system') - Number(a === 'system')),
  CHOICE_TEXT,
);

/** A number control's bounds, as its setting declares them. */
function bounds(name: 'delay' | 'jitter' | 'loss' | 'seed') {
  const kind = labSetting(name).kind as NumberKind;
  return { label: labSetting(name).control ?? name, min: kind.min, max: kind.max };
}

export function RunSettingsPanel() {
  const run = useLab(selectRun);
  const change = useLab(selectChange);
  const presets = useLab(selectPresets);
  const noteId = useId();
  // A preset written with IPv6 addresses has no IPv4 form: the choice is shown, and says why not.
  const ipProblems = presets.find((p) => p.name === run.preset)?.ipProblems ?? {};
  const ipNote = IP_VERSIONS.flatMap((v) => {
    const problem = ipProblems[v];
    return problem === undefined ? [] : [`This scenario ${problem}.`];
  })[0];
  const ipVersions = IP_VERSIONS.map((value) => ({
    value,
    text: IP_TEXT[value],
    disabled: ipProblems[value] !== undefined,
  }));
  return (
    <div className={styles.settings} role="group" aria-label="Run settings">
      <NumberField
        {...bounds('delay')}
        value={run.delay}
        step={10}
        onCommit={(delay) => change({ delay })}
      />
      <NumberField
        {...bounds('jitter')}
        value={run.jitter}
        step={5}
        onCommit={(jitter) => change({ jitter })}
      />
      <NumberField
        {...bounds('loss')}
        value={run.loss}
        step={5}
        onCommit={(loss) => change({ loss })}
      />
      <NumberField
        {...bounds('seed')}
        value={run.seed}
        step={1}
        onCommit={(seed) => change({ seed: Math.round(seed) })}
      />
      <SelectField
        label="Profile"
        value={run.profile}
        options={PROFILES}
        onChange={(profile) => change({ profile })}
        beside={<ProfileDetailsButton className={styles.detailsButton} />}
      />
      <SelectField
        label="ISN"
        value={run.isn}
        options={ISN_MODES}
        onChange={(isn) => change({ isn })}
      />
      <SelectField
        label={labSetting('ip').control ?? 'IP version'}
        value={run.ip}
        options={ipVersions}
        onChange={(ip) => change({ ip })}
        {...(ipNote !== undefined ? { describedBy: noteId } : {})}
      />
      {ipNote !== undefined && (
        <p id={noteId} className={styles.settingNote}>
          {ipNote}
        </p>
      )}
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
