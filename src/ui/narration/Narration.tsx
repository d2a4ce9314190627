/**
 * Narration: the current event's sentence, with the one or two before it dimmed above it, so
 * a learner reads what just happened and what led to it. It follows playback and stepping
 * through `currentIndex` (given by the page). The current sentence sits in a polite live
 * region; while playing fast, the page may pass `announce={false}` to keep screen readers from
 * being flooded, and they still read it on demand.
 */
import { useId } from 'react';
import type { Trace } from '../../sim/trace';
import { narrate } from '../format/narrate';
import type { TraceFacts } from '../format/trace-facts';
import styles from './Narration.module.css';

export interface NarrationProps {
  readonly trace: Trace;
  readonly facts: TraceFacts;
  /** Index in `trace` of the current event; -1 before the first. */
  readonly currentIndex: number;
  /** How many earlier sentences to show, dimmed (default 2). */
  readonly previous?: number;
  /** Whether the current sentence is announced as it changes (default true). */
  readonly announce?: boolean;
  readonly headingLevel?: 2 | 3 | 4;
}

export function Narration({
  trace,
  facts,
  currentIndex,
  previous = 2,
  announce = true,
  headingLevel = 2,
}: NarrationProps) {
  const Heading = `h${headingLevel}` as const;
  const titleId = useId();
  const current = trace[currentIndex];
  const earlier: { index: number; text: string; t: number }[] = [];
  for (let i = Math.max(0, currentIndex - previous); i < currentIndex; i++) {
    const e = trace[i];
    if (e !== undefined) earlier.push({ index: i, text: narrate(e, facts), t: e.t });
  }
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
        {current === undefined ? (
          'Press Play or Next event to start; each step is explained here.'
        ) : (
          <>
            <span className={styles.time}>{formatTime(current.t)}</span> {narrate(current, facts)}
          </>
        )}
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
