// On a phone the inspector is below the diagram: tapping a segment brings it into view.
import { expect, test, type Page } from '@playwright/test';
import { VIEWPORTS } from './support';

test.use({ hasTouch: true });

const tapSyn = (page: Page) =>
  page
    .getByRole('figure', { name: 'Sequence diagram' })
    .getByRole('button', { name: 'SYN seq=700 client to server' })
    .tap();

test('tapping a segment on a phone scrolls its inspector into view', async ({ page }) => {
  await page.setViewportSize(VIEWPORTS.phone);
  await page.goto('./?scenario=handshake&t=200');
  const heading = page.getByRole('heading', { name: 'Segment inspector' });
  await expect(heading).not.toBeInViewport();
  await tapSyn(page);
  await expect(heading).toBeInViewport();
  await expect(page.getByRole('table', { name: /Header fields of segment #1/ })).toBeVisible();
});

test('a segment tapped before the inspector has loaded still brings it into view', async ({
  page,
}) => {
  // The inspector's code arrives after the first view; on a loaded phone the reader's tap can
  // come first. Its file is held back until the tap has selected the segment.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/ConnectedInspector-[^/]*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.setViewportSize(VIEWPORTS.phone);
  await page.goto('./?scenario=handshake&t=200');
  await tapSyn(page);
  await expect(page).toHaveURL(/[?&]segment=1\b/);
  release();
  await expect(page.getByRole('heading', { name: 'Segment inspector' })).toBeInViewport();
  await expect(page.getByRole('table', { name: /Header fields of segment #1/ })).toBeVisible();
});
