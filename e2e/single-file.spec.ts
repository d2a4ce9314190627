import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { watchPage } from './support';

// `npm run build:single` writes one HTML file for offline classrooms and learning platforms.
const singleFile = pathToFileURL(resolve('dist-single/index.html')).href;

test.describe('the single-file build', () => {
  test('opens from disk with its strict policy intact and nothing blocked', async ({ page }) => {
    const watched = watchPage(page);
    await page.goto(singleFile);
    await expect(page.getByRole('heading', { level: 1, name: 'Handshake Lab' })).toBeVisible();
    const policy = await page
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute('content');
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
    expect(watched.problems).toEqual([]);
  });
});
