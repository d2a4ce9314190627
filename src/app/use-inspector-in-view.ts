/**
 * When a segment is selected, the explanations panel scrolls (within itself, never the page) so
 * the inspector's fields are in view: at 1280×720 the narration above it fills the panel, and a
 * click on an arrow would otherwise show only the inspector's title. The inspector draws its
 * fields a moment after the selection, and the narration above it may grow meanwhile (the new
 * moment's sentences, a change of text size), so the panel follows every part of it.
 */
import { useEffect, type RefObject } from 'react';
import type { LabStore } from '../store';
import { followInView } from './follow-in-view';

export function useInspectorInView(store: LabStore, panel: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const inspector = () => panel.current?.querySelector('[data-inspector]');
    return followInView(store, {
      startsOn: (state, previous) =>
        state.selectedId !== null && state.selectedId !== previous.selectedId,
      ms: 3000,
      reader: panel.current,
      // Every part of the panel: growth above the inspector pushes it down as surely as its own
      // growth does.
      watched: () => {
        const section = inspector();
        return [...(panel.current?.children ?? []), ...(section ? [section] : [])];
      },
      scroll: () => {
        const box = panel.current;
        const section = inspector();
        if (!box || !(section instanceof HTMLElement)) return;
        const top = section.getBoundingClientRect().top - box.getBoundingClientRect().top;
        box.scrollTo({ top: box.scrollTop + top, behavior: 'auto' });
      },
    });
  }, [store, panel]);
}
