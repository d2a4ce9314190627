/**
 * The narration panel's frame: its heading, the earlier sentences (dimmed) and the current one
 * in a polite live region. It holds no sentence logic, so the page can show it (with the
 * invitation to start) before the narrating code has loaded.
 */
import { useId, type ReactNode } from 'react';
import styles from './Narration.module.css';

export interface EarlierSentence {
  readonly index: number;
  readonly text: string;
  readonly t: number;
}

export interface NarrationFrameProps {
  readonly earlier: readonly EarlierSentence[];
  /** The current sentence, or the invitation to start. */
  readonly current: ReactNode;
  readonly announce: boolean;
  readonly headingLevel: 2 | 3 | 4;
}

/** What the panel says before the first event. */
export const START_PROMPT = 'Press Play or Next event to start; each step is explained here.';

export function NarrationFrame({ earlier, current, announce, headingLevel }: NarrationFrameProps) {
  const Heading = `h${headingLevel}` as const;
  const titleId = useId();
  return (
    <section className={styles.narration} aria-labelledby={titleId}>
      <Heading id={titleId} className={styles.title}>
        What is happening
      </Heading>
      {earlier.length > 0 && (
        <ol className={styles.earlier} aria-label="Just before">
          {earlier.map((s) => (
            <li key={s.index} value={s.index + 1}>
              <span className={styles.time}>{formatTime(s.t)}</span> {s.text}
            </li>
          ))}
        </ol>
      )}
      <p className={styles.current} aria-live={announce ? 'polite' : 'off'} aria-atomic="true">
        {current}
      </p>
    </section>
  );
}

/** "t = 1.025 s" or "t = 25 ms": when the event happened, in virtual time. */
export function formatTime(t: number): string {
  return `t = ${formatClock(t)}`;
}

/** "1.025 s" or "25 ms". */
export function formatClock(t: number): string {
  const rounded = Math.round(t * 1000) / 1000;
  return rounded >= 1000 ? `${rounded / 1000} s` : `${rounded} ms`;
}
