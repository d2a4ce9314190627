import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_SHOWN_NOTES, missingSegmentNote, shownNotes } from './link-notes';
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
    predict: fc.boolean(),
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
    expect(parseUrlState('?lesson=loss&step=3', PRESETS, 'full', lessons)).toEqual({
      state: { lesson: 'loss', step: 3 },
      notes: [],
    });
    expect(parseUrlState('?lesson=flying&step=2', PRESETS, 'full', lessons)).toEqual({
      state: {},
      notes: [
        'Ignored lesson=flying: there is no such lesson.',
        'Ignored step=2: a step needs a lesson.',
      ],
    });
    expect(parseUrlState('?lesson=loss&step=10', PRESETS, 'full', lessons)).toEqual({
      state: { lesson: 'loss' },
      notes: ['Ignored step=10: the lesson “loss” ends at step 9.'],
    });
    expect(parseUrlState('?lesson=loss&step=0', PRESETS, 'full', lessons).notes).toEqual([
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

  it('on the full page, notes each embed-only parameter and keeps none of them', () => {
    const parsed = parseUrlState(
      '?scenario=handshake&controls=none&autoplay=1&loop=1&predict=1&start=5&end=9&origins=https://a.example&lang=en',
      PRESETS,
      'full',
    );
    expect(parsed.state).toEqual({ scenario: 'handshake', lang: 'en' });
    expect(parsed.notes).toEqual(
      [
        'controls=none',
        'autoplay=1',
        'loop=1',
        'predict=1',
        'start=5',
        'end=9',
        'origins=https://a.example',
      ].map((p) => `Ignored ${p}: only an embedded lab uses it.`),
    );
  });

  it('never shows more than a few notes, whatever the query string', () => {
    const query = fc.array(fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 12 })), {
      maxLength: 300,
    });
    fc.assert(
      fc.property(query, fc.constantFrom('full' as const, 'embed' as const), (pairs, page) => {
        const search = new URLSearchParams(pairs).toString();
        const { notes } = parseUrlState(search, PRESETS, page);
        const shown = shownNotes(notes);
        expect(shown.length).toBeLessThanOrEqual(MAX_SHOWN_NOTES + 1);
        if (notes.length > MAX_SHOWN_NOTES) {
          expect(shown.at(-1)).toBe(
            `…and ${notes.length - MAX_SHOWN_NOTES} more ignored parameter${notes.length - MAX_SHOWN_NOTES === 1 ? '' : 's'}.`,
          );
        }
        for (const note of shown) expect([...note].every((c) => c >= ' ')).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the notes a page shows', () => {
  it('shows the first three and counts the rest', () => {
    const notes = Array.from({ length: 150 }, (_, i) => `Ignored unknown parameter “junk${i}”.`);
    expect(shownNotes(notes)).toEqual([
      'Ignored unknown parameter “junk0”.',
      'Ignored unknown parameter “junk1”.',
      'Ignored unknown parameter “junk2”.',
      '…and 147 more ignored parameters.',
    ]);
    expect(shownNotes(notes.slice(0, 4)).at(-1)).toBe('…and 1 more ignored parameter.');
    expect(shownNotes(notes.slice(0, 3))).toEqual(notes.slice(0, 3));
  });

  it('names a selected segment the run does not have', () => {
    expect(missingSegmentNote(999999)).toBe(
      'Ignored segment=999999: this run has no segment 999999.',
    );
  });
});
