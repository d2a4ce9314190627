// The handshake over IPv6 as a learner meets it: bracketed addresses on the lane heads, the
// inspector's IPv6 header with the reason for each field, MSS 1440 and why, and nothing that
// overflows or overlaps on a projector, a phone or an embed 320 px wide.
import { expect, test, type Page } from '@playwright/test';
import { VIEWPORTS, expectNoAxeViolations, saveScreenshot, watchPage } from './support';

const diagram = (page: Page) => page.getByRole('figure', { name: 'Sequence diagram' });
const inspector = (page: Page) => page.getByRole('region', { name: 'Segment inspector' });

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (a: Box, outer: Box) =>
  a.x >= outer.x - 0.5 &&
  a.y >= outer.y - 0.5 &&
  a.x + a.width <= outer.x + outer.width + 0.5 &&
  a.y + a.height <= outer.y + outer.height + 0.5;

async function boxOf(page: Page, text: string): Promise<Box> {
  const box = await diagram(page).getByText(text, { exact: true }).boundingBox();
  if (!box) throw new Error(`${text} is not drawn`);
  return box;
}

/** Both lane heads' addresses are drawn inside the diagram, apart, and the page is no wider. */
async function expectHeadsFit(page: Page) {
  const figure = await diagram(page).boundingBox();
  if (!figure) throw new Error('no diagram');
  const client = await boxOf(page, '[2001:db8::1]');
  const server = await boxOf(page, '[2001:db8::2]');
  expect(inside(client, figure), 'client address inside the diagram').toBe(true);
  expect(inside(server, figure), 'server address inside the diagram').toBe(true);
  expect(overlaps(client, server), 'the two addresses apart').toBe(false);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

async function selectSyn(page: Page) {
  await page.getByRole('button', { name: 'End', exact: true }).click();
  await diagram(page).getByRole('button', { name: 'SYN seq=700 client to server' }).click();
  await expect(inspector(page).getByText('#1 SYN seq=700')).toBeVisible();
}

for (const [name, size] of [
  ['projector', VIEWPORTS.projector],
  ['phone', VIEWPORTS.phone],
] as const) {
  test(`at ${name} size the inspector explains the IPv6 header and the MSS of 1440`, async ({
    page,
  }) => {
    // The axe scan and the inspector's long table take their time on a busy machine.
    test.slow();
    await page.setViewportSize(size);
    const watched = watchPage(page);
    await page.goto('./?scenario=handshake-ipv6');
    await expect(diagram(page)).toBeVisible();
    await expect(diagram(page).getByText('[2001:db8::1]', { exact: true })).toBeVisible();
    await selectSyn(page);
    const fields = inspector(page).getByRole('table', { name: 'Header fields of segment #1' });
    const rowOf = (field: string) =>
      fields.getByRole('row', { name: new RegExp(`^${field}`) }).first();
    await expect(rowOf('Version')).toContainText('IPv6 (RFC 8200 §3)');
    await expect(rowOf('Traffic class')).toContainText('0x00');
    await expect(rowOf('Flow label')).toContainText('RFC 6437');
    await expect(rowOf('Payload length')).toContainText('40');
    await expect(rowOf('Next header')).toContainText('no extension headers');
    await expect(rowOf('Hop limit')).toContainText('64');
    await expect(rowOf('Source address')).toContainText('2001:db8::1');
    await expect(rowOf('Maximum segment size')).toContainText(
      '1440: the most payload the client accepts per segment: a 1500-byte Ethernet MTU − 40 bytes of IPv6 header',
    );
    await expect(rowOf('Checksum')).toContainText('IPv6 pseudo-header');
    // The inspector's table is no wider than the inspector.
    const table = await fields.boundingBox();
    const region = await inspector(page).boundingBox();
    if (!table || !region) throw new Error('no inspector');
    expect(table.x + table.width).toBeLessThanOrEqual(region.x + region.width + 0.5);
    await expectHeadsFit(page);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, `ipv6-${name}`);
    expect(watched.problems).toEqual([]);
  });
}

test('embedded 320 px wide, the IPv6 lane heads fit, the port under the address', async ({
  page,
}) => {
  await page.setViewportSize({ width: 320, height: 640 });
  const watched = watchPage(page);
  await page.goto('./embed.html?scenario=handshake-ipv6&narration=1');
  await expect(diagram(page)).toBeVisible();
  await expect(diagram(page).getByText(':49152', { exact: true })).toBeVisible();
  await expectHeadsFit(page);
  await saveScreenshot(page, 'ipv6-embed-320');
  expect(watched.problems).toEqual([]);
});
