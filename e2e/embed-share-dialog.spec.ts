// The Share or embed dialog of the full page: an accessible modal with a link, an iframe snippet,
// copy buttons, and a still SVG and PNG of the diagram.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import {
  VIEWPORTS,
  expectNoAxeViolations,
  headerAction,
  saveScreenshot,
  watchPage,
} from './support';

/** The preview server the tests run against (playwright.config.ts). */
const LAB = `http://127.0.0.1:${process.env.E2E_PORT ?? 4173}`;

test.describe('Share or embed', () => {
  test('offers a link, an iframe snippet and a still, as an accessible modal dialog', async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const watched = watchPage(page);
    await page.setViewportSize(VIEWPORTS.projector);
    await page.goto('./?scenario=handshake&t=120');
    const opener = page.getByRole('button', { name: 'Share or embed' });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'Share or embed' });
    await expect(dialog).toBeVisible();
    await expect(dialog.locator(':focus')).toHaveCount(1);

    const link = dialog.getByLabel('Link to this view');
    await expect(link).toHaveValue(`${LAB}/?scenario=handshake&t=120`);
    await dialog.getByRole('button', { name: 'Copy link' }).click();
    await expect(dialog.getByText('Copied.')).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      `${LAB}/?scenario=handshake&t=120`,
    );

    const snippet = dialog.getByLabel('Embed code');
    await expect(snippet).toHaveValue(
      new RegExp(
        `^<iframe src="${LAB.replace(/[.]/g, '\\.')}/embed\\.html\\?scenario=handshake&amp;t=120" title="Handshake Lab: [^"]+" loading="lazy" width="\\d+" height="\\d+"`,
      ),
    );
    await dialog.getByLabel('Controls').selectOption('minimal');
    await dialog.getByLabel('Autoplay').check();
    await expect(snippet).toHaveValue(/controls=minimal&amp;autoplay=1"/);

    // The still: an SVG with the arrows' labels and the states as text, and a PNG of it. (The
    // page's own policy keeps even fetch() of its blobs out, so the test reads the downloads.)
    const [svgFile] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('link', { name: 'Download SVG' }).click(),
    ]);
    expect(svgFile.suggestedFilename()).toBe('handshake-lab-handshake-120ms.svg');
    const svg = readFileSync(await svgFile.path(), 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain('SYN seq=700');
    expect(svg).toContain('ESTABLISHED');
    expect(svg).not.toMatch(/ (class|style|tabindex)=/);
    const [pngFile] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('link', { name: 'Download PNG' }).click(),
    ]);
    expect(pngFile.suggestedFilename()).toBe('handshake-lab-handshake-120ms.png');
    const png = readFileSync(await pngFile.path());
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // IHDR: width and height, big-endian, at bytes 16 and 20; drawn at twice the screen size.
    expect(png.readUInt32BE(16)).toBeGreaterThan(1000);
    expect(png.readUInt32BE(20)).toBeGreaterThan(600);

    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'share-dialog-projector');

    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();
    expect(watched.problems).toEqual([]);
    expect(watched.foreignRequests).toEqual([]);
  });

  test('fits a phone and the dark theme', async ({ page }) => {
    await page.setViewportSize(VIEWPORTS.phone);
    await page.goto('./?scenario=lost-syn-ack&t=1100&theme=dark');
    await (await headerAction(page, 'Share or embed')).click();
    const dialog = page.getByRole('dialog', { name: 'Share or embed' });
    await expect(dialog.getByRole('link', { name: 'Download PNG' })).toBeVisible();
    const overflow = await dialog.evaluate((element) => element.scrollWidth - element.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: 'test-output/screenshots/share-dialog-phone-dark.png' });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
  });
});
