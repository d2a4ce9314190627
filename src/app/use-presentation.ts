/**
 * Presentation mode's side effect on the page: full screen (the Fullscreen API) while the store
 * says presenting, and presenting ends when the browser leaves full screen (Esc, its own UI).
 * Where full screen is refused (an iframe without allowfullscreen, a browser without the API),
 * the presentation still fills the window: the layout does that, not the API.
 */
import { useEffect } from 'react';
import type { LabStore } from '../store';

export function usePresentation(store: LabStore) {
  useEffect(() => {
    let entered = false;
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.presenting === previous.presenting) return;
      if (state.presenting) {
        // Called inside the click or key press that asked to present: the browser allows it.
        const root = document.documentElement;
        if (!document.fullscreenElement && typeof root.requestFullscreen === 'function') {
          root.requestFullscreen().then(
            () => {
              entered = true;
            },
            () => undefined,
          );
        }
      } else if (document.fullscreenElement) {
        entered = false;
        document.exitFullscreen().catch(() => undefined);
      }
    });
    const onFullscreenChange = () => {
      if (document.fullscreenElement || !entered) return;
      entered = false;
      if (store.getState().presenting) store.getState().setPresenting(false);
    };
    document.addEventListener('fullscreenchange', onFullscreenChange);
    return () => {
      unsubscribe();
      document.removeEventListener('fullscreenchange', onFullscreenChange);
    };
  }, [store]);
}
