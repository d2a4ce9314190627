// embed.html on its own: every width from 320 px, both themes, the three control sets, reduced
// motion, notes for bad parameters, and the link to the full page.
import { expect, test, type Page } from '@playwright/test';
import {
  clientState,
  diagram,
  expectNoAxeViolations,
  saveScreenshot,
  serverState,
  watchPage,
} from './support';

async function overflow(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

test.describe('embed.html', () => {
  for (const width of [320, 390, 800]) {
    test(`fits ${width} px wide with the diagram, both badges and the controls`, async ({
      page,
    }) => {
      const watched = watchPage(page);
      await page.setViewportSize({ width, height: 700 });
      await page.goto('./embed.html?scenario=handshake&t=120&segment=2');
      await expect(diagram(page)).toBeVisible();
      await expect(clientState(page)).toHaveText('ESTABLISHED');
      await expect(serverState(page)).toHaveText('SYN-RECEIVED');
      await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
      await expect(page.getByRole('slider', { name: 'Time' })).toBeVisible();
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await page.waitForLoadState('networkidle');
      await expectNoAxeViolations(page);
      await saveScreenshot(page, `embed-${width}`);
      expect(watched.problems).toEqual([]);
      expect(watched.foreignRequests).toEqual([]);
    });
  }

  test('each endpoint address is whole and readable in a 320 px embed', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 480 });
    await page.goto('./embed.html?scenario=handshake&controls=minimal&theme=auto');
    await expect(diagram(page)).toBeVisible();
    for (const whole of ['client 10.0.0.1:49152', 'server 10.0.0.2:80']) {
      const head = page.getByTitle(whole);
      // Every part of the head is drawn whole: nothing ends in an ellipsis ("10.0.0.1:49…").
      const cut = await head.evaluate((element) =>
        [element, ...element.querySelectorAll('*')]
          .filter((e) => e.scrollWidth > e.clientWidth + 0.5)
          .map((e) => e.textContent),
      );
      expect(cut, whole).toEqual([]);
      const [, address, port] = /^\S+ (.+):(\d+)$/.exec(whole) ?? [];
      await expect(head).toContainText(`${address}`);
      await expect(head).toContainText(`:${port}`);
    }
  });

  test('dark theme with minimal controls passes axe and looks right', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 700 });
    await page.goto('./embed.html?scenario=lost-syn-ack&t=1100&theme=dark&controls=minimal');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Next event' })).toBeVisible();
    await expect(page.getByRole('slider', { name: 'Speed' })).toBeVisible();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'embed-dark-390');
  });

  test('controls=none shows the diagram only; theme=auto follows the system', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('./embed.html?scenario=handshake&controls=none&theme=auto&t=160');
    await expect(diagram(page)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Play' })).toHaveCount(0);
    await expect(page.getByRole('slider', { name: 'Time' })).toHaveCount(0);
    await expect(page.locator('html')).not.toHaveAttribute('data-theme');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'embed-none-auto-dark');
  });

  test('autoplay plays by itself, and stops at the end of its range', async ({ page }) => {
    // Playing 60 ms at 1/10× takes 0.6 s, which a loaded machine may spend before the test's first
    // look: the page itself records whether its Pause button ever showed.
    await page.addInitScript(() => {
      const seen = { pause: false };
      Object.assign(window, { autoplaySeen: seen });
      new MutationObserver(() => {
        if (seen.pause) return;
        seen.pause = [...document.querySelectorAll('button')].some((b) =>
          (b.textContent ?? '').includes('Pause'),
        );
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    await page.goto('./embed.html?scenario=handshake&autoplay=1&end=60');
    await expect
      .poll(
        () =>
          page.evaluate(
            () => (window as unknown as { autoplaySeen: { pause: boolean } }).autoplaySeen.pause,
          ),
        { timeout: 10_000 },
      )
      .toBe(true);
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible({ timeout: 10_000 });
    await expect(serverState(page)).toHaveText('SYN-RECEIVED');
    await expect(clientState(page)).toHaveText('SYN-SENT');
  });

  test('under reduced motion it does not start by itself; without controls it shows the end', async ({
    page,
  }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto('./embed.html?scenario=handshake&autoplay=1');
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
    await expect(clientState(page)).toHaveText('CLOSED');
    await page.goto('./embed.html?scenario=handshake&autoplay=1&controls=none');
    await expect(clientState(page)).toHaveText('ESTABLISHED');
    await expect(serverState(page)).toHaveText('ESTABLISHED');
  });

  test('names each ignored parameter and still shows the lab', async ({ page }) => {
    const watched = watchPage(page);
    await page.goto('./embed.html?scenario=handshake&controls=huge&loss=900&utm_source=x');
    const notes = page.getByRole('list', { name: 'Ignored link parameters' }).getByRole('listitem');
    await expect(notes).toHaveText([
      'Ignored controls=huge: expected full, minimal, none.',
      'Ignored loss=900: expected a number from 0 to 100 %.',
      'Ignored unknown parameter “utm_source”.',
    ]);
    await expect(diagram(page)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
    expect(watched.problems).toEqual([]);
  });

  test('"Open in Handshake Lab" opens the full page at the same view', async ({ page }) => {
    await page.goto('./embed.html?scenario=lost-syn-ack&delay=80&controls=minimal&loop=1');
    await page.getByRole('slider', { name: 'Time' }).fill('300');
    const link = page.getByRole('link', { name: /Open in Handshake Lab/ });
    await link.focus();
    const href = await link.getAttribute('href');
    expect(href).toBe('./index.html?scenario=lost-syn-ack&delay=80&t=300');
    const [opened] = await Promise.all([page.waitForEvent('popup'), link.click()]);
    // A whole new page loads in the popup: on a loaded machine that takes seconds.
    await expect(opened.getByRole('heading', { level: 1, name: 'Handshake Lab' })).toBeVisible({
      timeout: 20_000,
    });
    await expect(opened.getByLabel('Delay (ms)')).toHaveValue('80');
    expect(new URL(opened.url()).search).toBe('?scenario=lost-syn-ack&delay=80&t=300');
  });
});
