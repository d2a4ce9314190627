/**
 * The Lessons button: opens the course list (LessonsDialog, loaded when first opened) and keeps
 * the learner's progress in the browser.
 */
import { lazy } from 'react';
import { DialogButton } from '../dialog/DialogButton';
import { useLessonProgress } from './use-lesson-progress';

const LessonsDialog = lazy(() => import('./LessonsDialog'));

export function LessonsButton({ className }: { className?: string | undefined }) {
  useLessonProgress();
  return (
    <DialogButton label="Lessons" className={className}>
      {/* A lesson chosen in the dialog takes focus; otherwise it returns to the button. */}
      {({ close }) => <LessonsDialog onClose={(opened) => close(!opened)} />}
    </DialogButton>
  );
}
