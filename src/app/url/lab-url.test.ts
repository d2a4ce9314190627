import { describe, expect, it } from 'vitest';
import { createLabStore } from '../../store';
import { createSimWorld } from '../../store/sim-world';
import { applyUrlState, keptParams, runSettingsOfUrl, urlStateOfLab } from './lab-url';
import { parseUrlState, serializeUrlState } from './url-params';

const world = createSimWorld();
const names = world.presets.map((p) => p.name);

function lab(preset = 'handshake') {
  return createLabStore({ world, preset });
}

describe('the link of a view', () => {
  it('names the scenario and only the settings that differ from its own', () => {
    const store = lab();
    expect(urlStateOfLab(store.getState(), world)).toEqual({ scenario: 'handshake' });
    const other = store.getState().run.profile === 'rfc' ? 'linux' : 'rfc';
    store.getState().changeRunSettings({ delay: 120, profile: other });
    expect(urlStateOfLab(store.getState(), world)).toEqual({
      scenario: 'handshake',
      delay: 120,
      profile: other,
    });
  });

  it('writes the playhead in whole milliseconds, the selection and a chosen theme', () => {
    const store = lab();
    store.getState().seek(85.4);
    store.getState().select(2);
    store.getState().setTheme('dark');
    expect(serializeUrlState(urlStateOfLab(store.getState(), world))).toBe(
      'scenario=handshake&t=85&segment=2&theme=dark',
    );
  });

  it('keeps the parameters the store does not hold (embed options, language, origins)', () => {
    const { state } = parseUrlState('controls=none&loop=1&lang=en&seed=4', names);
    expect(keptParams(state)).toEqual({ controls: 'none', loop: true, lang: 'en' });
    expect(urlStateOfLab(lab().getState(), world, keptParams(state))).toEqual({
      scenario: 'handshake',
      controls: 'none',
      loop: true,
      lang: 'en',
    });
  });
});

describe('restoring a view from its link (Back and Forward)', () => {
  it('reaches the view the link describes, whatever view the lab was in', () => {
    const url = parseUrlState('scenario=lost-syn-ack&delay=80&t=300&theme=light', names).state;
    const store = lab();
    store.getState().changeRunSettings({ seed: 9 });
    store.getState().play();
    applyUrlState(store, world, url);
    const s = store.getState();
    expect(s.run).toEqual(runSettingsOfUrl(url, world));
    expect([s.t, s.playing, s.theme, s.interventions]).toEqual([300, false, 'light', []]);
    expect(serializeUrlState(urlStateOfLab(s, world))).toBe(
      'scenario=lost-syn-ack&delay=80&t=300&theme=light',
    );
  });

  it('undoes a fork: the link of the run before it restores that run whole', () => {
    const store = lab();
    const before = store.getState().timeline.events;
    store.getState().seek(25);
    store.getState().dropSegment(1);
    applyUrlState(store, world, { scenario: 'handshake', t: 25 });
    expect(store.getState().timeline.events).toEqual(before);
    expect(store.getState().interventions).toEqual([]);
  });

  it('returns to the defaults when the link has no parameters', () => {
    const store = lab('lost-syn-ack');
    store.getState().select(1);
    applyUrlState(store, world, {});
    const s = store.getState();
    expect([s.run.preset, s.t, s.cursor, s.selectedId, s.theme]).toEqual([
      names[0],
      0,
      -1,
      null,
      'system',
    ]);
  });

  it('ignores a segment the restored run does not have', () => {
    const store = lab();
    applyUrlState(store, world, { scenario: 'handshake', segment: 999 });
    expect(store.getState().selectedId).toBeNull();
  });
});
