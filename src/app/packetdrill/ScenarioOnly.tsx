/**
 * Parts of the page that belong to scenario runs. While a script run is shown, the run
 * settings are disabled (nothing re-runs a script with another link, seed or ISN; the banner
 * says why; the display settings stay usable) and the Share button is hidden (a script run
 * is not expressible as a link).
 */
import type { ReactNode } from 'react';
import type { LabState } from '../../store';
import { isRecordedRun, useLab } from '../../store';
import styles from './ScriptRunBanner.module.css';

const selectScripted = (s: LabState) => isRecordedRun(s);

/** Renders its children only while a scenario run is shown. */
export function ScenarioOnly({ children }: { children: ReactNode }) {
  return useLab(selectScripted) ? null : children;
}

/** Disables the run settings inside while a script run is shown. */
export function SettingsLock({ children }: { children: ReactNode }) {
  const locked = useLab(selectScripted);
  return (
    <fieldset className={styles.lock} disabled={locked}>
      {children}
    </fieldset>
  );
}
