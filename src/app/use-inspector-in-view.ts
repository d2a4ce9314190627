/**
 * When a segment is selected, the explanations panel scrolls (within itself, never the page) so
 * the inspector's fields are in view: at 1280×720 the narration above it fills the panel, and a
 * click on an arrow would otherwise show only the inspector's title. The inspector draws its
 * fields a moment after the selection, and the narration above it may grow meanwhile (the new
 * moment's sentences, a change of text size), so for a while the panel follows every change of
 * size within it, until the reader scrolls the panel themselves.
 */
import { useEffect, type RefObject } from 'react';
import type { LabStore } from '../store';

/** How long after a selection the panel keeps the inspector in view (a loaded machine is slow). */
const FOLLOW_MS = 3000;

/** Input by which a reader scrolls the panel: following stops at once. */
const READER_SCROLLS = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;

export function useInspectorInView(store: LabStore, panel: RefObject<HTMLElement | null>) {
  useEffect(() => {
    let followUntil = -Infinity;
    const inspector = () => panel.current?.querySelector('[data-inspector]');
    const scroll = () => {
      const box = panel.current;
      const section = inspector();
      if (!box || !(section instanceof HTMLElement)) return;
      const top = section.getBoundingClientRect().top - box.getBoundingClientRect().top;
      box.scrollTo({ top: box.scrollTop + top, behavior: 'auto' });
    };
    const resized = new ResizeObserver(() => {
      if (performance.now() < followUntil) scroll();
    });
    const stop = () => (followUntil = -Infinity);
    const box = panel.current;
    for (const type of READER_SCROLLS) box?.addEventListener(type, stop, { passive: true });
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.selectedId === null || state.selectedId === previous.selectedId) return;
      followUntil = performance.now() + FOLLOW_MS;
      requestAnimationFrame(() => {
        // Every part of the panel: growth above the inspector pushes it down as surely as its
        // own growth does.
        resized.disconnect();
        for (const part of panel.current?.children ?? []) resized.observe(part);
        const section = inspector();
        if (section) resized.observe(section);
        scroll();
      });
    });
    return () => {
      unsubscribe();
      resized.disconnect();
      for (const type of READER_SCROLLS) box?.removeEventListener(type, stop);
    };
  }, [store, panel]);
}
