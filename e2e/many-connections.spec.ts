// A server with several connections at once: in syn-flood the client's SYN that meets the full
// SYN queue is drawn as dropped with its reason while the server's SYN queue gauge shows full,
// and the flood's spoofed segments have a colour of their own, apart from both named ends, in
// light and dark themes; in syn-cookies the inspector decodes the cookie.
import { expect, test, type Page } from '@playwright/test';
import { diagram, expectNoAxeViolations, saveScreenshot, VIEWPORTS, watchPage } from './support';

const segment = (page: Page, id: number) => diagram(page).locator(`[data-segment="${id}"]`).first();

/** The stroke colour an arrow is drawn in. */
async function strokeOf(page: Page, id: number): Promise<string> {
  const line = segment(page, id).locator('line').last();
  await expect(line).toBeAttached();
  return line.evaluate((el) => getComputedStyle(el).stroke);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`syn-flood (${scheme}): the refused SYN says why, the attacker has its own colour`, async ({
    page,
  }) => {
    const watched = watchPage(page);
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize(VIEWPORTS.projector);
    // 0.4 s: the flood has filled the SYN queue and the client's first SYN (#13) has met it.
    await page.goto('./?scenario=syn-flood&t=400');
    await expect(diagram(page)).toBeVisible({ timeout: 20_000 });
    await expect(diagram(page).locator('[data-loss-for="13"]')).toHaveText(
      'dropped: SYN queue full',
      {
        timeout: 20_000,
      },
    );
    // The server's SYN queue gauge shows why: all four places of its backlog taken by the flood.
    const synQueue = diagram(page).getByRole('meter', { name: 'SYN queue' });
    await expect(synQueue).toHaveAttribute('aria-valuetext', /^4 of 4, full: 198\.51\.100\.1:1024/);
    const attacker = await strokeOf(page, 1);
    const client = await strokeOf(page, 13);
    const server = await strokeOf(page, 6);
    expect(new Set([attacker, client, server]).size).toBe(3);
    await expectNoAxeViolations(page);
    expect(watched.problems).toEqual([]);
    await saveScreenshot(page, `syn-flood-${scheme}`);
  });
}

test('syn-cookies: the inspector decodes the SYN cookie the server answers the client with', async ({
  page,
}) => {
  const watched = watchPage(page);
  await page.setViewportSize(VIEWPORTS.projector);
  // 0.3 s: the cookie SYN-ACK (#18) has reached the client.
  await page.goto('./?scenario=syn-cookies&t=300');
  await expect(diagram(page)).toBeVisible({ timeout: 20_000 });
  // By keyboard: at this scale the client's ACK lies over the SYN-ACK's arrow.
  await diagram(page)
    .getByRole('button', { name: 'SYN-ACK seq=66585555 ack=701 server to client' })
    .press('Enter');
  const inspector = page.getByRole('region', { name: 'Segment inspector' });
  const seq = inspector
    .getByRole('table', { name: 'Header fields of segment #18' })
    .getByRole('row', { name: /^Sequence number/ });
  await expect(seq).toContainText('a SYN cookie');
  await expect(seq).toContainText('keeps no state');
  await expect(seq).toContainText('the MSS 1460');
  expect(watched.problems).toEqual([]);
});

for (const [size, viewport] of [
  ['projector', VIEWPORTS.projector],
  ['phone', VIEWPORTS.phone],
] as const) {
  for (const scenario of ['syn-flood', 'syn-cookies', 'accept-overflow', 'slow-accept'] as const) {
    test(`${scenario} renders at ${size} size with no axe violation`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.goto(`./?scenario=${scenario}&t=1500`);
      await expect(diagram(page)).toBeVisible({ timeout: 20_000 });
      await expect(segment(page, 1)).toBeAttached({ timeout: 20_000 });
      await expectNoAxeViolations(page);
      await saveScreenshot(page, `${scenario}-${size}`);
    });
  }
}
