import { describe, expect, it } from 'vitest';
import { createPageStore } from './create-page-store';

describe('the page a link opens', () => {
  it('notes a selected segment the run does not have, and selects nothing', () => {
    const page = createPageStore('?scenario=handshake&segment=999999');
    expect(page.notes).toEqual(['Ignored segment=999999: this run has no segment 999999.']);
    expect(page.store.getState().selectedId).toBeNull();
  });

  it('selects a segment the run has, without a note', () => {
    const page = createPageStore('?scenario=handshake&segment=1');
    expect(page.notes).toEqual([]);
    expect(page.store.getState().selectedId).toBe(1);
  });

  it('keeps embed-only parameters for an embed and notes them on the full page', () => {
    expect(createPageStore('?controls=none', 'embed')).toMatchObject({
      url: { controls: 'none' },
      notes: [],
    });
    expect(createPageStore('?controls=none')).toMatchObject({
      url: {},
      notes: ['Ignored controls=none: only an embedded lab uses it.'],
    });
  });
});
