/**
 * An embed's playback range: it plays from `start` to `end` (the run's end when absent), stops
 * there or, with `loop`, starts over from `start`; Play at the end starts over from `start` too.
 * Written over the vanilla store so it runs the same in tests and on the page. Corrections run a
 * microtask after the change that needs them, so every subscriber sees each change in order.
 */
import type { LabState, LabStore } from '../../store';

export interface PlaybackRange {
  start: number;
  end?: number | undefined;
  loop: boolean;
}

export interface RangeController {
  /** The moment playback stops or loops at, for the current run. */
  end: () => number;
  /** Called each time playback reaches the end of the range (before a loop starts over). */
  onFinished: (listener: (t: number) => void) => () => void;
  stop: () => void;
}

export function rangeEnd(range: PlaybackRange, state: Pick<LabState, 'timeline'>): number {
  return Math.min(range.end ?? Infinity, state.timeline.endTime);
}

export function controlPlaybackRange(store: LabStore, range: PlaybackRange): RangeController {
  const listeners = new Set<(t: number) => void>();
  const end = () => rangeEnd(range, store.getState());
  const finish = (t: number) => {
    for (const listener of listeners) listener(t);
  };
  const unsubscribe = store.subscribe((state, previous) => {
    const last = rangeEnd(range, state);
    const startedPlaying = state.playing && !previous.playing;
    if (startedPlaying && previous.t >= last) {
      // Play at the end of the range starts over from its start, as a media player does.
      queueMicrotask(() => store.getState().seek(range.start));
      return;
    }
    const reachedEnd = state.timeline === previous.timeline && previous.t < last && state.t >= last;
    if (!reachedEnd || !(state.playing || previous.playing)) return;
    queueMicrotask(() => {
      const now = store.getState();
      now.pause();
      now.seek(last);
      finish(last);
      if (range.loop) {
        store.getState().seek(range.start);
        store.getState().play();
      }
    });
  });
  return {
    end,
    onFinished: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: unsubscribe,
  };
}
