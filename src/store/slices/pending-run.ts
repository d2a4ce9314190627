/**
 * Carrying out a change of run. A small run is computed at once, as it always was; a big one
 * (a fork or re-run of a run over OFF_THREAD_EVENTS) is handed to the store's RunComputer, and
 * the run on screen stays, playable, until the new one is ready. Cancel keeps the run on screen;
 * any other change of run (undo, another fork, a script) supersedes the one in progress.
 */
import type { StateCreator } from 'zustand/vanilla';
import { commitTimeline } from '../fork';
import {
  OFF_THREAD_EVENTS,
  RunCancelled,
  type RunComputer,
  type RunJob,
  type RunPlan,
} from '../run-job';
import { buildTimeline, type Timeline } from '../timeline';
import type { LabState, PendingRunSlice } from '../types';
import type { RunSource } from '../world';
import { defaultViewSpan } from './playback';

export function createPendingRunSlice(
  world: RunSource,
  computer: RunComputer | undefined,
): StateCreator<LabState, [], [], PendingRunSlice> {
  let job: RunJob<Timeline> | null = null;
  let jobs = 0;
  return (set, get) => {
    const stop = () => {
      job?.cancel();
      job = null;
      if (get().pendingRun !== null) set({ pendingRun: null });
    };
    const show = (plan: RunPlan, timeline: Timeline) => {
      if (plan.fresh) get().leaveScriptRun();
      const state = get();
      set({
        ...commitTimeline(state, plan.next, timeline, plan.playhead),
        ...(plan.fresh ? { viewSpan: defaultViewSpan(timeline, state.timeAxis) } : {}),
        pendingRun: null,
      });
    };
    return {
      pendingRun: null,
      carryOut: (plan) => {
        stop();
        const big = !plan.fresh && get().timeline.events.length > OFF_THREAD_EVENTS;
        if (!computer || !big) {
          const timeline = buildTimeline(
            world.run(plan.next.base, plan.next.interventions),
            get().timeline,
          );
          show(plan, timeline);
          // Its next change goes to the computer: there it resumes from checkpoints of its own.
          if (computer && timeline.events.length > OFF_THREAD_EVENTS)
            computer.prepare(plan.next.base, plan.next.interventions);
          return;
        }
        const id = ++jobs;
        const started = computer.scenario(plan.next.base, plan.next.interventions);
        job = started;
        set({ pendingRun: { id, kind: plan.kind } });
        started.result.then(
          (timeline) => {
            if (get().pendingRun?.id !== id) return;
            job = null;
            show(plan, timeline);
          },
          (error: unknown) => {
            if (error instanceof RunCancelled || get().pendingRun?.id !== id) return;
            // The computer failed (not the run: the same run computes here too): compute it here.
            job = null;
            show(
              plan,
              buildTimeline(world.run(plan.next.base, plan.next.interventions), get().timeline),
            );
          },
        );
      },
      cancelRun: stop,
    };
  };
}
