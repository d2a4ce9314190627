/**
 * Presentation mode's caption while a lesson is open: the lesson's own text for the step, so the
 * room reads what the lesson says while the presenter's clicker goes through it. A question
 * shows its prompt and choices; once revealed (by the clicker, or by a learner's answer), the
 * answer. Past the last step, what the lesson taught.
 */
import { useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { answerText, course } from '../../lessons';
import type { LabState } from '../../store';
import { useLab } from '../../store';
import { openStep, stepViewOf } from '../../store/slices/lesson';
import styles from './Presentation.module.css';
import { useFitText } from './use-fit-text';

const selectCaption = (s: LabState) => {
  const open = openStep(s);
  const lesson = open?.lesson ?? course.find((l) => l.id === s.lesson?.id);
  const view = open ? stepViewOf(open.kit, s.timeline, open.step) : undefined;
  return {
    number: lesson === undefined ? 0 : course.indexOf(lesson) + 1,
    lesson,
    step: s.lesson?.step ?? 0,
    text: view?.text.text ?? '',
    question: view?.question,
    revealed: (s.lesson?.result ?? null) !== null,
  };
};

export function LessonCaption() {
  const { number, lesson, step, text, question, revealed } = useLab(useShallow(selectCaption));
  const caption = useRef<HTMLDivElement>(null);
  useFitText(caption, `${lesson?.id ?? ''} ${step} ${text} ${revealed}`);
  if (lesson === undefined) return null;
  const closing = step >= lesson.steps.length;
  const place = closing ? 'complete' : `step ${step + 1} of ${lesson.steps.length}`;
  return (
    // A long step (its text, a question and its choices) first takes smaller type (use-fit-text)
    // and then may scroll: a Tab stop lets a keyboard reach it then.
    <div
      ref={caption}
      className={`${styles.caption} ${styles.lessonCaption}`}
      aria-live="polite"
      aria-atomic="true"
      role="region"
      aria-label="Lesson step"
      tabIndex={0}
    >
      <p className={styles.place}>
        Lesson {number}: {lesson.title} · {place}
      </p>
      {closing ? (
        <p>You can now {lesson.goal.charAt(0).toLowerCase() + lesson.goal.slice(1)}</p>
      ) : (
        <p>{text}</p>
      )}
      {question !== undefined && (
        <p className={styles.question}>
          {question.prompt}
          {question.answer.type === 'choice' && !revealed && (
            <span className={styles.choices}>
              {question.answer.choices.map((choice, i) => (
                <span key={choice}>
                  {i > 0 && ' · '}
                  <span className={styles.choice}>{choice}</span>
                </span>
              ))}
            </span>
          )}
        </p>
      )}
      {question !== undefined && revealed && (
        <p className={styles.answer}>
          Answer: {answerText(question.answer)}.{question.hint !== '' && ` ${question.hint}`}
        </p>
      )}
    </div>
  );
}
