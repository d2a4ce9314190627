import type { StateCreator } from 'zustand/vanilla';
import { isRecordedRun } from './script-run';
import type { Timeline } from '../timeline';
import type { LabState, TimelineSlice } from '../types';
import type { Intervention, RunSettings } from '../world';
import { isInFlight } from '../world-at';

export function createTimelineSlice(initial: {
  timeline: Timeline;
  base: RunSettings;
  interventions: readonly Intervention[];
}): StateCreator<LabState, [], [], TimelineSlice> {
  return (_set, get) => ({
    timeline: initial.timeline,
    base: initial.base,
    interventions: initial.interventions,
    dropSegment: (id) => {
      const state = get();
      // A script run is a record, not a world: nothing to re-run without the segment.
      if (isRecordedRun(state)) return;
      const span = state.timeline.spanById[id];
      // Only a segment on the wire can be lost; one that arrived is history.
      if (!span || !isInFlight(span, state.t, state.cursor)) return;
      const interventions = [...state.interventions, { at: state.t, kind: 'drop' as const, id }];
      state.carryOut({
        next: { base: state.base, run: state.run, interventions },
        playhead: 'keep',
        kind: 'fork',
        fresh: false,
      });
    },
  });
}
