/**
 * Narration: the current event's sentence, with the one or two before it dimmed above it, so
 * a learner reads what just happened and what led to it. It follows playback and stepping
 * through `currentIndex` (given by the page). The current sentence sits in a polite live
 * region; while playing fast, the page may pass `announce={false}` to keep screen readers from
 * being flooded, and they still read it on demand.
 */
import type { Trace } from '../../sim/trace';
import { narrate } from '../format/narrate';
import type { TraceFacts } from '../format/trace-facts';
import { formatTime, NarrationFrame, START_PROMPT, type EarlierSentence } from './NarrationFrame';
import styles from './Narration.module.css';

export { formatClock, formatTime } from './NarrationFrame';

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
  const current = trace[currentIndex];
  const earlier: EarlierSentence[] = [];
  for (let i = Math.max(0, currentIndex - previous); i < currentIndex; i++) {
    const e = trace[i];
    if (e !== undefined) earlier.push({ index: i, text: narrate(e, facts), t: e.t });
  }
  return (
    <NarrationFrame
      earlier={earlier}
      announce={announce}
      headingLevel={headingLevel}
      current={
        current === undefined ? (
          START_PROMPT
        ) : (
          <>
            <span className={styles.time}>{formatTime(current.t)}</span> {narrate(current, facts)}
          </>
        )
      }
    />
  );
}

export default Narration;
