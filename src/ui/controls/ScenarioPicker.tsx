/**
 * The Scenario picker: every preset by its title, with the paragraph saying what it teaches.
 * While a packetdrill script run is shown, it names the script and what the script tests.
 * While a question waits for the learner's answer, the title and the paragraph are hidden: they
 * would give the answer away.
 */
import { useId, useState } from 'react';
import type { LabState } from '../../store';
import { useLab } from '../../store';
import { describedOver } from '../../sim/settings';
import styles from './Controls.module.css';
import { afterChoice, noteBrowsingKey } from './focus-home';
import { HIDDEN_UNTIL_ANSWERED, selectQuestionOpen } from '../predict/question-open';

const selectPresets = (s: LabState) => s.presets;
const selectPreset = (s: LabState) => s.run.preset;
const selectChoosePreset = (s: LabState) => s.choosePreset;
const selectScriptRun = (s: LabState) => s.scriptRun;
const selectIp = (s: LabState) => s.run.ip;

export function ScenarioPicker() {
  const presets = useLab(selectPresets);
  const preset = useLab(selectPreset);
  const choosePreset = useLab(selectChoosePreset);
  const id = useId();
  // Whether the long description is unfolded: a view choice, not a protocol fact.
  const [expanded, setExpanded] = useState(false);
  // A script run shows the script's name and what it tests, not the scenario it replaced.
  const script = useLab(selectScriptRun);
  // Over IPv6 the paragraph names the addresses and the MSS the diagram shows.
  const ip = useLab(selectIp);
  const hidden = useLab(selectQuestionOpen) && !script;
  const description = hidden
    ? 'The scenario is named and described once you have answered.'
    : script
      ? (script.summary ?? '')
      : describedOver(presets.find((p) => p.name === preset)?.description ?? '', ip);
  return (
    <div className={styles.scenario}>
      <div className={styles.field}>
        <label htmlFor={id}>Scenario</label>
        <select
          id={id}
          value={script || hidden ? '' : preset}
          aria-describedby={`${id}-description`}
          onKeyDown={noteBrowsingKey}
          onChange={(event) => {
            choosePreset(event.currentTarget.value);
            afterChoice(event.currentTarget, event.timeStamp);
          }}
        >
          {script && (
            <option value="" disabled>
              Script: {script.name}
            </option>
          )}
          {hidden && (
            <option value="" disabled>
              {HIDDEN_UNTIL_ANSWERED}
            </option>
          )}
          {presets.map((p) => (
            <option key={p.name} value={p.name}>
              {p.title}
            </option>
          ))}
        </select>
      </div>
      <div className={styles.descriptionBox}>
        <p
          id={`${id}-description`}
          className={`${styles.description} ${expanded ? '' : styles.descriptionClamped}`}
        >
          {description}
        </p>
        <button
          type="button"
          hidden={hidden}
          className={styles.more}
          aria-expanded={expanded}
          aria-controls={`${id}-description`}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? 'Show less' : 'Read the whole description'}
        </button>
      </div>
    </div>
  );
}
