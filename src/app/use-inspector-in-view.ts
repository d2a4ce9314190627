/**
 * When a segment is selected, the explanations panel scrolls (within itself, never the page) so
 * the inspector's fields are in view: at 1280×720 the narration above it fills the panel, and a
 * click on an arrow would otherwise show only the inspector's title. The inspector draws its
 * fields a moment after the selection, so the panel follows the inspector's growth for a second.
 */
import { useEffect, type RefObject } from 'react';
import type { LabStore } from '../store';

const FOLLOW_MS = 1000;

export function useInspectorInView(store: LabStore, panel: RefObject<HTMLElement | null>) {
  useEffect(() => {
    let selectedAt = -Infinity;
    const inspector = () => panel.current?.querySelector('[data-inspector]');
    const scroll = () => {
      const box = panel.current;
      const section = inspector();
      if (!box || !(section instanceof HTMLElement)) return;
      const top = section.getBoundingClientRect().top - box.getBoundingClientRect().top;
      box.scrollTo({ top: box.scrollTop + top, behavior: 'auto' });
    };
    const grown = new ResizeObserver(() => {
      if (performance.now() - selectedAt < FOLLOW_MS) scroll();
    });
    let watched: Element | null | undefined = null;
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.selectedId === null || state.selectedId === previous.selectedId) return;
      selectedAt = performance.now();
      requestAnimationFrame(() => {
        const section = inspector();
        if (section && section !== watched) {
          if (watched) grown.unobserve(watched);
          grown.observe(section);
          watched = section;
        }
        scroll();
      });
    });
    return () => {
      unsubscribe();
      grown.disconnect();
    };
  }, [store, panel]);
}
