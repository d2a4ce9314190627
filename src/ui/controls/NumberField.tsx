/**
 * A number setting that commits when the user is done: on Enter, on leaving the field, or at once
 * for a spinner or arrow-key step, so typing "200" forks the run once and not three times.
 * The draft while typing is interface state, not a protocol fact.
 */
import { useId, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import styles from './Controls.module.css';

export interface NumberFieldProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onCommit: (value: number) => void;
}

export function NumberField({ label, value, min, max, step, onCommit }: NumberFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const commit = (text: string) => {
    setDraft(null);
    const parsed = Number(text);
    if (text.trim() === '' || !Number.isFinite(parsed)) return;
    const clamped = Math.min(max, Math.max(min, parsed));
    if (clamped !== value) onCommit(clamped);
  };
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const text = event.currentTarget.value;
    // A spinner click or arrow key has no inputType; typing has one.
    if (!(event.nativeEvent as InputEvent).inputType) commit(text);
    else setDraft(text);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') commit(event.currentTarget.value);
    if (event.key === 'Escape') setDraft(null);
  };
  return (
    <div className={styles.field}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        min={min}
        max={max}
        step={step}
        value={draft ?? String(value)}
        onChange={onChange}
        onKeyDown={onKeyDown}
        onBlur={(event) => draft !== null && commit(event.currentTarget.value)}
      />
    </div>
  );
}
