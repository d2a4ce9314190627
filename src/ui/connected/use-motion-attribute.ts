import type { MotionValue } from 'framer-motion';
import { useLayoutEffect, type RefObject } from 'react';

/**
 * Writes a motion value into one attribute (or the text) of an element on every change, with no
 * React render: how the picture follows the playhead at animation-frame rate. Render the element
 * with the value's current `get()` so the first paint is already right. An empty string removes
 * the attribute.
 */
export function useMotionAttribute(
  ref: RefObject<Element | null>,
  name: string,
  value: MotionValue<number> | MotionValue<string>,
) {
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const apply = (latest: number | string) => {
      if (name === 'textContent') element.textContent = String(latest);
      else if (latest === '') element.removeAttribute(name);
      else element.setAttribute(name, String(latest));
    };
    apply(value.get());
    return (value as MotionValue<number | string>).on('change', apply);
  }, [ref, name, value]);
}
