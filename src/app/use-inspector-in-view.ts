/**
 * When a segment is selected, its inspector comes into view. On a wide screen the explanations
 * panel scrolls within itself (never the page): at 1280×720 the narration above the inspector
 * fills the panel, and a click on an arrow would otherwise show only the inspector's title. On a
 * phone the page is one column with the inspector below the diagram, out of sight, so the page
 * scrolls to it (smoothly, unless the reader asks for reduced motion).
 *
 * The inspector's code loads after the first view and draws its fields a moment after the
 * selection, and the narration above it may grow meanwhile (the new moment's sentences, a change
 * of text size), so the view follows every part of the panel, and the slot the inspector arrives
 * in. Only selections made on the page follow: the one a link opens with was made before this
 * listens, and leaves the page where it starts.
 */
import { useEffect, type RefObject } from 'react';
import type { LabStore } from '../store';
import { followInView } from './follow-in-view';
import { ONE_COLUMN } from './one-column';

export function useInspectorInView(store: LabStore, panel: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const inspector = () => panel.current?.querySelector('[data-inspector]');
    return followInView(store, {
      startsOn: (state, previous) =>
        state.selectedId !== null && state.selectedId !== previous.selectedId,
      ms: 3000,
      // The page itself scrolls on a phone: the reader's own scrolling may happen anywhere.
      reader: window,
      // Every part of the panel: growth above the inspector pushes it down as surely as its own
      // growth does, and the inspector's slot (one of them) grows when its code arrives.
      watched: () => panel.current?.children ?? [],
      scroll: () => {
        const box = panel.current;
        const section = inspector();
        if (!box || !(section instanceof HTMLElement)) return;
        if (window.matchMedia(ONE_COLUMN).matches) {
          const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
          section.scrollIntoView({ block: 'start', behavior: reduce ? 'auto' : 'smooth' });
          return;
        }
        const top = section.getBoundingClientRect().top - box.getBoundingClientRect().top;
        box.scrollTo({ top: box.scrollTop + top, behavior: 'auto' });
      },
    });
  }, [store, panel]);
}
