import { describe, expect, it } from 'vitest';
import type { RunSettings } from '../../store';
import { parseUrlState } from '../url/url-params';
import { escapeAttribute, shareLinks } from './share-links';

const defaults: RunSettings = {
  preset: 'handshake',
  seed: 1,
  delay: 50,
  jitter: 0,
  loss: 0,
  profile: 'rfc',
  isn: 'textbook',
  ip: 'ipv4',
  sysctls: '',
};
const world = { defaults: () => defaults };
const view = {
  run: { ...defaults, delay: 120 },
  t: 85.4,
  selectedId: 2,
  theme: 'dark' as const,
  presets: [{ name: 'handshake', title: 'Three-way "handshake" <intro>', description: '' }],
};
const full = { controls: 'full' as const, autoplay: false, loop: false };

describe('Share or embed', () => {
  it('links to the same page at the view on screen, keeping the path it is served under', () => {
    const { link } = shareLinks(
      view,
      world,
      'https://host.example/labs/tcp/index.html?x=1#top',
      full,
    );
    expect(link).toBe(
      'https://host.example/labs/tcp/index.html?scenario=handshake&delay=120&t=85&segment=2&theme=dark',
    );
  });

  it('points the embed at embed.html beside the page, with only the options that differ', () => {
    const { embed } = shareLinks(view, world, 'https://host.example/labs/tcp/', {
      controls: 'minimal',
      autoplay: true,
      loop: true,
    });
    const url = new URL(embed);
    expect(url.pathname).toBe('/labs/tcp/embed.html');
    expect(parseUrlState(url.search, ['handshake'])).toEqual({
      state: {
        scenario: 'handshake',
        delay: 120,
        t: 85,
        segment: 2,
        theme: 'dark',
        controls: 'minimal',
        autoplay: true,
        loop: true,
      },
      notes: [],
    });
    expect(shareLinks(view, world, 'https://host.example/', full).embed).not.toContain('controls');
  });

  it('writes an iframe with a title, lazy loading and a size, its text escaped', () => {
    const { snippet, embed } = shareLinks(view, world, 'https://host.example/', full);
    expect(snippet).toContain(`src="${embed.replace(/&/g, '&amp;')}"`);
    expect(snippet).toContain(
      'title="Handshake Lab: Three-way &quot;handshake&quot; &lt;intro&gt;"',
    );
    expect(snippet).toContain('loading="lazy"');
    expect(snippet).toMatch(/width="\d+" height="\d+"/);
    expect(snippet.match(/<iframe/g)).toHaveLength(1);
  });

  it('escapes every character that could end an attribute or open a tag', () => {
    expect(escapeAttribute('a"b<c>d&e')).toBe('a&quot;b&lt;c&gt;d&amp;e');
  });
});

describe('what the Share dialog says a link holds', () => {
  it('names the scenario, the changed settings, the fork, the moment and the display', () => {
    const forked = {
      ...view,
      base: { ...defaults, delay: 120 },
      interventions: [{ at: 30, kind: 'drop' as const, id: 3 }],
      numbering: 'relative' as const,
    };
    expect(shareLinks(forked, world, 'https://host.example/', full).contents).toEqual([
      'Scenario: Three-way "handshake" <intro>',
      'Settings changed from the scenario’s: delay 120 ms',
      'Segment 3 dropped by hand at 30 ms',
      'The moment: 85 ms',
      'Segment 2 selected',
      'Display: relative numbers, compressed time axis, normal text, dark theme',
    ]);
  });
});
