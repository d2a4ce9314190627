/**
 * Present: the diagram, both state badges, the current narration and a thin progress line fill
 * the screen (presentation mode; F does the same, Esc leaves). The page turns full screen where
 * the browser allows it; elsewhere the presentation fills the window.
 */
import type { LabState } from '../../store';
import { useLab } from '../../store';

const selectSetPresenting = (s: LabState) => s.setPresenting;

export function PresentButton({ className }: { className?: string | undefined }) {
  const setPresenting = useLab(selectSetPresenting);
  return (
    <button
      type="button"
      className={className}
      onClick={() => setPresenting(true)}
      aria-keyshortcuts="F"
      title="Present: the diagram fills the screen (F; Esc leaves)"
    >
      Present
    </button>
  );
}
