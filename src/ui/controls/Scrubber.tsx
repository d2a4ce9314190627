/**
 * The Time slider: scrub to any moment. Its position follows the playhead motion value directly
 * (no React render per frame); moving it seeks the store.
 */
import { useEffect, useId, useRef } from 'react';
import type { LabState } from '../../store';
import { useLab } from '../../store';
import { formatTime } from '../diagram/geometry';
import { usePlayhead } from '../connected/playhead';
import { selectQuestionOpen } from '../predict/question-open';
import styles from './Controls.module.css';
import { returnAfterDrag } from './focus-home';

const selectEndTime = (s: LabState) => s.timeline.endTime;
const selectSeek = (s: LabState) => s.seek;

export function Scrubber() {
  const endTime = useLab(selectEndTime);
  const seek = useLab(selectSeek);
  // While a question waits the run's length stays unsaid: a timer that ends the run (TIME-WAIT's
  // 60 s) or a last retransmission would be read off "of 60.61 s".
  const questionOpen = useLab(selectQuestionOpen);
  const playhead = usePlayhead();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const readout = useRef<HTMLOutputElement>(null);
  useEffect(() => {
    const show = (t: number) => {
      const text = questionOpen ? formatTime(t) : `${formatTime(t)} of ${formatTime(endTime)}`;
      if (input.current) {
        input.current.value = String(t);
        input.current.setAttribute('aria-valuetext', text);
      }
      if (readout.current) readout.current.textContent = text;
    };
    show(playhead.get());
    return playhead.on('change', show);
  }, [playhead, endTime, questionOpen]);
  return (
    <div className={styles.scrubber}>
      <label htmlFor={id}>Time</label>
      <input
        ref={input}
        id={id}
        type="range"
        onPointerDown={returnAfterDrag}
        min={0}
        max={endTime}
        step="any"
        defaultValue={playhead.get()}
        onChange={(event) => seek(Number(event.currentTarget.value))}
      />
      <output ref={readout} htmlFor={id} className={styles.readout} />
    </div>
  );
}
