// On a phone the inspector is below the diagram: tapping a segment brings it into view.
import { expect, test } from '@playwright/test';
import { VIEWPORTS } from './support';

test.use({ hasTouch: true });

test('tapping a segment on a phone scrolls its inspector into view', async ({ page }) => {
  await page.setViewportSize(VIEWPORTS.phone);
  await page.goto('./?scenario=handshake&t=200');
  const heading = page.getByRole('heading', { name: 'Segment inspector' });
  await expect(heading).not.toBeInViewport();
  await page
    .getByRole('figure', { name: 'Sequence diagram' })
    .getByRole('button', { name: 'SYN seq=700 client to server' })
    .tap();
  await expect(heading).toBeInViewport();
  await expect(page.getByRole('table', { name: /Header fields of segment #1/ })).toBeVisible();
});
