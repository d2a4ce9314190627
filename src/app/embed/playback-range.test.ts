import { describe, expect, it } from 'vitest';
import { createLabStore } from '../../store';
import { createSimWorld } from '../../store/sim-world';
import { controlPlaybackRange } from './playback-range';

const world = createSimWorld();
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function playUntilPaused(store: ReturnType<typeof createLabStore>) {
  for (let i = 0; i < 1000 && store.getState().playing; i++) store.getState().tick(100);
}

describe('an embed’s playback range', () => {
  it('stops at its end, reports it finished, and Play starts over from its start', async () => {
    const store = createLabStore({ world, preset: 'handshake' });
    const range = controlPlaybackRange(store, { start: 20, end: 120, loop: false });
    const finished: number[] = [];
    range.onFinished((t) => finished.push(t));
    store.getState().seek(20);
    store.getState().play();
    for (let i = 0; i < 100 && finished.length === 0; i++) {
      store.getState().tick(100);
      await settle();
    }
    expect([store.getState().t, store.getState().playing, finished]).toEqual([120, false, [120]]);
    store.getState().play();
    await settle();
    expect([store.getState().t, store.getState().playing]).toEqual([20, true]);
  });

  it('loops from its start when asked, reporting each end', async () => {
    const store = createLabStore({ world, preset: 'handshake' });
    const range = controlPlaybackRange(store, { start: 0, loop: true });
    const finished: number[] = [];
    range.onFinished((t) => finished.push(t));
    store.getState().play();
    playUntilPaused(store);
    await settle();
    const end = store.getState().timeline.endTime;
    expect(finished).toEqual([end]);
    expect([store.getState().t, store.getState().playing]).toEqual([0, true]);
    range.stop();
  });

  it('leaves seeking alone: a scrub past the end is not a finished run', async () => {
    const store = createLabStore({ world, preset: 'handshake' });
    const range = controlPlaybackRange(store, { start: 0, end: 100, loop: true });
    const finished: number[] = [];
    range.onFinished((t) => finished.push(t));
    store.getState().seek(140);
    await settle();
    expect([store.getState().t, finished]).toEqual([140, []]);
  });
});
