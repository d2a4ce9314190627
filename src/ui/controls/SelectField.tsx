import { useId } from 'react';
import styles from './Controls.module.css';
import { afterChoice, noteBrowsingKey } from './focus-home';

export interface SelectFieldProps<T extends string> {
  label: string;
  value: T;
  options: readonly { value: T; text: string }[];
  onChange: (value: T) => void;
}

/** A labelled choice among a few named options; focus returns to the diagram after a choice. */
export function SelectField<T extends string>({
  label,
  value,
  options,
  onChange,
}: SelectFieldProps<T>) {
  const id = useId();
  return (
    <div className={styles.field}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onKeyDown={noteBrowsingKey}
        onChange={(event) => {
          onChange(event.currentTarget.value as T);
          afterChoice(event.currentTarget, event.timeStamp);
        }}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.text}
          </option>
        ))}
      </select>
    </div>
  );
}
