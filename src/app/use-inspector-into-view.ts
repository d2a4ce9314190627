/**
 * On a phone the inspector sits below the diagram, out of sight: tapping a segment would seem
 * to do nothing. When the selection changes in the one-column layout, the inspector scrolls
 * into view (instantly under reduced motion).
 */
import { useEffect, type RefObject } from 'react';
import type { LabStore } from '../store';

/** The width below which App.module.css stacks the page in one column. */
const ONE_COLUMN = '(max-width: 900px)';

export function useInspectorIntoView(store: LabStore, side: RefObject<HTMLElement | null>) {
  useEffect(() => {
    let frame = 0;
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.selectedId === null || state.selectedId === previous.selectedId) return;
      if (!window.matchMedia(ONE_COLUMN).matches) return;
      cancelAnimationFrame(frame);
      // After React has drawn the newly selected segment's details.
      frame = requestAnimationFrame(() => {
        const heading = [...(side.current?.querySelectorAll('h2') ?? [])].find(
          (h) => h.textContent === 'Segment inspector',
        );
        const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
        heading?.scrollIntoView({ block: 'start', behavior: reduce ? 'auto' : 'smooth' });
      });
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
    };
  }, [store, side]);
}
