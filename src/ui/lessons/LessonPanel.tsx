/**
 * The open lesson: its title and place ("Step 2 of 7"), the step's text with the facts of the run
 * filled in, its question or its action, and Previous / Next; past the last step, the closing
 * screen with what the learner can now explain and their score. PageDown and PageUp (a
 * presenter's clicker) move between steps wherever focus is (src/app/use-keyboard-shortcuts.ts).
 */
import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { course, lessonProgress, scoreOf } from '../../lessons';
import type { LabState } from '../../store';
import { useLab, useLabStore } from '../../store';
import { lessonActionDone, openStep, stepViewOf } from '../../store/slices/lesson';
import styles from '../predict/Question.module.css';
import { QuestionCard } from '../predict/QuestionCard';
import { whyOf } from '../predict/why';
import { useQuestionHold } from '../predict/use-question-hold';
import { ClosingScreen } from './ClosingScreen';

const selectView = (s: LabState) => {
  const open = openStep(s);
  const view = open ? stepViewOf(open.kit, s.timeline, open.step) : undefined;
  const result = s.lesson?.result ?? null;
  const question = view?.question;
  return {
    place: s.lesson,
    lesson: open?.lesson ?? course.find((l) => l.id === s.lesson?.id),
    step: open?.step,
    text: view?.text.text ?? '',
    missing: view?.missing ?? false,
    question,
    result,
    why: result && question ? whyOf(s, question.index) : '',
    actionDone: lessonActionDone(s),
    ...(s.lesson ? scoreOf(lessonProgress(s.progress, s.lesson.id)) : { right: 0, asked: 0 }),
  };
};

export default function LessonPanel() {
  const view = useLab(useShallow(selectView));
  const store = useLabStore();
  useQuestionHold();
  const { place, lesson } = view;
  const heading = useRef<HTMLHeadingElement>(null);
  const id = place?.id;
  // Opening a lesson brings the keyboard to it.
  useEffect(() => {
    if (id !== undefined) heading.current?.focus();
  }, [id]);
  // Moving between steps keeps focus where it is, unless the focused control went away with the
  // step (an action's button once done, the Next button on the last step).
  useEffect(() => {
    const active = document.activeElement;
    if (active === document.body || active === null) heading.current?.focus();
  }, [place?.step, view.actionDone, view.result]);
  if (place === null || lesson === undefined) return null;
  const number = course.indexOf(lesson) + 1;
  const state = () => store.getState();
  const closing = view.step === undefined;
  const mustAnswer = view.question !== undefined && view.result === null;
  const canGoOn = !closing && !mustAnswer && view.actionDone;
  return (
    <section className={styles.panel} aria-labelledby="lesson-title">
      <div className={styles.head}>
        <h2 id="lesson-title" ref={heading} tabIndex={-1}>
          Lesson {number}: {lesson.title}
        </h2>
        <span className={styles.meta}>
          {closing ? 'Lesson complete' : `Step ${place.step + 1} of ${lesson.steps.length}`}
        </span>
      </div>
      {closing ? (
        <ClosingScreen lesson={lesson} right={view.right} next={course[number]} />
      ) : (
        <>
          {place.step === 0 && (
            <p className={styles.note}>
              <strong>Goal:</strong> {lesson.goal}
            </p>
          )}
          <p className={styles.text}>{view.text}</p>
          {view.missing && (
            <p className={styles.note}>
              This run has changed since the step opened, so part of the step is missing.{' '}
              <button type="button" onClick={() => state().openLesson(lesson.id, place.step)}>
                Restart step
              </button>
            </p>
          )}
          {view.step?.do !== undefined && (
            <div className={styles.buttons}>
              {view.actionDone ? (
                <p className={styles.right} role="status">
                  Done.
                </p>
              ) : (
                <button type="button" onClick={() => state().doLessonAction()}>
                  Do it for me
                </button>
              )}
            </div>
          )}
          {view.question !== undefined && (
            <QuestionCard
              key={`${lesson.id}-${place.step}`}
              question={view.question}
              result={view.result}
              why={view.why}
              onReveal={(given) => state().revealLessonAnswer(given)}
            />
          )}
          <div className={styles.buttons}>
            <button
              type="button"
              disabled={place.step === 0}
              onClick={() => state().previousLessonStep()}
            >
              Previous
            </button>
            <button
              type="button"
              className={styles.primary}
              disabled={!canGoOn}
              onClick={() => state().nextLessonStep()}
            >
              {place.step + 1 === lesson.steps.length ? 'Finish' : 'Next'}
            </button>
            <button type="button" onClick={() => state().leaveLesson()}>
              Leave lesson
            </button>
          </div>
        </>
      )}
    </section>
  );
}
