/** A lesson's closing screen: what the learner can now explain, their score, and where next. */
import type { Lesson } from '../../lessons';
import { useLabStore } from '../../store';
import styles from '../predict/Question.module.css';

export function ClosingScreen({
  lesson,
  right,
  next,
}: {
  lesson: Lesson;
  /** Questions of this lesson answered right (their last answer). */
  right: number;
  next: Lesson | undefined;
}) {
  const store = useLabStore();
  const questions = lesson.steps.filter((s) => s.ask !== undefined).length;
  return (
    <div className={styles.card}>
      <p className={styles.text}>
        You can now {lesson.goal.charAt(0).toLowerCase() + lesson.goal.slice(1)}
      </p>
      <p className={styles.score}>
        You answered {right} of {questions} questions right.
      </p>
      <div className={styles.buttons}>
        {next !== undefined && (
          <button
            type="button"
            className={styles.primary}
            onClick={() => store.getState().openLesson(next.id, 0)}
          >
            Next lesson: {next.title}
          </button>
        )}
        <button type="button" onClick={() => store.getState().openLesson(lesson.id, 0)}>
          Start again
        </button>
        <button type="button" onClick={() => store.getState().leaveLesson()}>
          Leave lesson
        </button>
      </div>
    </div>
  );
}
