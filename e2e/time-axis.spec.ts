// The time axis that tells the story: quiet stretches compressed into marked breaks, speeds from
// 1/100× to 100×. (End showing every segment of every preset: label-geometry.spec.ts.)
import { expect, test, type Page } from '@playwright/test';
import { clientState, diagram, expectNoAxeViolations, openLab, VIEWPORTS } from './support';

/** The lab at `query`, as the projector shows it. */
const open = (page: Page, query: string) => openLab(page, query, VIEWPORTS.projector);

test('a minute of TIME-WAIT is a marked break, and a bracket with its length', async ({ page }) => {
  test.setTimeout(60_000);
  const watched = await open(page, '?scenario=active-close');
  await expect(page.getByLabel('Time axis')).toHaveValue('compressed');
  await page.getByRole('button', { name: 'End', exact: true }).click();
  await expect(clientState(page)).toHaveText('CLOSED');
  // The client's ACK of the server's FIN arrives at 660 ms; TIME-WAIT ends at 60.61 s.
  await expect(diagram(page).getByText('⋯ 59.95 s ⋯')).toBeVisible();
  await expect(diagram(page).getByText('TIME-WAIT 60 s')).toBeVisible();
  await expectNoAxeViolations(page);
  // True scale: no break, the exchange a sliver at the top of a minute.
  await page.getByLabel('Time axis').selectOption('true');
  await expect(diagram(page).getByText(/^⋯ .* ⋯$/)).toHaveCount(0);
  await page.getByLabel('Time axis').selectOption('compressed');
  await expect(diagram(page).getByText('⋯ 59.95 s ⋯')).toBeVisible();
  expect(watched.problems).toEqual([]);
});

test('a SYN backoff is a row of breaks: five timeouts of 1 s (Linux 6.x linear timeouts), then each twice the one before', async ({
  page,
}) => {
  await open(page, '?scenario=syn-timeout');
  await page.keyboard.press('End');
  await expect(diagram(page).getByText('RTO 1 s', { exact: true })).toHaveCount(5);
  for (const length of ['2 s', '4 s', '8 s', '16 s', '32 s', '64 s']) {
    await expect(diagram(page).getByText(`RTO ${length}`, { exact: true })).toBeVisible();
  }
  await expect(diagram(page).getByText(/^⋯ .* ⋯$/)).toHaveCount(11);
});

test('a break shows once the run has reached it, so the axis does not tell the class what comes next', async ({
  page,
}) => {
  await open(page, '?scenario=syn-timeout');
  const breaks = diagram(page).getByText(/^⋯ .* ⋯$/);
  // Before the SYN leaves, nothing says whether it will be answered.
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await expect(breaks).toHaveCount(0);
  await expect(diagram(page).getByText('1.975 s', { exact: true })).toHaveCount(0);
  // Step by step, each quiet appears when it begins: never more breaks than the SYNs sent.
  const syns = diagram(page).getByRole('button', { name: /^SYN seq=\S+ client to server$/ });
  for (let step = 0; step < 6; step++) {
    await page.keyboard.press('PageDown');
    const sent = await syns.count();
    expect(await breaks.count()).toBeLessThanOrEqual(sent);
  }
  await page.keyboard.press('End');
  await expect(breaks).toHaveCount(11);
});

test('zoom out stops at the whole run', async ({ page }) => {
  await open(page, '?scenario=active-close');
  await page.keyboard.press('End');
  const syn = diagram(page).getByRole('button', { name: /^SYN seq=700 client to server$/ });
  const before = await syn.boundingBox();
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await page.getByRole('button', { name: 'Zoom out' }).click();
  expect(await syn.boundingBox()).toEqual(before);
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect
    .poll(async () => (await syn.boundingBox())?.height)
    .toBeGreaterThan(before?.height ?? 0);
});

test('speeds run from 1/100× to 100× real time', async ({ page }) => {
  await open(page, '?scenario=handshake');
  const speed = page.getByRole('slider', { name: 'Speed' });
  await speed.focus();
  await page.keyboard.press('Home');
  await expect(speed).toHaveAttribute('aria-valuetext', '1/100× real time');
  await page.keyboard.press('End');
  await expect(speed).toHaveAttribute('aria-valuetext', '100× real time');
});

test('a compressed stretch plays in about a second, even in slow motion', async ({ page }) => {
  // Just after the last segment of active-close: TIME-WAIT's minute lies ahead.
  await open(page, '?scenario=active-close&t=700');
  await expect(clientState(page)).toHaveText('TIME-WAIT');
  await expect(page.getByRole('slider', { name: 'Speed' })).toHaveAttribute(
    'aria-valuetext',
    '1/40× real time',
  );
  await page.getByRole('button', { name: 'Play' }).click();
  // At 1/40× the minute would take 40 minutes of true scale; the break takes about a second.
  await expect(clientState(page)).toHaveText('CLOSED', { timeout: 8_000 });
});
