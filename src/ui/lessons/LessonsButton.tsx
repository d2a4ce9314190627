/**
 * The Lessons button: opens the course list (LessonsDialog, loaded when first opened) and keeps
 * the learner's progress in the browser.
 */
import { lazy, Suspense, useRef, useState } from 'react';
import { useLessonProgress } from './use-lesson-progress';

const LessonsDialog = lazy(() => import('./LessonsDialog'));

export function LessonsButton({ className }: { className?: string | undefined }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  useLessonProgress();
  return (
    <>
      <button
        ref={button}
        type="button"
        className={className}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        Lessons
      </button>
      {open && (
        <Suspense fallback={null}>
          <LessonsDialog
            onClose={(opened) => {
              setOpen(false);
              if (!opened) button.current?.focus();
            }}
          />
        </Suspense>
      )}
    </>
  );
}
