/**
 * Presentation type that steps down to fit. The caption is set at projector size, but a moment
 * with three sentences (a retransmission, an arrival and the answer to it, all at 1.06 s) or a
 * long lesson step is taller than the caption's share of a 1280×720 screen, and the back row
 * cannot scroll. So the caption tries its own size first and then each smaller step
 * (`data-fit`, Presentation.module.css) until nothing is cut; only at the smallest does it
 * scroll. Measured before paint, so the room never sees a cut line flash.
 */
import { useLayoutEffect, type RefObject } from 'react';

/** How many smaller sizes the stylesheet has for `data-fit` (1 to FIT_STEPS). */
export const FIT_STEPS = 3;

function fit(element: HTMLElement): void {
  element.removeAttribute('data-fit');
  for (let step = 1; step <= FIT_STEPS; step++) {
    if (element.scrollHeight <= element.clientHeight + 1) return;
    element.setAttribute('data-fit', String(step));
  }
}

/** Fits `ref`'s text whenever `content` changes or the window is resized. */
export function useFitText(ref: RefObject<HTMLElement | null>, content: unknown): void {
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    fit(element);
    const refit = () => fit(element);
    window.addEventListener('resize', refit);
    return () => window.removeEventListener('resize', refit);
  }, [ref, content]);
}
