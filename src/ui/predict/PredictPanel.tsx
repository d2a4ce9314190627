/**
 * Predict mode's panel: the question about the step the run is waiting before, Reveal, the
 * answer with its explanation, Next step, and the running score (right of asked).
 */
import { useShallow } from 'zustand/react/shallow';
import type { LabState } from '../../store';
import { useLab, useLabStore } from '../../store';
import { nextQuestionStep, predictStepsOf } from '../../store/predict-steps';
import styles from './Question.module.css';
import { QuestionCard } from './QuestionCard';
import { whyOf } from './why';

const selectView = (s: LabState) => {
  const { predict, timeline, cursor, lessonKit: kit } = s;
  const fresh = predict.timeline === timeline;
  const result = fresh ? predict.result : null;
  // Predict is switched on only once the kit has loaded (setPredict), so it is here.
  const shown =
    kit === null
      ? undefined
      : result
        ? predictStepsOf(kit, timeline).find((step) => step.question?.index === result.index)
        : nextQuestionStep(kit, timeline, fresh ? predict.revealedThrough : cursor);
  return {
    on: predict.on && s.lesson === null,
    right: predict.right,
    asked: predict.asked,
    question: shown?.question,
    waiting: shown !== undefined && (result !== null || cursor <= shown.holdCursor),
    result,
    why: result ? whyOf(s, result.index) : '',
  };
};

export default function PredictPanel() {
  const view = useLab(useShallow(selectView));
  const store = useLabStore();
  if (!view.on) return null;
  const next = () => store.getState().nextPrediction();
  return (
    <section className={styles.panel} aria-labelledby="predict-title">
      <div className={styles.head}>
        <h2 id="predict-title">Predict</h2>
        <span
          className={styles.score}
          aria-label={`Score: ${view.right} right of ${view.asked} asked`}
        >
          {view.right} right of {view.asked} asked
        </span>
      </div>
      {view.question !== undefined && view.waiting ? (
        <QuestionCard
          key={view.question.index}
          question={view.question}
          result={view.result}
          why={view.why}
          onReveal={(given) => store.getState().revealPrediction(given)}
          after={
            <div className={styles.buttons}>
              <button type="button" className={styles.primary} onClick={next}>
                Next step
              </button>
            </div>
          }
        />
      ) : view.question !== undefined ? (
        <div className={styles.buttons}>
          <p className={styles.note}>You went back over steps you have seen.</p>
          <button type="button" className={styles.primary} onClick={next}>
            Next question
          </button>
        </div>
      ) : (
        <p className={styles.text}>No more questions: this is the end of the run.</p>
      )}
    </section>
  );
}
