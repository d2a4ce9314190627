/**
 * On a narrow screen the page is one column: a capture's banner stands above the diagram, and
 * the transport bar sticks to the bottom of the screen. When a conversation is opened, another
 * one picked or the opening replayed, the page scrolls just far enough that the whole diagram
 * shows between the banner's last lines and the transport bar; without this, a phone shows the
 * banner and a sliver of diagram, the rest of it under the transport bar. The banner's code
 * loads on the first capture and arrives a moment later, so for a while the page follows every
 * change of the stage's size, until the reader scrolls.
 */
import { useEffect, type RefObject } from 'react';
import type { LabStore } from '../store';

/** The one-column layout of App.module.css (its `max-width: 900px` block). */
const ONE_COLUMN = '(max-width: 900px)';

/** How long after a capture loads the page keeps the diagram in view (a loaded machine is slow). */
const FOLLOW_MS = 2000;

/** Input by which a reader scrolls the page: following stops at once. */
const READER_SCROLLS = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;

export function useCaptureInView(
  store: LabStore,
  stage: RefObject<HTMLElement | null>,
  transport: RefObject<HTMLElement | null>,
) {
  useEffect(() => {
    let followUntil = -Infinity;
    const scroll = () => {
      const figure = stage.current?.querySelector('figure');
      if (!figure || !window.matchMedia(ONE_COLUMN).matches) return;
      const box = figure.getBoundingClientRect();
      const bar = transport.current?.getBoundingClientRect().height ?? 0;
      const visibleBottom = window.innerHeight - bar;
      // Up by what is hidden under the bar (whole pixels, rounded up), never so far that the
      // diagram's top leaves the screen.
      const by = Math.min(Math.ceil(box.bottom - visibleBottom), Math.floor(box.top));
      if (by > 0) window.scrollBy({ top: by, behavior: 'auto' });
    };
    const resized = new ResizeObserver(() => {
      if (performance.now() < followUntil) scroll();
    });
    const stop = () => (followUntil = -Infinity);
    for (const type of READER_SCROLLS) window.addEventListener(type, stop, { passive: true });
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.captureRun === null || state.captureRun === previous.captureRun) return;
      followUntil = performance.now() + FOLLOW_MS;
      // After the dialog that opened it has closed and given focus back to its button.
      requestAnimationFrame(() => {
        resized.disconnect();
        if (stage.current) resized.observe(stage.current);
        scroll();
      });
    });
    return () => {
      unsubscribe();
      resized.disconnect();
      for (const type of READER_SCROLLS) window.removeEventListener(type, stop);
    };
  }, [store, stage, transport]);
}
