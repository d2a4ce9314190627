// The scenario's whole description, unfolded at a projector's size: it opens over the page
// instead of pushing it down, so the diagram keeps its height and nothing else moves; Escape or
// Show less folds it again.
import { expect, test } from '@playwright/test';
import { diagram, openLab, VIEWPORTS } from './support';

test('at 1280×720 the whole description opens over the page; the diagram keeps its height', async ({
  page,
}) => {
  const watched = await openLab(page, '?scenario=handshake', VIEWPORTS.projector);
  const before = await diagram(page).boundingBox();
  const settings = page.getByRole('region', { name: 'Run and display settings' });
  const settingsBefore = await settings.boundingBox();

  const more = page.getByRole('button', { name: 'Read the whole description' });
  await more.click();
  const less = page.getByRole('button', { name: 'Show less' });
  await expect(less).toHaveAttribute('aria-expanded', 'true');
  const text = page.getByText(/^The client sends a SYN carrying its initial sequence number/);
  // Whole: not cut by the two-line fold, and inside the screen.
  expect(await text.evaluate((p) => p.scrollHeight - p.clientHeight)).toBeLessThanOrEqual(1);
  await expect(text).toContainText('this is the only moment they can be negotiated.');
  const box = await text.boundingBox();
  expect(box && box.y >= 0 && box.y + box.height <= VIEWPORTS.projector.height).toBe(true);
  // Nothing under it moved or shrank.
  expect(await diagram(page).boundingBox()).toEqual(before);
  expect(await settings.boundingBox()).toEqual(settingsBefore);
  await page.screenshot({ path: 'test-output/screenshots/scenario-description-open-1280.png' });

  await page.keyboard.press('Escape');
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  await expect(more).toBeFocused();
  expect(await diagram(page).boundingBox()).toEqual(before);
  // Show less folds it, and so does a press anywhere else.
  await more.click();
  await page.getByRole('button', { name: 'Show less' }).click();
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  await more.click();
  await expect(less).toBeVisible();
  await page.getByRole('heading', { level: 1 }).click();
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  expect(watched.problems).toEqual([]);
});

test('on a phone the whole description unfolds in place, above the diagram', async ({ page }) => {
  await openLab(page, '?scenario=handshake', VIEWPORTS.phone);
  await page.getByRole('button', { name: 'Read the whole description' }).click();
  const text = page.getByText(/^The client sends a SYN carrying its initial sequence number/);
  const box = await text.boundingBox();
  const figure = await diagram(page).boundingBox();
  expect(box && figure && box.y + box.height <= figure.y).toBe(true);
  expect(box && box.x >= 0 && box.x + box.width <= VIEWPORTS.phone.width).toBe(true);
});
