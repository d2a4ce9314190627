/**
 * The playhead as a motion value: the frame loop moves the store's `t`, and this one motion value
 * mirrors it, so every per-frame picture (a segment on its arrow, the view's scroll, a timer's
 * countdown, the Time slider) updates without React re-rendering.
 */
import { motionValue, type MotionValue } from 'framer-motion';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useLabStore } from '../../store';

const PlayheadContext = createContext<MotionValue<number> | null>(null);

export function PlayheadProvider({ children }: { children: ReactNode }) {
  const store = useLabStore();
  const [playhead] = useState(() => motionValue(store.getState().t));
  useEffect(() => {
    playhead.set(store.getState().t);
    return store.subscribe((state) => playhead.set(state.t));
  }, [store, playhead]);
  return <PlayheadContext.Provider value={playhead}>{children}</PlayheadContext.Provider>;
}

export function usePlayhead(): MotionValue<number> {
  const playhead = useContext(PlayheadContext);
  if (!playhead) throw new Error('usePlayhead must be used inside a PlayheadProvider.');
  return playhead;
}
