import { describe, expect, it } from 'vitest';
import { createPageStore } from './create-page-store';
import { urlStateOfLab } from './url/lab-url';
import { serializeUrlState } from './url/url-params';

describe('the page a link opens', () => {
  it('notes a selected segment the run does not have, and selects nothing', () => {
    const page = createPageStore('?scenario=handshake&segment=999999');
    expect(page.notes).toEqual(['Ignored segment=999999: this run has no segment 999999.']);
    expect(page.store.getState().selectedId).toBeNull();
  });

  it('notes a playhead time past the end of the run, and opens at the end', () => {
    const page = createPageStore('?scenario=handshake&t=99999');
    const { endTime } = page.store.getState().timeline;
    expect(page.notes).toEqual([
      `Ignored t=99999: this run ends at ${endTime} ms, so the playhead is at its end.`,
    ]);
    expect(page.store.getState().t).toBe(endTime);
  });

  it('opens at a playhead time inside the run without a note', () => {
    const page = createPageStore('?scenario=handshake&t=80');
    expect(page.notes).toEqual([]);
    expect(page.store.getState().t).toBe(80);
  });

  it('opens a forked run with its drop, without a note', () => {
    const page = createPageStore('?scenario=handshake&fork=35-drop-1');
    expect(page.notes).toEqual([]);
    expect(page.store.getState().timeline.spanById[1]?.dropReason).toBe('user');
  });

  it('notes a fork step that names a segment not on the wire then, and drops nothing', () => {
    const page = createPageStore('?scenario=handshake&fork=100-drop-1_100-drop-999');
    expect(page.notes).toEqual([
      'Ignored fork step 100-drop-1: segment 1 was not on the wire at 100 ms, so nothing was dropped.',
      'Ignored fork step 100-drop-999: segment 999 was not on the wire at 100 ms, so nothing was dropped.',
    ]);
    expect(page.store.getState().timeline.spanById[1]?.outcome).toBe('delivered');
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

  it('runs a preset over IPv6 when the link says ip=ipv6, and its own link says so again', () => {
    const page = createPageStore('?scenario=syn-flood&ip=6');
    expect(page.notes).toEqual([]);
    const state = page.store.getState();
    expect(state.run.ip).toBe('ipv6');
    // The first segment is the flood's: a spoofed source in the mapped range, MSS 1440.
    const syn = state.timeline.events.find((e) => e.type === 'send');
    expect(syn?.type === 'send' && [syn.src, syn.options[0]]).toEqual([
      '[2001:db8:198:51:100::1]:1024',
      { kind: 'mss', value: 1440 },
    ]);
    expect(serializeUrlState(urlStateOfLab(state, page.world))).toBe('scenario=syn-flood&ip=ipv6');
  });

  it('notes an IP version the preset cannot run over, and runs it over its own', () => {
    const page = createPageStore('?scenario=handshake-ipv6&ip=ipv4&delay=80');
    expect(page.notes).toEqual([
      'Ignored ip=ipv4: handshake-ipv6 runs over IPv6 only: its hosts have IPv6 addresses, which have no IPv4 form.',
    ]);
    expect([page.store.getState().run.ip, page.store.getState().run.delay]).toEqual(['ipv6', 80]);
  });

  it('notes an IP version that is neither, naming the choices', () => {
    expect(createPageStore('?scenario=handshake&ip=ipv5').notes).toEqual([
      'Ignored ip=ipv5: expected ipv4, ipv6.',
    ]);
  });
});
