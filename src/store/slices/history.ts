import type { StateCreator } from 'zustand/vanilla';
import type { HistorySlice, LabState } from '../types';
import { isRecordedRun } from './script-run';

export const createHistorySlice: StateCreator<LabState, [], [], HistorySlice> = (set, get) => ({
  past: [],
  undo: () => {
    // Undo returns to a run already made; a run still being computed is abandoned.
    get().cancelRun();
    const { past, selectedId } = get();
    // The history is the scenario's; "Back to scenarios" leaves a script run or a capture.
    if (isRecordedRun(get())) return;
    const branch = past[past.length - 1];
    if (!branch) return;
    set({
      run: branch.run,
      base: branch.base,
      interventions: branch.interventions,
      timeline: branch.timeline,
      t: branch.t,
      cursor: branch.cursor,
      playing: false,
      selectedId:
        selectedId !== null && branch.timeline.spanById[selectedId] !== undefined
          ? selectedId
          : null,
      past: past.slice(0, -1),
    });
  },
});
