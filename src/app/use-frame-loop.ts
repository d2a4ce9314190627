/**
 * The one wall-clock loop (DESIGN.md): while the store is playing, each animation frame advances
 * the playhead by the elapsed wall time × speed. Nothing else in the app runs per frame; the
 * pictures follow through the playhead motion value.
 */
import { useEffect } from 'react';
import type { LabStore } from '../store';

/** A hidden tab or a long pause must not jump the playhead: one frame moves at most this much. */
const MAX_FRAME_MS = 100;

export function useFrameLoop(store: LabStore) {
  useEffect(() => {
    let frame = 0;
    let last: number | null = null;
    const step = (now: number) => {
      const state = store.getState();
      if (!state.playing) {
        frame = 0;
        return;
      }
      if (last !== null) state.tick(Math.min(MAX_FRAME_MS, Math.max(0, now - last)));
      last = now;
      frame = requestAnimationFrame(step);
    };
    const start = () => {
      if (frame !== 0) return;
      last = null;
      frame = requestAnimationFrame(step);
    };
    if (store.getState().playing) start();
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.playing && !previous.playing) start();
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
    };
  }, [store]);
}
