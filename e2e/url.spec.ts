// Every view is a link: parameters round-trip through the real page, discrete changes make
// history entries that Back and Forward restore, playing only replaces the entry, and no query
// string, however malformed, breaks the page.
import fc from 'fast-check';
import { expect, test, type Page } from '@playwright/test';
import { parseUrlState } from '../src/app/url/url-params';
import { watchPage } from './support';

const search = (page: Page) => new URL(page.url()).search;
const heading = (page: Page) => page.getByRole('heading', { level: 1, name: 'Handshake Lab' });

test.describe('URL state on the full page', () => {
  test('every parameter round-trips: load, read the controls, the written URL equals the input', async ({
    page,
  }) => {
    const input =
      '?scenario=lost-syn-ack&seed=424242&delay=120&jitter=5&loss=12.5&profile=rfc&isn=random' +
      '&t=300&segment=1&theme=dark&lang=en';
    const watched = watchPage(page);
    await page.goto(`./${input}`);
    await expect(heading(page)).toBeVisible();
    await expect(page.getByLabel('Scenario')).toHaveValue('lost-syn-ack');
    await expect(page.getByLabel('Seed')).toHaveValue('424242');
    await expect(page.getByLabel('Delay (ms)')).toHaveValue('120');
    await expect(page.getByLabel('Jitter (ms)')).toHaveValue('5');
    await expect(page.getByLabel('Loss (%)')).toHaveValue('12.5');
    await expect(page.getByLabel('Profile', { exact: true })).toHaveValue('rfc');
    await expect(page.getByLabel('ISN')).toHaveValue('random');
    await expect(page.getByLabel('Theme')).toHaveValue('dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(page.getByRole('slider', { name: 'Time' })).toHaveValue('300');
    await expect(page.getByRole('list', { name: 'Ignored link parameters' })).toHaveCount(0);
    expect(search(page)).toBe(input);
    expect(watched.problems).toEqual([]);
  });

  test('a link is rewritten in its one canonical form, without the parameters it ignored', async ({
    page,
  }) => {
    await page.goto('./?loss=0&delay=abc&t=85.4&scenario=handshake&bogus=1');
    await expect(page.getByRole('list', { name: 'Ignored link parameters' })).toBeVisible();
    await expect.poll(() => search(page)).toBe('?scenario=handshake&t=85');
  });

  test('embed-only parameters and a segment the run lacks get a note and leave the link', async ({
    page,
  }) => {
    await page.goto(
      './?scenario=handshake&segment=999999&controls=none&autoplay=1&start=5&origins=https%3A%2F%2Fa.example',
    );
    const notes = page.getByRole('list', { name: 'Ignored link parameters' }).getByRole('listitem');
    await expect(notes).toHaveText([
      'Ignored controls=none: only an embedded lab uses it.',
      'Ignored autoplay=1: only an embedded lab uses it.',
      'Ignored start=5: only an embedded lab uses it.',
      '…and 2 more ignored parameters.',
    ]);
    await expect.poll(() => search(page)).toBe('?scenario=handshake');
  });

  test('150 junk parameters show three notes and a count, and the lab stays in view', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    const junk = Array.from({ length: 150 }, (_, i) => `junk${i}=${i}`).join('&');
    await page.goto(`./?scenario=handshake&${junk}`);
    const notes = page.getByRole('list', { name: 'Ignored link parameters' }).getByRole('listitem');
    await expect(notes).toHaveCount(4);
    await expect(notes.last()).toHaveText('…and 147 more ignored parameters.');
    await expect(page.getByRole('figure', { name: 'Sequence diagram' })).toBeInViewport();
  });

  test('settings and scenario changes push history entries; Back and Forward restore them', async ({
    page,
  }) => {
    await page.goto('./?scenario=handshake');
    await page.getByLabel('Scenario').selectOption('lost-syn-ack');
    await expect.poll(() => search(page)).toBe('?scenario=lost-syn-ack');
    const delay = page.getByLabel('Delay (ms)');
    await delay.fill('200');
    await delay.press('Enter');
    await expect.poll(() => search(page)).toBe('?scenario=lost-syn-ack&delay=200');
    await page.getByLabel('Theme').selectOption('dark');
    await expect.poll(() => search(page)).toBe('?scenario=lost-syn-ack&delay=200&theme=dark');

    await page.goBack();
    await expect(page.locator('html')).not.toHaveAttribute('data-theme', 'dark');
    await expect(delay).toHaveValue('200');
    await page.goBack();
    await expect(delay).toHaveValue('50');
    await expect(page.getByLabel('Scenario')).toHaveValue('lost-syn-ack');
    await page.goBack();
    await expect(page.getByLabel('Scenario')).toHaveValue('handshake');
    await page.goForward();
    await page.goForward();
    await expect(page.getByLabel('Scenario')).toHaveValue('lost-syn-ack');
    await expect(delay).toHaveValue('200');
    expect(search(page)).toBe('?scenario=lost-syn-ack&delay=200');
  });

  test('selecting a segment is a history entry too', async ({ page }) => {
    await page.goto('./?scenario=handshake&t=160');
    await page.getByRole('button', { name: 'SYN seq=700 client to server' }).click();
    await expect.poll(() => search(page)).toBe('?scenario=handshake&t=160&segment=1');
    await page.goBack();
    await expect.poll(() => search(page)).toBe('?scenario=handshake&t=160');
    await page.goForward();
    await expect.poll(() => search(page)).toBe('?scenario=handshake&t=160&segment=1');
  });

  test('playing replaces the entry with the playhead in whole ms, adding no history', async ({
    page,
  }) => {
    await page.goto('./?scenario=handshake');
    const entries = await page.evaluate(() => history.length);
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => search(page)).toMatch(/^\?scenario=handshake&t=\d+$/);
    await page.getByRole('button', { name: 'Pause' }).click();
    const t = Number(new URLSearchParams(search(page)).get('t'));
    expect(t).toBeGreaterThan(0);
    expect(await page.evaluate(() => history.length)).toBe(entries);
  });
});

const NAMES = [
  'scenario',
  'seed',
  'delay',
  'jitter',
  'loss',
  'profile',
  'isn',
  't',
  'segment',
  'theme',
  'lang',
  'controls',
  'autoplay',
  'loop',
  'start',
  'end',
  'origins',
  'utm_source',
  '',
  '<b>',
];
const VALUES = [
  'handshake',
  'lost-syn-ack',
  'teleport',
  '-1',
  '0',
  '1',
  '85',
  '1e9',
  '1e99',
  'NaN',
  'abc',
  '50.5',
  'rfc',
  'linux',
  'freebsd',
  'dark',
  'auto',
  'en',
  'fr',
  'none',
  '<script>alert(1)</script>',
  '%',
  '%E0%A4%A',
  'https://a.example',
  'javascript:alert(1)',
  '\u0000',
  '🙂',
];

const queryString = fc.oneof(
  fc
    .array(
      fc.tuple(
        fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 8 })),
        fc.oneof(fc.constantFrom(...VALUES), fc.string({ maxLength: 12 })),
      ),
      { maxLength: 6 },
    )
    .map((pairs) => pairs.map(([name, value]) => `${name}=${value}`).join('&')),
  fc.string({ maxLength: 40 }),
);

// 24 seeded samples in two batches (run side by side), each reusing one page: every sample is a
// full navigation, so this stays small; the parser itself meets thousands of fuzzed queries in
// its property test (src/app/url/url-params.test.ts, and new seeds in npm run fuzz).
const SAMPLES = fc.sample(queryString, { numRuns: 24, seed: 20240615 });
const BATCHES = 2;

for (let batch = 0; batch < BATCHES; batch++) {
  test(`fuzzed query strings never break the page (batch ${batch + 1} of ${BATCHES})`, async ({
    page,
  }) => {
    // Generous: on a loaded shared machine a navigation can take a second or more.
    test.setTimeout(180_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    for (const query of SAMPLES.filter((_, i) => i % BATCHES === batch)) {
      // Through the address bar, as a person pasting a link would (the browser encodes it).
      const response = await page.goto(`./?${query}`, { waitUntil: 'domcontentloaded' });
      await expect(heading(page), query).toBeVisible();
      const asked = new URL(response?.url() ?? page.url()).search;
      const parsed = parseUrlState(asked, undefined, 'full');
      const expected = parsed.notes.length;
      const notes = page
        .getByRole('list', { name: 'Ignored link parameters' })
        .getByRole('listitem');
      if (expected > 0) await expect(notes.first(), query).toBeVisible();
      // A segment the run lacks is noted only once the run is known.
      else if (parsed.state.segment === undefined) await expect(notes, query).toHaveCount(0);
      // What the page writes back is a link it reads without a single note.
      await expect
        .poll(() => parseUrlState(search(page), undefined, 'full').notes, query)
        .toEqual([]);
      expect(errors, query).toEqual([]);
    }
  });
}
