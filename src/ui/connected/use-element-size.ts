import { useEffect, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';

/**
 * The border-box size of an element, kept current by a ResizeObserver. It is read only when the
 * observer reports, after the browser's own layout of the frame: reading it during the first
 * render's effects instead would force the whole page's style and layout inside that task (the
 * longest part of the first view's longest task). The re-render at the real size is synchronous
 * (flushSync), so it is drawn in the same frame and the first paint already has the right size.
 */
export function useElementSize(
  ref: RefObject<HTMLElement | null>,
  fallback = { width: 800, height: 480 },
) {
  const [size, setSize] = useState(fallback);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(() => {
      // Layout is clean when the observer reports: this reads it, it forces nothing.
      const rect = element.getBoundingClientRect();
      const next = { width: Math.round(rect.width), height: Math.round(rect.height) };
      flushSync(() =>
        setSize((old) => (next.width === old.width && next.height === old.height ? old : next)),
      );
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}
