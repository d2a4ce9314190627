import { describe, expect, it } from 'vitest';
import { createLabStore, type RunSource } from '../../store';
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

/** A world that counts its simulator runs. */
function countingWorld() {
  const counted = { runs: 0 };
  const inner = createSimWorld();
  const counting: RunSource = {
    presets: inner.presets,
    defaults: (name) => inner.defaults(name),
    run: (settings, interventions) => {
      counted.runs += 1;
      return inner.run(settings, interventions);
    },
  };
  return { world: counting, counted };
}

/** A fresh page opened at a link, as createPageStore opens it, with the same world. */
function openLink(query: string, on: RunSource = world) {
  const { state: url, notes } = parseUrlState(query, names, 'full');
  expect(notes).toEqual([]);
  const store = createLabStore({
    world: on,
    ...(url.scenario ? { preset: url.scenario } : {}),
    run: runSettingsOfUrl(url, on),
    ...(url.fork ? { interventions: url.fork } : {}),
    ...(url.numbers ? { numbering: url.numbers } : {}),
  });
  store.getState().seek(url.t ?? 0);
  return store;
}

describe('a link shares everything the user did', () => {
  it('reproduces a fork exactly: the dropped segment, a link change, relative numbers', () => {
    const store = lab('lost-syn-ack');
    store.getState().seek(30.25);
    const inFlight = store
      .getState()
      .timeline.spans.find(
        (s) => s.sentAt <= 30.25 && s.endAt > 30.25 && s.outcome === 'delivered',
      );
    expect(inFlight).toBeDefined();
    store.getState().dropSegment(inFlight!.id);
    store.getState().seek(1200);
    store.getState().changeRunSettings({ loss: 40 });
    store.getState().setNumbering('relative');
    const query = serializeUrlState(urlStateOfLab(store.getState(), world));
    expect(query).toContain(`fork=30.25-drop-${inFlight!.id}_1200-loss-40`);
    expect(query).toContain('numbers=relative');

    const opened = openLink(query);
    const [a, b] = [store.getState(), opened.getState()];
    expect(b.timeline.events).toEqual(a.timeline.events);
    expect([b.run, b.base, b.interventions, b.t, b.numbering]).toEqual([
      a.run,
      a.base,
      a.interventions,
      a.t,
      a.numbering,
    ]);
  });

  it('writes the playhead exactly when rounding would put it before the fork', () => {
    const store = lab();
    store.getState().seek(25.4);
    const span = store.getState().timeline.spans.find((s) => s.sentAt <= 25.4 && s.endAt > 25.4);
    store.getState().dropSegment(span!.id);
    expect(urlStateOfLab(store.getState(), world).t).toBe(25.4);
  });

  it('keeps the time axis, text size and theme, in lessons too', () => {
    const store = lab();
    store.getState().setTimeAxis('true');
    store.getState().setLargeType(true);
    store.getState().setTheme('dark');
    expect(serializeUrlState(urlStateOfLab(store.getState(), world))).toBe(
      'scenario=handshake&axis=true&text=large&theme=dark',
    );
  });
});

describe('applying a link (load, Back, Forward)', () => {
  it('runs the simulator once and leaves one undo entry, however many settings change', () => {
    const { world: counting, counted } = countingWorld();
    const store = createLabStore({ world: counting, preset: 'handshake' });
    const url = parseUrlState(
      'scenario=lost-syn-ack&delay=80&jitter=8000&loss=10&profile=rfc&fork=100-drop-1&t=300',
      names,
    ).state;
    counted.runs = 0;
    applyUrlState(store, counting, url);
    expect(counted.runs).toBe(1);
    expect(store.getState().past).toHaveLength(1);
    expect(store.getState().run.jitter).toBe(8000);
    // The same link again changes nothing and runs nothing.
    applyUrlState(store, counting, url);
    expect([counted.runs, store.getState().past.length]).toEqual([1, 1]);
  });

  it('opens a page at a forked link with one simulator run', () => {
    const { world: counting, counted } = countingWorld();
    openLink('scenario=handshake&fork=20-drop-1&t=40', counting);
    expect(counted.runs).toBe(1);
  });
});
