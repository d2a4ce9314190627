/**
 * An embed pauses when it cannot be seen: scrolled out of view (IntersectionObserver) or in a
 * hidden tab (visibilitychange). If it was playing, it plays on when it is seen again; a pause
 * the user chose stays.
 */
import { useEffect, type RefObject } from 'react';
import type { LabStore } from '../../store';

export function usePauseWhenHidden(store: LabStore, root: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const element = root.current;
    let inView = true;
    let pausedByUs = false;
    const update = () => {
      const seen = inView && document.visibilityState === 'visible';
      const state = store.getState();
      if (!seen && state.playing) {
        pausedByUs = true;
        state.pause();
      } else if (seen && pausedByUs) {
        pausedByUs = false;
        if (!state.playing) state.play();
      }
    };
    // A pause or play by anyone else while hidden is the last word.
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.playing !== previous.playing && state.playing) pausedByUs = false;
    });
    const observer =
      element && 'IntersectionObserver' in window
        ? new IntersectionObserver((entries) => {
            inView = entries.some((entry) => entry.isIntersecting);
            update();
          })
        : null;
    if (element) observer?.observe(element);
    document.addEventListener('visibilitychange', update);
    return () => {
      observer?.disconnect();
      unsubscribe();
      document.removeEventListener('visibilitychange', update);
    };
  }, [store, root]);
}
