import { describe, expect, it } from 'vitest';
import { syntheticRun, syntheticWorld } from '../../bench/synthetic-run';
import { presets } from '../sim';
import { labSetting, type NumberKind } from '../sim/settings';
import { createLabStore } from './create-lab-store';
import { OFF_THREAD_EVENTS, RunCancelled, type RunComputer } from './run-job';
import { createSimWorld } from './sim-world';
import { buildTimeline } from './timeline';
import type { RunSource } from './world';

/** A computer that computes the world's run later, when told to, as a worker answers. */
function laterComputer(world: RunSource) {
  const waiting: (() => void)[] = [];
  let cancelled = 0;
  const prepared: { seed: number; interventions: number }[] = [];
  const computer: RunComputer = {
    prepare: (settings, interventions) =>
      prepared.push({ seed: settings.seed, interventions: interventions.length }),
    scenario: (settings, interventions) => {
      let cancel = () => undefined as void;
      const result = new Promise<ReturnType<typeof buildTimeline>>((resolve, reject) => {
        waiting.push(() => resolve(buildTimeline(world.run(settings, interventions))));
        cancel = () => {
          cancelled += 1;
          reject(new RunCancelled());
        };
      });
      return { result, cancel };
    },
  };
  const answer = async () => {
    for (const next of waiting.splice(0)) next();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { computer, answer, cancelled: () => cancelled, prepared };
}

describe('big runs computed away from the page', () => {
  it('every preset stays small enough to be chosen at once', () => {
    const world = createSimWorld();
    for (const preset of presets) {
      const run = world.run(world.defaults(preset.name), []);
      expect(run.trace.length, preset.name).toBeLessThan(OFF_THREAD_EVENTS);
    }
  });

  it('so does every preset at the far ends of the link a link or the controls can set', () => {
    // A fresh run (a preset chosen, a link opened) is computed on the page: the app's only
    // scenarios are the presets, and their link settings are bounded (src/sim/settings), so
    // none can be big. A slow, jittery, lossy link means more retransmissions, not unbounded.
    const world = createSimWorld();
    const far = (name: 'delay' | 'jitter' | 'loss') => (labSetting(name).kind as NumberKind).max;
    for (const preset of presets) {
      const defaults = world.defaults(preset.name);
      for (const delay of [defaults.delay, far('delay')]) {
        for (const loss of [defaults.loss, 60, far('loss')]) {
          const settings = { ...defaults, delay, jitter: far('jitter'), loss };
          const run = world.run(settings, []);
          expect(run.trace.length, JSON.stringify(settings)).toBeLessThan(OFF_THREAD_EVENTS);
        }
      }
    }
  });

  it('a small run changes at once, without the computer', () => {
    const world = createSimWorld();
    const later = laterComputer(world);
    const store = createLabStore({ world, preset: 'handshake', computer: later.computer });
    store.getState().changeRunSettings({ seed: 9 });
    expect(store.getState().run.seed).toBe(9);
    expect(store.getState().pendingRun).toBeNull();
  });

  it('keeps a big run on screen while the new one is computed, then shows it', async () => {
    const world = syntheticWorld(3_000);
    const later = laterComputer(world);
    const store = createLabStore({ world, computer: later.computer });
    const before = store.getState().timeline;
    store.getState().changeRunSettings({ seed: 2 });
    expect(store.getState().pendingRun).toEqual({ id: 1, kind: 'scenario' });
    expect(store.getState().timeline).toBe(before);
    expect(store.getState().run.seed).toBe(1);
    await later.answer();
    expect(store.getState().pendingRun).toBeNull();
    expect(store.getState().run.seed).toBe(2);
    expect(store.getState().timeline).not.toBe(before);
    expect(store.getState().past).toHaveLength(1);
  });

  it('Cancel keeps the run on screen, and a late answer changes nothing', async () => {
    const world = syntheticWorld(3_000);
    const later = laterComputer(world);
    const store = createLabStore({ world, computer: later.computer });
    const before = store.getState().timeline;
    store.getState().changeRunSettings({ seed: 2 });
    store.getState().cancelRun();
    expect(later.cancelled()).toBe(1);
    expect(store.getState().pendingRun).toBeNull();
    await later.answer();
    expect(store.getState().timeline).toBe(before);
    expect(store.getState().run.seed).toBe(1);
    expect(store.getState().past).toHaveLength(0);
  });

  it('a run the page computed that came out big is computed by the computer too, for its next change', async () => {
    // Seed 1 makes a small run, any other a big one.
    const small = syntheticWorld(100);
    const world: RunSource = {
      ...small,
      run: (settings) => syntheticRun(settings.seed === 1 ? 100 : OFF_THREAD_EVENTS),
    };
    const later = laterComputer(world);
    const store = createLabStore({ world, computer: later.computer });
    store.getState().changeRunSettings({ seed: 2 });
    expect(store.getState().pendingRun).toBeNull();
    expect(store.getState().timeline.events.length).toBeGreaterThan(OFF_THREAD_EVENTS);
    expect(later.prepared).toEqual([{ seed: 2, interventions: 0 }]);

    // The next change goes to the computer; nothing more is prepared.
    store.getState().changeRunSettings({ seed: 3 });
    expect(store.getState().pendingRun).toEqual({ id: 1, kind: 'scenario' });
    await later.answer();
    expect(store.getState().run.seed).toBe(3);
    expect(later.prepared).toHaveLength(1);
  });

  it('a second change supersedes the first one still computing', async () => {
    const world = syntheticWorld(3_000);
    const later = laterComputer(world);
    const store = createLabStore({ world, computer: later.computer });
    store.getState().changeRunSettings({ seed: 2 });
    store.getState().changeRunSettings({ seed: 3 });
    expect(later.cancelled()).toBe(1);
    await later.answer();
    expect(store.getState().run.seed).toBe(3);
    expect(store.getState().past).toHaveLength(1);
  });
});
