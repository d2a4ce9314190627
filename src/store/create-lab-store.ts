/**
 * One store per mounted visualizer (DESIGN.md, "Store and UI rules"): a factory composing its
 * slices over a vanilla Zustand store, so the same store runs in Node tests and under React.
 */
import { createStore } from 'zustand/vanilla';
import { createHistorySlice } from './slices/history';
import { createLessonSlice } from './slices/lesson';
import { createPendingRunSlice } from './slices/pending-run';
import { createPlaybackSlice, defaultViewSpan } from './slices/playback';
import { createPredictSlice } from './slices/predict';
import { createScriptRunSlice } from './slices/script-run';
import { createSelectionSlice } from './slices/selection';
import { createSettingsSlice } from './slices/settings';
import { createTimelineSlice } from './slices/timeline';
import { createViewSlice } from './slices/view';
import type { LessonKit } from './lesson-kit';
import type { RunComputer } from './run-job';
import { buildTimeline } from './timeline';
import type { LabState } from './types';
import { settingsAfter } from './fork';
import type { TimeAxisMode } from './time-axis';
import type { Intervention, Numbering, RunSettings, Theme, RunSource } from './world';

export interface LabStoreInit {
  world: RunSource;
  /** Which preset to open; the first of the world's presets when absent. */
  preset?: string;
  /** Run settings that override the preset's own. */
  run?: Partial<Omit<RunSettings, 'preset'>>;
  /** What forked the run (a link's `fork`): the run opens exactly as it was shared. */
  interventions?: readonly Intervention[];
  numbering?: Numbering;
  theme?: Theme;
  /** Computes big runs away from the page's main thread; without it every run is computed here. */
  computer?: RunComputer;
  timeAxis?: TimeAxisMode;
  largeType?: boolean;
  /** The course and question makers, when already loaded; otherwise loaded on first use. */
  lessons?: LessonKit;
}

export function createLabStore(init: LabStoreInit) {
  const { world } = init;
  const presetName = init.preset ?? world.presets[0]?.name;
  if (presetName === undefined) throw new Error('The world offers no preset to open.');
  const base: RunSettings = { ...world.defaults(presetName), ...init.run };
  const interventions = init.interventions ?? [];
  const timeline = buildTimeline(world.run(base, interventions));
  const timeAxis = init.timeAxis ?? 'compressed';
  return createStore<LabState>()((...a) => ({
    ...createTimelineSlice({ timeline, base, interventions })(...a),
    ...createPendingRunSlice(world, init.computer)(...a),
    ...createPlaybackSlice(defaultViewSpan(timeline, timeAxis))(...a),
    ...createSettingsSlice(world, {
      run: settingsAfter(base, interventions),
      numbering: init.numbering ?? 'absolute',
      theme: init.theme ?? 'system',
    })(...a),
    ...createSelectionSlice(...a),
    ...createHistorySlice(...a),
    ...createScriptRunSlice(...a),
    ...createViewSlice({ timeAxis, largeType: init.largeType ?? false })(...a),
    ...createPredictSlice(...a),
    ...createLessonSlice(world, init.lessons ?? null)(...a),
  }));
}

export type LabStore = ReturnType<typeof createLabStore>;
