/**
 * When to show Figure 5 at its actual size: the fitted figure scales with its container, so in a
 * narrow one (half a 1280 px screen, a phone) its smallest labels shrink below what a class at
 * the back of the room, or anyone on a phone, can read.
 */
import { useLayoutEffect, useState, type RefObject } from 'react';
import { VIEW_W } from './figure5';

/** The smallest label in the figure, in viewBox units (.takenBy in StateMachine.module.css). */
export const SMALLEST_LABEL = 13;
/** No label may be drawn smaller than this many CSS pixels. */
export const MIN_LABEL_PX = 12;
/** The narrowest container in which the fitted figure keeps every label readable. */
export const MIN_FIT_WIDTH = (VIEW_W * MIN_LABEL_PX) / SMALLEST_LABEL;

export function prefersActualSize(containerWidth: number): boolean {
  return containerWidth < MIN_FIT_WIDTH;
}

/**
 * Whether the element is too narrow for the fitted figure; null until it has been measured.
 * Measured before paint (layout effect), so the figure never flashes at the wrong size.
 */
export function useTooNarrowToFit(ref: RefObject<HTMLElement | null>): boolean | null {
  const [narrow, setNarrow] = useState<boolean | null>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setNarrow(prefersActualSize(element.getBoundingClientRect().width));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return narrow;
}
