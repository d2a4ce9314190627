/**
 * Keeps the learner's lesson progress in the browser (localStorage, versioned: src/lessons/
 * progress.ts): read once when the page opens, written whenever it changes. Storage that is
 * unavailable (private windows, blocked cookies) leaves progress for this visit only, with a note.
 * Nothing is sent anywhere. Stored progress is read against the course, so the lessons load after
 * the first view when there is some; a learner who never opened a lesson loads none of them.
 */
import { useEffect } from 'react';
import type { Lesson } from '../../lessons/lesson';
import { readProgress } from '../../lessons/progress';
import { useLabStore } from '../../store';

export const PROGRESS_KEY = 'handshake-lab.lessons';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function useLessonProgress() {
  const store = useLabStore();
  useEffect(() => {
    const place = storage();
    let stored: string | null = null;
    let note: string | null = null;
    try {
      stored = place?.getItem(PROGRESS_KEY) ?? null;
    } catch {
      note = 'Lesson progress cannot be saved in this browser; it lasts for this visit only.';
    }
    let live = true;
    const load = (course: readonly Lesson[]) => {
      if (!live) return;
      const read = readProgress(stored, course);
      // Progress made before storage answered (a lesson opened by a link) is kept.
      const current = store.getState().progress;
      const progress = {
        ...read.progress,
        lessons: { ...read.progress.lessons, ...current.lessons },
      };
      store.getState().loadProgress({ progress, note: note ?? read.note });
    };
    if (stored === null) load([]);
    else
      void store
        .getState()
        .ensureLessons()
        .then((kit) => load(kit.course));
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.progress === previous.progress) return;
      try {
        if (Object.keys(state.progress.lessons).length === 0) place?.removeItem(PROGRESS_KEY);
        else place?.setItem(PROGRESS_KEY, JSON.stringify(state.progress));
      } catch {
        // A full or blocked storage keeps progress for this visit; the note above says so.
      }
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [store]);
}
