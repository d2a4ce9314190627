// The middleboxes of the world, as a learner meets them. The load balancer has its own lane
// between its clients and its backends; the segments it forwards are named with the address it
// rewrote; the narration says which backend each new connection gets and why, and when a
// server is marked down. The firewall keeps a log of what it stopped, with the rule and why.
import { expect, test, type Page } from '@playwright/test';
import { VIEWPORTS, expectNoAxeViolations, saveScreenshot, watchPage } from './support';

const diagram = (page: Page) => page.getByRole('figure', { name: 'Sequence diagram' });
const narration = (page: Page) => page.getByRole('region', { name: 'What is happening' });

/** The horizontal centre of the lifeline head that names `name`. */
async function headX(page: Page, name: string): Promise<number> {
  const head = diagram(page).getByText(name, { exact: true }).first();
  const box = await head.boundingBox();
  if (!box) throw new Error(`no head for ${name}`);
  return box.x + box.width / 2;
}

test('load-balancer: its lane stands between clients and servers, its NAT is named', async ({
  page,
}) => {
  const watched = watchPage(page);
  await page.setViewportSize(VIEWPORTS.projector);
  // 60 ms: the client's SYN has reached the balancer, which sends it on to the server.
  await page.goto('./?scenario=load-balancer&t=60');
  await expect(diagram(page)).toBeVisible({ timeout: 20_000 });
  const forwarded = diagram(page).getByRole('button', {
    name: 'SYN seq=1000 balancer to server, destination 10.0.0.100:80 rewritten to 10.0.1.11:80',
  });
  await expect(forwarded).toBeVisible({ timeout: 20_000 });
  await expect(
    diagram(page).getByRole('button', { name: 'SYN seq=1000 client to balancer' }),
  ).toBeVisible();
  const client3 = await headX(page, 'client-3');
  const balancer = await headX(page, 'balancer');
  const server = await headX(page, 'server');
  expect(client3).toBeLessThan(balancer);
  expect(balancer).toBeLessThan(server);
  await expect(narration(page)).toContainText(
    'sends it to server: round robin: server is next in turn',
  );
  await expect(narration(page)).toContainText('destination NAT rewrites 10.0.0.100:80');
  await expectNoAxeViolations(page);
  expect(watched.problems).toEqual([]);
  await saveScreenshot(page, 'load-balancer-projector');
});

test('load-balancer: the dead server is marked down, and the retried SYN lands on server-2', async ({
  page,
}) => {
  await page.setViewportSize(VIEWPORTS.projector);
  // 1.85 s: two health checks have failed, and client-3's retried SYN has been scheduled anew.
  await page.goto('./?scenario=load-balancer&t=1850');
  await expect(diagram(page)).toBeVisible({ timeout: 20_000 });
  await expect(
    diagram(page).getByRole('button', {
      name: 'SYN seq=3000 balancer to server-2, destination 10.0.0.100:80 rewritten to 10.0.1.12:80',
    }),
  ).toBeVisible({ timeout: 20_000 });
  const log = page.getByRole('table', { name: 'Event log' });
  await expect(log).toContainText('server down', { timeout: 20_000 });
  await expect(log).toContainText('10.0.0.3:49154 → server-2');
});

test('load-balancer renders on a phone with no axe violation', async ({ page }) => {
  await page.setViewportSize(VIEWPORTS.phone);
  await page.goto('./?scenario=load-balancer&t=2000');
  await expect(diagram(page)).toBeVisible({ timeout: 20_000 });
  await expect(diagram(page).locator('[data-segment="1"]').first()).toBeAttached({
    timeout: 20_000,
  });
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'load-balancer-phone');
});

test('filtered-port: the firewall log lists each dropped SYN with its rule', async ({ page }) => {
  const watched = watchPage(page);
  await page.setViewportSize(VIEWPORTS.projector);
  // 70 s: all eleven SYNs (the first and ten retries, Linux 6.x) have met the firewall.
  await page.goto('./?scenario=filtered-port&t=70000');
  const log = page.getByRole('table', { name: 'Firewall log' });
  await expect(log).toBeVisible({ timeout: 20_000 });
  const rows = log.getByRole('row');
  // A header row and one row per SYN.
  await expect(rows).toHaveCount(12, { timeout: 20_000 });
  for (let i = 1; i < 12; i++) {
    const row = rows.nth(i);
    await expect(row).toContainText('SYN');
    await expect(row).toContainText('10.0.0.1:49152 → 10.0.0.2:80');
    await expect(row).toContainText('dropped');
    await expect(row).toContainText('rule 1: drop every segment c2s to port 80');
  }
  await expect(rows.nth(1)).toContainText('35 ms');
  // Its segment button selects the SYN, as the event log's do.
  await rows
    .nth(1)
    .getByRole('button', { name: /#1 SYN/ })
    .click();
  await expect(page.getByRole('table', { name: 'Header fields of segment #1' })).toBeVisible();
  await expectNoAxeViolations(page);
  expect(watched.problems).toEqual([]);
  await saveScreenshot(page, 'filtered-port-firewall-log');
});

test('a run without a firewall shows no firewall log', async ({ page }) => {
  await page.setViewportSize(VIEWPORTS.projector);
  await page.goto('./?scenario=handshake&t=200');
  await expect(page.getByRole('table', { name: 'Event log' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('heading', { name: 'Firewall log' })).toHaveCount(0);
});

test('load-balancer on a phone: distinct short heads, and a folded legend that grows with the run', async ({
  page,
}) => {
  await page.setViewportSize(VIEWPORTS.phone);
  await page.goto('./?scenario=load-balancer&t=60');
  await expect(diagram(page)).toBeVisible({ timeout: 20_000 });
  // Six lanes on a phone: each head a short distinct name, its whole name for a screen reader.
  for (const [short, whole] of [
    ['c1', 'client 10.0.0.1:49152'],
    ['c2', 'client-2 10.0.0.2:49153'],
    ['b', 'balancer'],
    ['s1', 'server 10.0.1.11:80'],
    ['s2', 'server-2 10.0.1.12:80'],
  ]) {
    const head = diagram(page).locator(`[title^="${whole}"]`);
    await expect(head).toHaveText(new RegExp(`^${short}`), { timeout: 20_000 });
  }
  // The short heads are one tab stop, not six: focused, a key under them gives every whole
  // name, which is also their description for a screen reader.
  await expect(diagram(page).locator('[title][tabindex]')).toHaveCount(0);
  const heads = diagram(page).getByRole('group', { name: 'Lifelines' });
  await heads.focus();
  await expect(heads).toHaveAccessibleDescription(
    /^c1 client 10\.0\.0\.1:49152 .*s2 server-2 10\.0\.1\.12:80$/,
  );
  await expect(diagram(page).getByText('b balancer 10.0.0.100:80')).toBeVisible();
  await heads.blur();
  await expect(diagram(page).getByText('b balancer 10.0.0.100:80')).toBeHidden();
  // The backends' legends fold into one closed disclosure: one line, not five.
  const connections = diagram(page)
    .getByRole('group')
    .filter({ has: page.locator('summary') });
  const disclosure = diagram(page).locator('summary', { hasText: 'Connections' });
  await expect(disclosure).toBeVisible();
  const legend = diagram(page).getByLabel("server-2's connections");
  await expect(legend).toBeHidden();
  await disclosure.click();
  await expect(connections).toHaveAttribute('open', '');
  // At 60 ms no client has reached server-2 yet: its legend does not name one.
  await expect(legend).toBeVisible();
  await expect(legend.getByText('client-2')).toBeHidden();
  await page.goto('./?scenario=load-balancer&t=2800');
  // Closed again on a fresh page, it keeps the connection the run is busy with in view:
  // client-3's, on server-2, by keyboard the same.
  await expect(disclosure).toHaveText(/^Connections server-2: 5 client-3$/, { timeout: 20_000 });
  await disclosure.focus();
  await page.keyboard.press('Enter');
  await expect(legend.getByText('client-2')).toBeVisible({ timeout: 20_000 });
  // The balancer's probes are health checks, not a client.
  await expect(legend.getByText('health checks')).toBeVisible();
  await expect(legend).not.toContainText('balancer');
});
