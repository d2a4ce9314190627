/**
 * The Predict switch: on, the run pauses before each visible step and asks a question about it
 * (PredictPanel). Hidden while a lesson is open, whose questions are its own.
 */
import type { LabState } from '../../store';
import { useLab, useLabStore } from '../../store';
import styles from './PredictToggle.module.css';
import { useQuestionHold } from './use-question-hold';

const selectOn = (s: LabState) => s.predict.on;
const selectInLesson = (s: LabState) => s.lesson !== null;

export function PredictToggle({ className }: { className?: string | undefined }) {
  const on = useLab(selectOn);
  const inLesson = useLab(selectInLesson);
  const store = useLabStore();
  useQuestionHold();
  if (inLesson) return null;
  return (
    <label className={`${styles.toggle} ${className ?? ''}`}>
      <input
        type="checkbox"
        role="switch"
        checked={on}
        onChange={(event) => store.getState().setPredict(event.currentTarget.checked)}
      />
      <span>Predict</span>
    </label>
  );
}
