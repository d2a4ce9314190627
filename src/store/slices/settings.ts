import type { StateCreator } from 'zustand/vanilla';
import { isMidRun, settingsAfter } from '../fork';
import type { LabState, SettingsSlice } from '../types';
import type { LinkSettings, Numbering, RunSettings, Theme, RunSource } from '../world';
import { isRecordedRun } from './script-run';

const LINK_FIELDS = ['delay', 'jitter', 'loss'] as const satisfies readonly (keyof LinkSettings)[];

function onlyLinkChanges(patch: Partial<RunSettings>): boolean {
  return Object.keys(patch).every((key) => (LINK_FIELDS as readonly string[]).includes(key));
}

export function createSettingsSlice(
  world: RunSource,
  initial: { run: RunSettings; numbering: Numbering; theme: Theme },
): StateCreator<LabState, [], [], SettingsSlice> {
  return (set, get) => ({
    presets: world.presets,
    run: initial.run,
    numbering: initial.numbering,
    theme: initial.theme,
    choosePreset: (name) => {
      const run = world.defaults(name);
      get().carryOut({
        next: { base: run, run, interventions: [] },
        playhead: 'start',
        kind: 'scenario',
        fresh: true,
      });
    },
    changeRunSettings: (patch) => {
      const state = get();
      // A script run has no scenario to re-run with other settings.
      if (isRecordedRun(state)) return;
      const run = { ...state.run, ...patch };
      if (isMidRun(state) && onlyLinkChanges(patch)) {
        // RFC-independent lab rule: a new link applies from the playhead on; the past stays.
        // Only the fields the user changed: the rest of the link (per direction) stays as it was.
        const link: Partial<LinkSettings> = { ...patch };
        const interventions = [
          ...state.interventions,
          { at: state.t, kind: 'link' as const, link },
        ];
        state.carryOut({
          next: { base: state.base, run, interventions },
          playhead: 'keep',
          kind: 'fork',
          fresh: false,
        });
        return;
      }
      const atEnd = state.t >= state.timeline.endTime && state.cursor >= 0;
      const playhead = atEnd ? 'end' : isMidRun(state) ? 'keep' : 'start';
      state.carryOut({
        next: { base: run, run, interventions: [] },
        playhead,
        kind: 'scenario',
        fresh: false,
      });
    },
    openRun: (base, interventions) => {
      // A link opened (load, Back, Forward): one run, one undo entry.
      get().carryOut({
        next: { base, run: settingsAfter(base, interventions), interventions },
        playhead: 'start',
        kind: 'scenario',
        fresh: true,
      });
    },
    setNumbering: (numbering) => set({ numbering }),
    setTheme: (theme) => set({ theme }),
  });
}
