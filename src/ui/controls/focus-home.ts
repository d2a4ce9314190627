/**
 * After a choice in a select or a drag of a slider, focus goes back to the diagram, so the next
 * key a presenter presses (→, Space, a clicker's PageDown) drives the run instead of the control.
 * A keyboard user browsing a closed select with its arrow or letter keys keeps the focus there:
 * each of those keys changes the value, and the user is still choosing.
 */
import type { KeyboardEvent, PointerEvent } from 'react';

/** Marks the element focus returns to (the sequence diagram). */
export const FOCUS_HOME = { 'data-focus-home': '' } as const;

/** Keys that choose, rather than browse, in a select. */
const CHOOSING_KEYS = new Set(['Enter', ' ', 'Tab', 'Escape']);

/** How recently a browsing key must have been pressed to have caused a change, in ms. */
const SAME_GESTURE_MS = 250;

const lastBrowsingKey = new WeakMap<Element, number>();

export function focusHome(from: Element) {
  const home = from.ownerDocument.querySelector<HTMLElement>('[data-focus-home]');
  home?.focus({ preventScroll: true });
}

/** For a select: note the keys that browse its options. */
export function noteBrowsingKey(event: KeyboardEvent<HTMLSelectElement>) {
  if (!CHOOSING_KEYS.has(event.key)) lastBrowsingKey.set(event.currentTarget, event.timeStamp);
}

/** For a select, after its change: back to the diagram unless the user is browsing by key. */
export function afterChoice(select: HTMLSelectElement, timeStamp: number) {
  const browsedAt = lastBrowsingKey.get(select);
  if (browsedAt !== undefined && timeStamp - browsedAt < SAME_GESTURE_MS) return;
  focusHome(select);
}

/** For a slider: once the pointer that moved it is released (anywhere), back to the diagram. */
export function returnAfterDrag(event: PointerEvent<HTMLInputElement>) {
  const slider = event.currentTarget;
  const release = () => {
    window.removeEventListener('pointerup', release);
    window.removeEventListener('pointercancel', release);
    if (slider.ownerDocument.activeElement === slider) focusHome(slider);
  };
  window.addEventListener('pointerup', release);
  window.addEventListener('pointercancel', release);
}
