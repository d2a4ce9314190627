import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseUrlState, serializeUrlState, type UrlState } from './url-params';

const PRESETS = ['handshake', 'lost-syn-ack', 'closed-port'];

const validState: fc.Arbitrary<UrlState> = fc.record(
  {
    scenario: fc.constantFrom(...PRESETS),
    seed: fc.integer({ min: 0, max: 4294967295 }),
    delay: fc.integer({ min: 0, max: 10000 }),
    jitter: fc.double({ min: 0, max: 5000, noNaN: true }),
    loss: fc.double({ min: 0, max: 100, noNaN: true }),
    profile: fc.constantFrom('rfc' as const, 'linux' as const, 'freebsd' as const),
    isn: fc.constantFrom('textbook' as const, 'random' as const),
    t: fc.double({ min: 0, max: 1e9, noNaN: true }),
    segment: fc.integer({ min: 1, max: 1e6 }),
    theme: fc.constantFrom('light' as const, 'dark' as const, 'system' as const),
    lang: fc.constant('en'),
    controls: fc.constantFrom('full' as const, 'minimal' as const, 'none' as const),
    autoplay: fc.boolean(),
    loop: fc.boolean(),
    start: fc.integer({ min: 0, max: 1000 }),
    end: fc.integer({ min: 1001, max: 1e6 }),
    origins: fc.uniqueArray(
      fc.constantFrom('https://a.example', 'http://127.0.0.1:8080', 'https://b.example:8443'),
      { minLength: 1 },
    ),
  },
  { requiredKeys: [] },
);

describe('URL state', () => {
  it('round-trips every parameter: what a link says is what the view restores', () => {
    fc.assert(
      fc.property(validState, (state) => {
        const parsed = parseUrlState(serializeUrlState(state), PRESETS);
        expect(parsed.notes).toEqual([]);
        expect(parsed.state).toEqual(state);
      }),
    );
  });

  it('writes parameters in one fixed order, so one view has one link', () => {
    expect(serializeUrlState({ loss: 5, scenario: 'handshake', autoplay: true, seed: 7 })).toBe(
      'scenario=handshake&seed=7&loss=5&autoplay=1',
    );
  });

  it('ignores a malformed parameter with a note naming it, and keeps the others', () => {
    const parsed = parseUrlState('?scenario=handshake&loss=150&delay=abc&seed=3', PRESETS);
    expect(parsed.state).toEqual({ scenario: 'handshake', seed: 3 });
    expect(parsed.notes).toEqual([
      'Ignored loss=150: expected a number from 0 to 100 %.',
      'Ignored delay=abc: expected a number.',
    ]);
  });

  it('ignores an unknown parameter and an unknown scenario', () => {
    const parsed = parseUrlState('?utm_source=blog&scenario=teleport', PRESETS);
    expect(parsed.state).toEqual({});
    expect(parsed.notes).toEqual([
      'Ignored unknown parameter “utm_source”.',
      'Ignored scenario=teleport: there is no such scenario.',
    ]);
  });

  it('reads a lesson and its step, and names an unknown lesson or a step it does not have', () => {
    const lessons = new Map([['loss', 9]]);
    expect(parseUrlState('?lesson=loss&step=3', PRESETS, lessons)).toEqual({
      state: { lesson: 'loss', step: 3 },
      notes: [],
    });
    expect(parseUrlState('?lesson=flying&step=2', PRESETS, lessons)).toEqual({
      state: {},
      notes: [
        'Ignored lesson=flying: there is no such lesson.',
        'Ignored step=2: a step needs a lesson.',
      ],
    });
    expect(parseUrlState('?lesson=loss&step=10', PRESETS, lessons)).toEqual({
      state: { lesson: 'loss' },
      notes: ['Ignored step=10: the lesson “loss” ends at step 9.'],
    });
    expect(parseUrlState('?lesson=loss&step=0', PRESETS, lessons).notes).toEqual([
      'Ignored step=0: expected a number from 1 to 1000.',
    ]);
  });

  it('accepts theme=auto as the system theme, as embed snippets write it', () => {
    expect(parseUrlState('theme=auto').state).toEqual({ theme: 'system' });
  });

  it('reads an allow-list of parent origins, and refuses anything that is not a bare origin', () => {
    expect(parseUrlState('origins=https://a.example,http://127.0.0.1:8080').state).toEqual({
      origins: ['https://a.example', 'http://127.0.0.1:8080'],
    });
    for (const bad of ['https://a.example/', 'javascript:alert(1)', 'a.example', '*', '']) {
      const parsed = parseUrlState(`origins=${encodeURIComponent(bad)}`);
      expect(parsed.state).toEqual({});
      expect(parsed.notes).toHaveLength(1);
    }
  });

  it('drops an end that does not come after start', () => {
    const parsed = parseUrlState('start=500&end=100');
    expect(parsed.state).toEqual({ start: 500 });
    expect(parsed.notes).toHaveLength(1);
  });

  it('never throws and never keeps a value outside its range, whatever the query string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (search) => {
        const { state, notes } = parseUrlState(search, PRESETS);
        for (const note of notes) expect(note.length).toBeLessThan(200);
        if (state.loss !== undefined) expect(state.loss).toBeLessThanOrEqual(100);
        if (state.scenario !== undefined) expect(PRESETS).toContain(state.scenario);
      }),
      { numRuns: 500 },
    );
  });
});
