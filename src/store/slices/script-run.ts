/**
 * A script run: a recorded run that did not come from a scenario (a packetdrill script played
 * against the engine). It has no world behind it to re-run, so nothing forks: dropping a
 * segment, changing the link or the run settings, and undo do nothing while it is shown (the
 * controls say why). Playback (play, step, seek, reset) works as for any run. Leaving it
 * returns to the scenario run exactly as it was.
 */
import type { StateCreator } from 'zustand/vanilla';
import { buildTimeline } from '../timeline';
import type { LabState, ScriptRunSlice, ScenarioPlace } from '../types';
import type { Timeline } from '../timeline';

/**
 * A script run's crossings are short (to-trace draws each in 10 ms), so its view starts zoomed to
 * the exchange: a whole short script on one screen with arrows that visibly slope.
 */
function scriptViewSpan(timeline: Timeline): number {
  const busy = timeline.spanEndsMax[timeline.spanEndsMax.length - 1] ?? timeline.endTime;
  return Math.min(
    2_000,
    Math.max(60, Math.ceil((Math.max(busy, timeline.endTime) * 1.15) / 10) * 10),
  );
}

/** A capture's view starts showing its whole first exchange, however fast the network was. */
function captureViewSpan(timeline: Timeline): number {
  const end = Math.max(timeline.endTime, 0.01);
  return Math.min(Math.max(end * 1.1, 20), 600_000);
}

/** A recorded run (a script's or a capture's) is a record, not a world: nothing re-runs it. */
export const isRecordedRun = (state: Pick<LabState, 'scriptRun' | 'captureRun'>): boolean =>
  state.scriptRun !== null || state.captureRun !== null;

function placeOf(state: LabState): ScenarioPlace {
  return {
    timeline: state.timeline,
    t: state.t,
    cursor: state.cursor,
    selectedId: state.selectedId,
    viewSpan: state.viewSpan,
  };
}

export const createScriptRunSlice: StateCreator<LabState, [], [], ScriptRunSlice> = (set, get) => ({
  scriptRun: null,
  captureRun: null,
  scenarioPlace: null,
  loadScriptRun: (load) => {
    // A script replaces whatever run was being computed.
    get().cancelRun();
    const state = get();
    const info = load.info;
    const timeline = 'timeline' in load ? load.timeline : buildTimeline(load.run);
    set({
      scriptRun: info,
      captureRun: null,
      // A second script replaces the first; the scenario to return to stays the same.
      scenarioPlace: state.scenarioPlace ?? placeOf(state),
      timeline,
      t: 0,
      cursor: -1,
      playing: false,
      selectedId: null,
      viewSpan: scriptViewSpan(timeline),
    });
  },
  loadCaptureRun: ({ info, run }) => {
    const state = get();
    const timeline = buildTimeline(run);
    set({
      captureRun: info,
      scriptRun: null,
      scenarioPlace: state.scenarioPlace ?? placeOf(state),
      timeline,
      t: 0,
      cursor: -1,
      playing: false,
      selectedId: null,
      viewSpan: captureViewSpan(timeline),
    });
  },
  leaveScriptRun: () => {
    const place = get().scenarioPlace;
    if (place === null) return;
    set({ ...place, scriptRun: null, captureRun: null, scenarioPlace: null, playing: false });
  },
});
