/**
 * The course: every lesson with the learner's progress (steps seen, questions right, finished),
 * a button to start or continue each, and Reset progress. A modal <dialog>: Escape or Close
 * closes it and focus returns to the Lessons button; choosing a lesson opens it and focus moves
 * to the lesson.
 */
import { useId } from 'react';
import { course, lessonProgress, scoreOf, type Lesson, type LessonProgress } from '../../lessons';
import type { LabState } from '../../store';
import { useLab, useLabStore } from '../../store';
import { PanelDialog } from '../dialog/PanelDialog';
import styles from './LessonsDialog.module.css';

const selectProgress = (s: LabState) => s.progress;
const selectNote = (s: LabState) => s.progressNote;

function status(lesson: Lesson, progress: LessonProgress): string {
  const { right } = scoreOf(progress);
  const questions = lesson.steps.filter((s) => s.ask !== undefined).length;
  const seen = `${progress.seen.length} of ${lesson.steps.length} steps seen`;
  const score = `${right} of ${questions} questions right`;
  return progress.finished
    ? `Finished · ${score}`
    : progress.seen.length === 0
      ? 'Not started'
      : `${seen} · ${score}`;
}

/** Where to pick up: the first step not seen yet, or the start of a finished lesson. */
function resumeAt(lesson: Lesson, progress: LessonProgress): number {
  if (progress.finished) return 0;
  const index = lesson.steps.findIndex((_, i) => !progress.seen.includes(i));
  return index < 0 ? 0 : index;
}

export default function LessonsDialog({ onClose }: { onClose: (opened: boolean) => void }) {
  const id = useId();
  const store = useLabStore();
  const progress = useLab(selectProgress);
  const note = useLab(selectNote);

  const open = (lesson: Lesson, step: number) => {
    store.getState().setPredict(false);
    store.getState().openLesson(lesson.id, step);
    onClose(true);
  };

  return (
    <PanelDialog title="Lessons" onClose={() => onClose(false)}>
      <p className={styles.intro}>
        A course through TCP's handshake and beyond. Every number in a lesson is read from the run
        you see, and each lesson ends with questions. Your progress stays in this browser.
      </p>
      {note !== null && <p className={styles.note}>{note}</p>}
      <ol className={styles.list}>
        {course.map((lesson) => {
          const p = lessonProgress(progress, lesson.id);
          const begun = p.seen.length > 0 && !p.finished;
          return (
            <li key={lesson.id} className={styles.item}>
              <div className={styles.about}>
                <h3 id={`${id}-${lesson.id}`}>{lesson.title}</h3>
                <p className={styles.goal}>{lesson.goal}</p>
                <p className={styles.status}>{status(lesson, p)}</p>
              </div>
              <button
                type="button"
                aria-describedby={`${id}-${lesson.id}`}
                onClick={() => open(lesson, resumeAt(lesson, p))}
              >
                {p.finished ? 'Review' : begun ? 'Continue' : 'Start'}
              </button>
            </li>
          );
        })}
      </ol>
      <div className={styles.foot}>
        <button type="button" onClick={() => store.getState().resetProgress()}>
          Reset progress
        </button>
      </div>
    </PanelDialog>
  );
}
