import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScript } from '../runner/packetdrill/runner';
import { scriptRunToTrace } from '../runner/packetdrill/to-trace';
import { createLabStore } from './create-lab-store';
import { createSimWorld } from './sim-world';
import type { ScriptRunInfo } from './types';
import { stateAt } from './world-at';

const world = createSimWorld();
const script = readFileSync(
  new URL('../../conformance/handshake-passive.pkt', import.meta.url),
  'utf8',
);

function scriptLoad() {
  const run = scriptRunToTrace(runScript(script), {
    localIp: '192.168.0.1',
    remoteIp: '192.0.2.1',
    bindPort: 8080,
    connectPort: 8080,
  });
  const info: ScriptRunInfo = {
    name: 'handshake-passive.pkt',
    profile: 'linux',
    outcome: 'passed',
    counts: { passed: 5, failed: 0, notApplicable: 0, carriedOut: 6 },
    failure: null,
    missing: run.missing,
  };
  return { info, run };
}

/** The handshake preset, paused mid-run at 80 ms with its SYN-ACK selected. */
function scenarioMidRun() {
  const store = createLabStore({ world, preset: 'handshake' });
  store.getState().seek(80);
  store.getState().select(2);
  return store;
}

describe('a script run in the store', () => {
  it('shows the script run from its start with both lifelines, paused', () => {
    const store = scenarioMidRun();
    store.getState().loadScriptRun(scriptLoad());
    const s = store.getState();
    expect(s.scriptRun?.name).toBe('handshake-passive.pkt');
    expect(s.timeline.endpoints.map((e) => e.name)).toEqual(['script', 'engine']);
    expect([s.t, s.cursor, s.playing, s.selectedId]).toEqual([0, -1, false, null]);
  });

  it('plays, steps and seeks like a scenario run', () => {
    const store = createLabStore({ world, preset: 'handshake' });
    store.getState().loadScriptRun(scriptLoad());
    store.getState().stepNext();
    expect(store.getState().cursor).toBe(0);
    store.getState().toEnd();
    const end = store.getState();
    expect(stateAt(end.timeline, 'engine', end.cursor)).toBe('ESTABLISHED');
    store.getState().seek(0);
    expect(stateAt(store.getState().timeline, 'engine', store.getState().cursor)).toBe('CLOSED');
    store.getState().play();
    store.getState().tick(1_000_000);
    expect(store.getState().t).toBe(end.timeline.endTime);
  });

  it('forks nothing: dropping a segment, new settings and undo leave the run as it is', () => {
    const store = createLabStore({ world, preset: 'handshake' });
    store.getState().loadScriptRun(scriptLoad());
    store.getState().seek(5);
    const before = store.getState().timeline;
    store.getState().dropSegment(1);
    store.getState().changeRunSettings({ loss: 50 });
    store.getState().undo();
    expect(store.getState().timeline).toBe(before);
    expect(store.getState().run.loss).toBe(0);
  });

  it('returns to the scenario exactly where it was', () => {
    const store = scenarioMidRun();
    const scenario = store.getState().timeline;
    store.getState().loadScriptRun(scriptLoad());
    store.getState().loadScriptRun(scriptLoad());
    store.getState().leaveScriptRun();
    const s = store.getState();
    expect([s.timeline, s.t, s.selectedId, s.scriptRun]).toEqual([scenario, 80, 2, null]);
  });

  it('leaves the script run when the user picks a scenario', () => {
    const store = createLabStore({ world, preset: 'handshake' });
    store.getState().loadScriptRun(scriptLoad());
    store.getState().choosePreset('lost-syn');
    const s = store.getState();
    expect(s.scriptRun).toBeNull();
    expect(s.run.preset).toBe('lost-syn');
    expect(s.timeline.endpoints.map((e) => e.name)).toEqual(['client', 'server']);
  });
});
