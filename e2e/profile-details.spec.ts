// Profile details: every number an endpoint runs with, the sysctl that set it, and a linux
// endpoint's sysctls to change; the run follows them and the link keeps them.
import { expect, test, type Page } from '@playwright/test';
import { diagram, expectNoAxeViolations, openLab, saveScreenshot, VIEWPORTS } from './support';

/** The client's SYNs drawn in the diagram (the first and its retransmissions). */
const clientSyns = (page: Page) =>
  diagram(page).getByRole('button', { name: /^SYN seq=700\b.*client to server$/ });

test('changing tcp_syn_retries in the profile details re-runs the lost SYNs with as many retransmissions; the link keeps it', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const watched = await openLab(page, '?scenario=syn-timeout', VIEWPORTS.projector);
  await page.getByRole('button', { name: 'End', exact: true }).click();
  // Linux 6.x: tcp_syn_retries 6 + tcp_syn_linear_timeouts 4 retransmissions.
  await expect(clientSyns(page)).toHaveCount(11, { timeout: 30_000 });

  await page.getByRole('button', { name: 'Profile details' }).click();
  const dialog = page.getByRole('dialog', { name: 'Profile details' });
  const numbers = dialog.getByRole('table', { name: 'Numbers client runs with' });
  await expect(numbers.getByRole('row', { name: /^synRetries\b/ })).toContainText(
    'tcp_syn_retries, tcp_syn_linear_timeouts',
  );
  const form = dialog.getByRole('form', { name: 'Sysctls of client' });
  await form.getByLabel('tcp_syn_retries').fill('2');
  await form.getByLabel('tcp_syn_linear_timeouts').fill('0');
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'profile-details-projector');
  await form.getByRole('button', { name: 'Re-run with these sysctls' }).click();
  await expect(
    numbers
      .getByRole('row', { name: /^synRetries\b/ })
      .getByRole('cell')
      .first(),
  ).toHaveText('2', { timeout: 30_000 });
  await expect
    .poll(() => new URL(page.url()).searchParams.get('sysctls'))
    .toBe('client.tcp_syn_retries:2,client.tcp_syn_linear_timeouts:0');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'End', exact: true }).click();
  await expect(clientSyns(page)).toHaveCount(3, { timeout: 30_000 });

  // The link alone reproduces the run.
  await page.reload();
  await page.getByRole('button', { name: 'End', exact: true }).click();
  await expect(clientSyns(page)).toHaveCount(3, { timeout: 30_000 });
  expect(watched.problems).toEqual([]);
});

test('a bad value in the form is named, and nothing re-runs', async ({ page }) => {
  await openLab(page, '?scenario=lost-syn', VIEWPORTS.phone);
  await page.getByRole('button', { name: 'Profile details' }).click();
  const form = page.getByRole('form', { name: 'Sysctls of client' });
  await form.getByLabel('tcp_syn_retries').fill('0');
  await form.getByRole('button', { name: 'Re-run with these sysctls' }).click();
  await expect(form.getByRole('alert')).toHaveText(
    'tcp_syn_retries: must be a whole number from 1 to 127',
  );
  await expect(form.getByLabel('tcp_syn_retries')).toHaveAttribute('aria-invalid', 'true');
  expect(new URL(page.url()).searchParams.get('sysctls')).toBeNull();
  await saveScreenshot(page, 'profile-details-phone-problem');
});

test('a bad sysctl in a link gets one note and the lab runs the scenario as it is', async ({
  page,
}) => {
  await openLab(
    page,
    '?scenario=syn-timeout&sysctls=client.tcp_syn_retries:0',
    VIEWPORTS.projector,
  );
  const notes = page.getByRole('list', { name: 'Ignored link parameters' }).getByRole('listitem');
  await expect(notes).toHaveText([
    'Ignored sysctls=client.tcp_syn_retries:0: client.tcp_syn_retries: must be a whole number from 1 to 127.',
  ]);
  await page.getByRole('button', { name: 'End', exact: true }).click();
  await expect(clientSyns(page)).toHaveCount(11, { timeout: 30_000 });
});

test('a FreeBSD endpoint shows its table read-only', async ({ page }) => {
  await openLab(page, '?scenario=handshake&profile=freebsd', VIEWPORTS.projector);
  await page.getByRole('button', { name: 'Profile details' }).click();
  const dialog = page.getByRole('dialog', { name: 'Profile details' });
  await expect(dialog.getByRole('table', { name: 'Numbers client runs with' })).toBeVisible();
  await expect(dialog.getByRole('form')).toHaveCount(0);
  await expect(dialog).toContainText('The FreeBSD profile is a fixed table');
  await expect(
    dialog
      .getByRole('row', { name: /^synBackoff\b/ })
      .getByRole('cell')
      .first(),
  ).toHaveText('1, 2.2, 4.4, 8.8, 17.6, 35.2, 64');
  await expectNoAxeViolations(page);
});

test('the details fit a phone: the table scrolls no column sideways, and the sysctls grid has no hole', async ({
  page,
}) => {
  await openLab(page, '?scenario=handshake&profile=linux', VIEWPORTS.phone);
  await page.getByRole('button', { name: 'Profile details' }).click();
  const dialog = page.getByRole('dialog', { name: 'Profile details' });
  const table = dialog.getByRole('table', { name: 'Numbers client runs with' });
  const setBy = table.getByRole('columnheader', { name: 'Set by' });
  await expect(setBy).toBeVisible();
  const wrap = await table.evaluate((t) => {
    const scroller = t.parentElement!;
    return { scroll: scroller.scrollWidth, client: scroller.clientWidth };
  });
  expect(wrap.scroll, 'the table is no wider than its box').toBeLessThanOrEqual(wrap.client);
  const dialogBox = (await dialog.boundingBox())!;
  const setByBox = (await setBy.boundingBox())!;
  expect(setByBox.x + setByBox.width).toBeLessThanOrEqual(dialogBox.x + dialogBox.width);
  await saveScreenshot(page, 'profile-details-phone');

  // At projector size the grid has several columns: the two-column tcp_rmem leaves no empty cell
  // beside it, and every row stands the same distance below the one before.
  await page.setViewportSize(VIEWPORTS.projector);
  const form = dialog.getByRole('form', { name: 'Sysctls of client' });
  const tops = await Promise.all(
    ['tcp_rmem', 'rmem_max', 'tcp_wmem', 'tcp_window_scaling'].map(
      async (name) => (await form.getByLabel(name).boundingBox())!.y,
    ),
  );
  expect(tops[1], 'rmem_max sits beside tcp_rmem').toBeCloseTo(tops[0]!, 0);
  expect(tops[3], 'tcp_window_scaling sits beside tcp_wmem').toBeCloseTo(tops[2]!, 0);
  const rows = await form.evaluate((f) =>
    [...new Set([...f.querySelectorAll('input')].map((i) => i.getBoundingClientRect().y))].sort(
      (a, b) => a - b,
    ),
  );
  const steps = rows.slice(1).map((y, i) => y - rows[i]!);
  for (const step of steps) expect(step).toBeCloseTo(steps[0]!, 0);
});
