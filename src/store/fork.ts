/**
 * Forking: a change in the middle of a run keeps the past and recomputes the future from the
 * playhead (the world re-runs with one more intervention and reproduces everything before it
 * exactly); a change at the start or at the end simply re-runs. Either way the run left behind
 * goes onto the undo history.
 */
import type { Timeline } from './timeline';
import type { Branch, LabState } from './types';
import type { Intervention, RunSettings } from './world';
import { lastEventAtOrBefore } from './world-at';

const HISTORY_LIMIT = 50;

export type PlayheadAfterRun = 'start' | 'keep' | 'end';

/** True when the playhead sits strictly inside the run: a change here forks instead of re-running. */
export function isMidRun(state: Pick<LabState, 't' | 'cursor' | 'timeline'>): boolean {
  return state.cursor >= 0 && state.t > 0 && state.t < state.timeline.endTime;
}

/**
 * The settings the controls show after a run's interventions: its base with every link change
 * applied in order (a dropped segment changes no setting).
 */
export function settingsAfter(
  base: RunSettings,
  interventions: readonly Intervention[],
): RunSettings {
  let run = base;
  for (const step of interventions) if (step.kind === 'link') run = { ...run, ...step.link };
  return run;
}

function branchOf(state: LabState): Branch {
  return {
    run: state.run,
    base: state.base,
    interventions: state.interventions,
    timeline: state.timeline,
    t: state.t,
    cursor: state.cursor,
  };
}

/** What a run is made of: the settings it starts with, those shown, and the interventions. */
export interface NextRun {
  readonly base: RunSettings;
  readonly run: RunSettings;
  readonly interventions: readonly Intervention[];
}

/**
 * The state after a run of `next` (computed on the page or by the worker) whose timeline is
 * `timeline`: the playhead placed as asked, the selection kept when that segment still exists,
 * the previous run pushed on history.
 */
export function commitTimeline(
  state: LabState,
  next: NextRun,
  timeline: Timeline,
  playhead: PlayheadAfterRun,
): Partial<LabState> {
  let t = 0;
  if (playhead === 'end') t = timeline.endTime;
  if (playhead === 'keep') t = Math.min(state.t, timeline.endTime);
  const cursor = playhead === 'start' ? -1 : lastEventAtOrBefore(timeline, t);
  const selectedId =
    state.selectedId !== null && timeline.spanById[state.selectedId] !== undefined
      ? state.selectedId
      : null;
  return {
    timeline,
    base: next.base,
    run: next.run,
    interventions: next.interventions,
    t,
    cursor,
    selectedId,
    playing: playhead === 'keep' ? state.playing : false,
    past: [...state.past, branchOf(state)].slice(-HISTORY_LIMIT),
  };
}
