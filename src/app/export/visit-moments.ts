/**
 * Every export walks the playhead through moments of the run and captures the diagram at each:
 * the animation's frames, the stills' visible steps. This pauses playback, places the store at
 * each moment in turn, waits for the diagram to draw it, hands over, reports progress, stops at
 * Cancel between moments, and returns the playhead to where it was.
 */
import type { LabStore } from '../../store';

export interface MomentsRequest {
  readonly store: LabStore;
  readonly count: number;
  /** Puts the store at moment `i` (through its own actions). */
  readonly place: (i: number) => void;
  readonly onProgress: (done: number, total: number) => void;
  readonly signal: AbortSignal;
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

export function cancelled(): DOMException {
  return new DOMException('The export was cancelled.', 'AbortError');
}

export async function visitMoments(
  request: MomentsRequest,
  each: (i: number) => Promise<void>,
): Promise<void> {
  const { store, signal } = request;
  const before = store.getState();
  const restore = { t: before.t, cursor: before.cursor, playing: before.playing };
  before.pause();
  try {
    for (let i = 0; i < request.count; i++) {
      if (signal.aborted) throw cancelled();
      request.place(i);
      // Two frames: React draws the new moment, then the playhead's motion values settle.
      await nextFrame();
      await nextFrame();
      await each(i);
      request.onProgress(i + 1, request.count);
    }
  } finally {
    const state = store.getState();
    state.seek(restore.t);
    if (restore.playing) state.play();
  }
}
