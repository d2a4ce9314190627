/**
 * The Scenario picker: every preset by its title, with the paragraph saying what it teaches.
 * While a packetdrill script run is shown, it names the script and what the script tests.
 * While a question waits for the learner's answer, the title and the paragraph are hidden: they
 * would give the answer away.
 */
import { useEffect, useId, useRef, useState } from 'react';
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
  // Whether the long description is unfolded, and the height its folded box keeps meanwhile
  // (px): view choices, not protocol facts.
  const [expanded, setExpanded] = useState(false);
  const [heldHeight, setHeldHeight] = useState<number | undefined>(undefined);
  const toggle = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const fold = (open: boolean) => {
    setHeldHeight(open ? box.current?.getBoundingClientRect().height : undefined);
    setExpanded(open);
  };
  // Open over the page, it folds at a press anywhere else, as a popup does.
  useEffect(() => {
    if (!expanded) return;
    const onPointerDown = (event: PointerEvent) => {
      if (event.target instanceof Node && box.current?.contains(event.target)) return;
      fold(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [expanded]);
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
      {/* Unfolded on a wide screen, the text opens over the page (a card holding the folded
          box's place), so the diagram under the header keeps its height; on a phone, whose page
          scrolls, it unfolds in place. Escape or a press elsewhere folds it again. */}
      <div ref={box} className={styles.descriptionBox} style={{ minHeight: heldHeight }}>
        <div
          className={expanded ? styles.descriptionOpen : undefined}
          onKeyDown={(event) => {
            if (!expanded || event.key !== 'Escape') return;
            event.preventDefault();
            fold(false);
            toggle.current?.focus();
          }}
        >
          <p
            id={`${id}-description`}
            className={`${styles.description} ${expanded ? '' : styles.descriptionClamped}`}
          >
            {description}
          </p>
          <button
            ref={toggle}
            type="button"
            hidden={hidden}
            className={styles.more}
            aria-expanded={expanded}
            aria-controls={`${id}-description`}
            onClick={() => fold(!expanded)}
          >
            {expanded ? 'Show less' : 'Read the whole description'}
          </button>
        </div>
      </div>
    </div>
  );
}
