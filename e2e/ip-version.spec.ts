// The IP version setting as a learner meets it: an IPv4 preset switched to IPv6 shows its hosts
// at IPv6 addresses of 2001:db8::/32, its SYN announces MSS 1440, the link reopens in IPv6, long
// addresses fit the lane heads on a projector and a phone, and a preset that has no IPv4 form
// says so instead of failing.
import { expect, test, type Page } from '@playwright/test';
import { VIEWPORTS, diagram, openLab, saveScreenshot } from './support';

const inspector = (page: Page) => page.getByRole('region', { name: 'Segment inspector' });
const ipVersion = (page: Page) => page.getByLabel('IP version');

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** IPv6 addresses as a lane head shows them: "[2001:db8:…]". */
const shownAddresses = (page: Page) => diagram(page).getByText(/^\[2001:db8:/);

/**
 * Each of `count` lane heads (or the addresses they show) is inside the diagram and clear of the
 * others; the page is no wider than the screen.
 */
async function expectAddressesFit(page: Page, count: number, addresses = shownAddresses(page)) {
  await expect(addresses).toHaveCount(count);
  const figure = await diagram(page).boundingBox();
  if (!figure) throw new Error('no diagram');
  const boxes: Box[] = [];
  for (const address of await addresses.all()) {
    const box = await address.boundingBox();
    if (!box) throw new Error('an address is not drawn');
    expect(box.x).toBeGreaterThanOrEqual(figure.x - 0.5);
    expect(box.x + box.width).toBeLessThanOrEqual(figure.x + figure.width + 0.5);
    for (const other of boxes) expect(overlaps(box, other), 'addresses apart').toBe(false);
    boxes.push(box);
  }
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

for (const [name, size] of [
  ['projector', VIEWPORTS.projector],
  ['phone', VIEWPORTS.phone],
] as const) {
  test(`at ${name} size, the handshake switched to IPv6 shows IPv6 hosts, MSS 1440, and its link reopens in IPv6`, async ({
    page,
  }) => {
    test.slow();
    const watched = await openLab(page, '?scenario=handshake', size);
    await expect(diagram(page).getByText('10.0.0.1', { exact: true })).toBeVisible();
    await ipVersion(page).selectOption('ipv6');
    await expect(diagram(page).getByText('[2001:db8:10::1]', { exact: true })).toBeVisible({
      timeout: 15_000,
    });
    await expect(diagram(page).getByText('[2001:db8:10::2]', { exact: true })).toBeVisible();
    await expect(page).toHaveURL(/[?&]ip=ipv6(&|$)/);

    await page.getByRole('button', { name: 'End', exact: true }).click();
    await diagram(page).getByRole('button', { name: 'SYN seq=700 client to server' }).click();
    const fields = inspector(page).getByRole('table', { name: 'Header fields of segment #1' });
    const rowOf = (field: string) =>
      fields.getByRole('row', { name: new RegExp(`^${field}`) }).first();
    await expect(rowOf('Version')).toContainText('IPv6 (RFC 8200 §3)');
    await expect(rowOf('Source address')).toContainText('2001:db8:10::1');
    await expect(rowOf('Destination address')).toContainText('2001:db8:10::2');
    await expect(rowOf('Maximum segment size')).toContainText(
      '1440: the most payload the client accepts per segment: a 1500-byte Ethernet MTU − 40 bytes of IPv6 header',
    );
    const table = await fields.boundingBox();
    const region = await inspector(page).boundingBox();
    if (!table || !region) throw new Error('no inspector');
    expect(table.x + table.width).toBeLessThanOrEqual(region.x + region.width + 0.5);
    await expectAddressesFit(page, 2);
    await saveScreenshot(page, `ip-version-handshake-${name}`);

    // The link on the address bar reopens the same run over IPv6, in a fresh page.
    const link = page.url();
    const reopened = await page.context().newPage();
    await openLab(reopened, link.slice(link.indexOf('?')), size);
    await expect(ipVersion(reopened)).toHaveValue('ipv6');
    await expect(diagram(reopened).getByText('[2001:db8:10::1]', { exact: true })).toBeVisible();
    await reopened.close();
    expect(watched.problems).toEqual([]);
  });
}

test('on a phone, the load balancer over IPv6 keeps its six heads apart, each with its whole address', async ({
  page,
}) => {
  test.slow();
  const watched = await openLab(page, '?scenario=load-balancer&ip=ipv6', VIEWPORTS.phone);
  await expect(ipVersion(page)).toHaveValue('ipv6');
  // The paragraph beside the diagram names the virtual address the diagram shows.
  await expect(page.getByText(/virtual address 2001:db8:10::100 \(NAT mode/)).toBeVisible();
  // Six lanes on a phone have no room for whole addresses: each head is short and distinct
  // ("c1", ":1"), its whole IPv6 address and port in its title and its accessible text.
  await expectAddressesFit(page, 6, diagram(page).locator('[title*=" [2001:db8:"]'));
  await saveScreenshot(page, 'ip-version-load-balancer-phone');
  expect(watched.problems).toEqual([]);
});

test('a preset written for IPv6 says it has no IPv4 form, and a link asking for IPv4 gets a note', async ({
  page,
}) => {
  const watched = await openLab(page, '?scenario=handshake-ipv6&ip=ipv4');
  await expect(
    page.getByText(
      'Ignored ip=ipv4: handshake-ipv6 runs over IPv6 only: its hosts have IPv6 addresses, which have no IPv4 form.',
    ),
  ).toBeVisible();
  await expect(ipVersion(page)).toHaveValue('ipv6');
  await expect(ipVersion(page).getByRole('option', { name: 'IPv4' })).toBeDisabled();
  await expect(ipVersion(page)).toHaveAccessibleDescription(
    'This scenario runs over IPv6 only: its hosts have IPv6 addresses, which have no IPv4 form.',
  );
  await expect(diagram(page).getByText('[2001:db8::1]', { exact: true })).toBeVisible();
  expect(watched.problems).toEqual([]);
});
