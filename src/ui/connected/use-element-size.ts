import { useEffect, useState, type RefObject } from 'react';

/** The content-box size of an element, kept current by a ResizeObserver. */
export function useElementSize(
  ref: RefObject<HTMLElement | null>,
  fallback = { width: 800, height: 480 },
) {
  const [size, setSize] = useState(fallback);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => {
      const rect = element.getBoundingClientRect();
      setSize((old) =>
        Math.round(rect.width) === old.width && Math.round(rect.height) === old.height
          ? old
          : { width: Math.round(rect.width), height: Math.round(rect.height) },
      );
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}
