/**
 * A read-only text with a Copy button. The clipboard API is used when the page may; otherwise the
 * text is selected so the user can copy it by hand, and the status line says which happened.
 */
import { useId, useRef, useState } from 'react';
import styles from './ShareDialog.module.css';

export function CopyField(props: {
  label: string;
  buttonName: string;
  value: string;
  rows?: number;
}) {
  const id = useId();
  const field = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  // Feedback after a click: interface state, not a protocol fact.
  const [status, setStatus] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.value);
      setStatus('Copied.');
    } catch {
      field.current?.focus();
      field.current?.select();
      setStatus('Selected: press Ctrl+C (⌘C on a Mac) to copy.');
    }
  };
  return (
    <div className={styles.copyField}>
      <label htmlFor={id}>{props.label}</label>
      <div className={styles.copyRow}>
        {props.rows ? (
          <textarea
            ref={field}
            id={id}
            readOnly
            rows={props.rows}
            value={props.value}
            spellCheck={false}
            onFocus={(event) => event.currentTarget.select()}
          />
        ) : (
          <input
            ref={field}
            id={id}
            readOnly
            value={props.value}
            spellCheck={false}
            onFocus={(event) => event.currentTarget.select()}
          />
        )}
        <button type="button" onClick={() => void copy()}>
          {props.buttonName}
        </button>
      </div>
      <p className={styles.status} role="status">
        {status}
      </p>
    </div>
  );
}
