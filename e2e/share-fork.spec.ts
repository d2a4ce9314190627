// A link shares everything the user did: a segment dropped by hand and relative numbers open in a
// fresh page as the same diagram at the same moment; Back restores the previous run with one
// simulator run (counted by the lab's performance marks) and one undo entry.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { diagram } from './support';

const RUN_MARK = 'handshake-lab:simulator-run';
const search = (page: Page) => new URL(page.url()).search;
const runs = (page: Page) =>
  page.evaluate((name) => performance.getEntriesByName(name).length, RUN_MARK);

/** What the diagram shows: every arrow's name and every label's text. */
async function drawn(figure: Locator) {
  const arrows = await figure
    .getByRole('button')
    .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? b.textContent));
  return { arrows, text: await figure.locator('svg').first().textContent() };
}

test('a forked run with relative numbers, shared by link, opens as the same diagram', async ({
  page,
  context,
}) => {
  // A fresh page and a forked run on a loaded machine: more than the default time for both.
  test.slow();
  await page.goto('./?scenario=handshake&t=35');
  await diagram(page).getByRole('button', { name: 'SYN seq=700 client to server' }).click();
  await expect(diagram(page).getByText('lost', { exact: true })).toBeVisible();
  await page.getByLabel('Numbers').selectOption('relative');
  await page.getByRole('button', { name: 'Share or embed' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share or embed' });
  await expect(dialog.getByText('Segment 1 dropped by hand at 35 ms')).toBeVisible();
  const link = await dialog.getByLabel('Link to this view').inputValue();
  expect(link).toContain('fork=35-drop-1');
  expect(link).toContain('numbers=relative');
  const shown = await drawn(diagram(page));

  const fresh = await context.newPage();
  await fresh.goto(link);
  await expect(fresh.getByLabel('Numbers')).toHaveValue('relative', { timeout: 20_000 });
  await expect(fresh.getByRole('slider', { name: 'Time' })).toHaveValue('35');
  await expect(diagram(fresh).getByText('lost', { exact: true })).toBeVisible();
  expect(await drawn(diagram(fresh))).toEqual(shown);
  expect(await runs(fresh)).toBe(1);
});

test('Back after a setting change restores the run with one simulator run and one undo entry', async ({
  page,
}) => {
  await page.goto('./?scenario=handshake&delay=120');
  const loss = page.getByLabel('Loss (%)');
  await loss.fill('20');
  await loss.press('Enter');
  await expect.poll(() => search(page)).toBe('?scenario=handshake&delay=120&loss=20');
  const before = await runs(page);
  await page.goBack();
  await expect(loss).toHaveValue('0');
  await expect(page.getByLabel('Delay (ms)')).toHaveValue('120');
  expect(await runs(page)).toBe(before + 1);
  // One undo entry: a single Undo returns to the run Back left, not to a step in between.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(loss).toHaveValue('20');
  await expect(page.getByLabel('Delay (ms)')).toHaveValue('120');
});
