/**
 * The seam between the store and whatever computes runs away from the page's main thread (a Web
 * Worker in the app, src/app/compute). The simulator is pure and deterministic, so a run computed
 * there is the same run, byte for byte, as one computed here; the store only waits for it.
 */
import type { NextRun, PlayheadAfterRun } from './fork';
import type { Timeline } from './timeline';
import type { Intervention, RunSettings } from './world';

/**
 * A run being scenario-run, forked or re-run once it is over, so big that computing it here would
 * hold the page (a long task over 100 ms): such runs go to the computer. Every preset stays far
 * below (src/store/pending-run.test.ts), so choosing one is always immediate.
 */
export const OFF_THREAD_EVENTS = 2_000;

/** Raised by a job's `result` when it was cancelled: nothing to show, nothing went wrong. */
export class RunCancelled extends Error {
  constructor() {
    super('The run was cancelled.');
    this.name = 'RunCancelled';
  }
}

/** A computation in progress: its result, or RunCancelled once `cancel()` was called. */
export interface RunJob<T> {
  readonly result: Promise<T>;
  cancel(): void;
}

export interface RunComputer {
  /** The timeline of the world's run with these settings and interventions (World.run). */
  scenario(settings: RunSettings, interventions: readonly Intervention[]): RunJob<Timeline>;
  /**
   * A big run the page computed itself, computed by the computer too, in the background, so
   * that the next change of it (which goes to the computer) resumes from the computer's own
   * checkpoints rather than running the whole scenario again. Nothing is waited on.
   */
  prepare(settings: RunSettings, interventions: readonly Intervention[]): void;
}

/** A change of run the store has decided on: what to run and where the playhead goes after. */
export interface RunPlan {
  readonly next: NextRun;
  readonly playhead: PlayheadAfterRun;
  /** A fork keeps the past and recomputes the future; a scenario run starts over. */
  readonly kind: 'scenario' | 'fork';
  /** A preset chosen: a script or capture run is left first and the view fits the new run. */
  readonly fresh: boolean;
}
