import { expect, test } from '@playwright/test';
import { VIEWPORTS, expectNoAxeViolations, saveScreenshot, watchPage } from './support';

test.describe('the built app', () => {
  test('loads with no console error or warning, no request leaving its origin, and no axe violation', async ({
    page,
  }) => {
    const watched = watchPage(page);
    await page.goto('./');
    await expect(page.getByRole('heading', { level: 1, name: 'Handshake Lab' })).toBeVisible();
    await expect(page.getByRole('figure', { name: 'Sequence diagram' })).toBeVisible();
    await expect(page.getByRole('status', { name: 'Client state' })).toHaveText('CLOSED');
    await expect(page.getByRole('table', { name: 'Event log' })).toBeVisible();
    await page.waitForLoadState('networkidle');
    await expectNoAxeViolations(page);
    expect(watched.problems).toEqual([]);
    expect(watched.foreignRequests).toEqual([]);
  });

  for (const [name, size] of [
    ['projector', VIEWPORTS.projector],
    ['phone', VIEWPORTS.phone],
  ] as const) {
    test(`renders at ${name} size (${size.width}×${size.height})`, async ({ page }) => {
      await page.setViewportSize(size);
      await page.goto('./');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await saveScreenshot(page, `app-${name}`);
    });
  }

  test('a part whose code cannot be fetched says so, and the lab keeps working', async ({
    page,
  }) => {
    // The event log and the inspector arrive after the first view; here the network refuses them
    // (a dropped connection, or a site updated under an open page).
    await page.route(/\/assets\/Connected(EventLog|Inspector)-[^/]*\.js$/, (route) =>
      route.abort(),
    );
    await page.goto('./?scenario=handshake');
    await expect(
      page.getByText('Could not load the event log: check the connection and reload the page.'),
    ).toBeVisible({ timeout: 15_000 });
    await expect(
      page.getByText(
        'Could not load the segment inspector: check the connection and reload the page.',
      ),
    ).toBeVisible();
    // The diagram, the controls and the clicker's keys still work.
    await expect(page.getByRole('figure', { name: 'Sequence diagram' })).toBeVisible();
    const server = page.getByRole('status', { name: 'Server state' });
    await expect(server).toHaveText('CLOSED');
    // The server's listen() is the run's second event.
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    await expect(server).toHaveText('LISTEN');
  });
});
