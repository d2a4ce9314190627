/**
 * Keys for playback, chosen so presentation clickers work: Space plays and pauses, ← and → (and
 * PageUp / PageDown, which clickers send) step, Home and End jump. They stay out of the way while
 * the user types or picks in a field, and Space leaves a focused button to its own click.
 */
import { useEffect } from 'react';
import type { LabStore } from '../store';

function isEditing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName);
}

function isButton(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return (
    target.tagName === 'BUTTON' ||
    target.getAttribute('role') === 'button' ||
    target.tagName === 'SUMMARY'
  );
}

export function useKeyboardShortcuts(store: LabStore) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (isEditing(event.target)) return;
      const state = store.getState();
      const actions: Record<string, () => void> = {
        ArrowRight: state.stepNext,
        PageDown: state.stepNext,
        ArrowLeft: state.stepPrevious,
        PageUp: state.stepPrevious,
        Home: state.toStart,
        End: state.toEnd,
      };
      if (event.key === ' ' && !isButton(event.target)) actions[' '] = state.togglePlay;
      const action = actions[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}
