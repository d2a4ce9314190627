/**
 * When a segment is selected, the explanations panel scrolls (within itself, never the page) so
 * the inspector's fields are in view: at 1280×720 the narration above it fills the panel, and a
 * click on an arrow would otherwise show only the inspector's title.
 */
import { useEffect, type RefObject } from 'react';
import type { LabStore } from '../store';

export function useInspectorInView(store: LabStore, panel: RefObject<HTMLElement | null>) {
  useEffect(() => {
    let frame = 0;
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.selectedId === null || state.selectedId === previous.selectedId) return;
      cancelAnimationFrame(frame);
      // After React has drawn the inspector for the new segment.
      frame = requestAnimationFrame(() => {
        const box = panel.current;
        const inspector = box?.querySelector(':scope > section:last-of-type');
        if (!box || !(inspector instanceof HTMLElement)) return;
        const top = inspector.getBoundingClientRect().top - box.getBoundingClientRect().top;
        box.scrollTo({ top: box.scrollTop + top, behavior: 'auto' });
      });
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
    };
  }, [store, panel]);
}
