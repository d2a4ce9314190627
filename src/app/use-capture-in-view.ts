/**
 * On a narrow screen the page is one column: a capture's banner stands above the diagram, and
 * the transport bar sticks to the bottom of the screen. When a conversation is opened, another
 * one picked or the opening replayed, the page scrolls just far enough that the whole diagram
 * shows between the banner's last lines and the transport bar; without this, a phone shows the
 * banner and a sliver of diagram, the rest of it under the transport bar. The banner's code
 * loads on the first capture and arrives a moment later, so the page follows the stage's size.
 */
import { useEffect, type RefObject } from 'react';
import type { LabStore } from '../store';
import { followInView } from './follow-in-view';
import { ONE_COLUMN } from './one-column';

export function useCaptureInView(
  store: LabStore,
  stage: RefObject<HTMLElement | null>,
  transport: RefObject<HTMLElement | null>,
) {
  useEffect(
    () =>
      followInView(store, {
        startsOn: (state, previous) =>
          state.captureRun !== null && state.captureRun !== previous.captureRun,
        ms: 2000,
        reader: window,
        watched: () => (stage.current ? [stage.current] : []),
        scroll: () => {
          const figure = stage.current?.querySelector('figure');
          if (!figure || !window.matchMedia(ONE_COLUMN).matches) return;
          const box = figure.getBoundingClientRect();
          const bar = transport.current?.getBoundingClientRect().height ?? 0;
          const visibleBottom = window.innerHeight - bar;
          // Up by what is hidden under the bar (whole pixels, rounded up), never so far that
          // the diagram's top leaves the screen.
          const by = Math.min(Math.ceil(box.bottom - visibleBottom), Math.floor(box.top));
          if (by > 0) window.scrollBy({ top: by, behavior: 'auto' });
        },
      }),
    [store, stage, transport],
  );
}
