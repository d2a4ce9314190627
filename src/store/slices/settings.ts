import type { StateCreator } from 'zustand/vanilla';
import { commitRun, isMidRun, settingsAfter } from '../fork';
import type { LabState, SettingsSlice } from '../types';
import type { LinkSettings, Numbering, RunSettings, Theme, World } from '../world';
import { defaultViewSpan } from './playback';
import { isRecordedRun } from './script-run';

const LINK_FIELDS = ['delay', 'jitter', 'loss'] as const satisfies readonly (keyof LinkSettings)[];

function onlyLinkChanges(patch: Partial<RunSettings>): boolean {
  return Object.keys(patch).every((key) => (LINK_FIELDS as readonly string[]).includes(key));
}

export function createSettingsSlice(
  world: World,
  initial: { run: RunSettings; numbering: Numbering; theme: Theme },
): StateCreator<LabState, [], [], SettingsSlice> {
  return (set, get) => ({
    presets: world.presets,
    run: initial.run,
    numbering: initial.numbering,
    theme: initial.theme,
    choosePreset: (name) => {
      get().leaveScriptRun();
      const state = get();
      const run = world.defaults(name);
      const next = commitRun(world, state, { base: run, run, interventions: [] }, 'start');
      set({
        ...next,
        ...(next.timeline ? { viewSpan: defaultViewSpan(next.timeline, state.timeAxis) } : {}),
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
        set(commitRun(world, state, { base: state.base, run, interventions }, 'keep'));
        return;
      }
      const atEnd = state.t >= state.timeline.endTime && state.cursor >= 0;
      const playhead = atEnd ? 'end' : isMidRun(state) ? 'keep' : 'start';
      set(commitRun(world, state, { base: run, run, interventions: [] }, playhead));
    },
    openRun: (base, interventions) => {
      get().leaveScriptRun();
      const state = get();
      const run = settingsAfter(base, interventions);
      const next = commitRun(world, state, { base, run, interventions }, 'start');
      set({
        ...next,
        ...(next.timeline ? { viewSpan: defaultViewSpan(next.timeline, state.timeAxis) } : {}),
      });
    },
    setNumbering: (numbering) => set({ numbering }),
    setTheme: (theme) => set({ theme }),
  });
}
