// On a phone the event log's details wrap whole under each row instead of being cut.
import { expect, test } from '@playwright/test';
import { VIEWPORTS } from './support';

test('the event log wraps its details on a phone, nothing cut or scrolled sideways', async ({
  page,
}) => {
  await page.setViewportSize(VIEWPORTS.phone);
  await page.goto('./?scenario=options-negotiation&t=200');
  const log = page.getByRole('table', { name: 'Event log' });
  // The longest details of the run: the request handed to the server's application.
  const delivered = log.getByRole('cell', { name: /bytes to the application/ }).first();
  await delivered.scrollIntoViewIfNeeded();
  await expect(delivered).toBeVisible();
  const fit = await delivered.evaluate((cell) => {
    const row = cell.closest('tr') as HTMLElement;
    const region = cell.closest('[role="region"]') as HTMLElement;
    const c = cell.getBoundingClientRect();
    const r = row.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(cell);
    const text = range.getBoundingClientRect();
    return {
      wraps:
        range.getClientRects().length > 1 ||
        text.height > 1.5 * parseFloat(getComputedStyle(cell).lineHeight),
      cutSideways: cell.scrollWidth > cell.clientWidth + 1 || text.right > c.right + 1,
      inRow: text.bottom <= r.bottom + 1,
      regionScrollsSideways: region.scrollWidth > region.clientWidth + 1,
    };
  });
  expect(fit).toEqual({
    wraps: true,
    cutSideways: false,
    inRow: true,
    regionScrollsSideways: false,
  });
});
