import { useId, type ReactNode } from 'react';
import styles from './Controls.module.css';
import { afterChoice, noteBrowsingKey } from './focus-home';

export interface SelectFieldProps<T extends string> {
  label: string;
  value: T;
  /** A disabled option is shown but cannot be chosen (the note named by describedBy says why). */
  options: readonly { value: T; text: string; disabled?: boolean }[];
  onChange: (value: T) => void;
  /** The id of a note about this choice, read with it by a screen reader. */
  describedBy?: string;
  /** A small control beside the label (Profile's details), taking no width of its own. */
  beside?: ReactNode;
}

/** A labelled choice among a few named options; focus returns to the diagram after a choice. */
export function SelectField<T extends string>({
  label,
  value,
  options,
  onChange,
  describedBy,
  beside,
}: SelectFieldProps<T>) {
  const id = useId();
  return (
    <div className={styles.field}>
      {beside === undefined ? (
        <label htmlFor={id}>{label}</label>
      ) : (
        <div className={styles.labelRow}>
          <label htmlFor={id}>{label}</label>
          {beside}
        </div>
      )}
      <select
        id={id}
        value={value}
        aria-describedby={describedBy}
        onKeyDown={noteBrowsingKey}
        onChange={(event) => {
          onChange(event.currentTarget.value as T);
          afterChoice(event.currentTarget, event.timeStamp);
        }}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value} disabled={option.disabled}>
            {option.text}
          </option>
        ))}
      </select>
    </div>
  );
}
