import { motionValue, type MotionValue } from 'framer-motion';
import { useLayoutEffect, useState } from 'react';

/**
 * A motion value computed from another on every change, without React rendering. `compute`
 * must be stable (module-level or memoized): a new one re-subscribes.
 */
export function useDerived<S, T>(source: MotionValue<S>, compute: (value: S) => T): MotionValue<T> {
  const [derived] = useState(() => motionValue(compute(source.get())));
  useLayoutEffect(() => {
    derived.set(compute(source.get()));
    return source.on('change', (value) => derived.set(compute(value)));
  }, [source, compute, derived]);
  return derived;
}
