// Presentation mode: the diagram, both badges, the current narration and a progress line fill
// the screen in projector-size type; the same type is available without full screen.
import { expect, test, type Page } from '@playwright/test';
import { diagram, expectNoAxeViolations, openLab, saveScreenshot, VIEWPORTS } from './support';

const presentation = (page: Page) => page.getByRole('main', { name: 'Presentation' });

/** The lab at `query`, as the projector shows it. */
const open = (page: Page, query: string) => openLab(page, query, VIEWPORTS.projector);

/** The smallest computed font size, in px, of each kind of text the room must read. */
async function typeSizes(page: Page, narration: string) {
  const svg = diagram(page).getByRole('group', { name: 'Segments over time' });
  const sizes = await svg.evaluate((element) => {
    const px = (e: Element) => parseFloat(getComputedStyle(e).fontSize);
    const texts = [...element.querySelectorAll('text')];
    const labels = texts.filter((t) => /seq=/.test(t.textContent ?? '')).map(px);
    const tags = texts.filter((t) => /^[A-Z]+(-[A-Z0-9]+)*$/.test(t.textContent ?? '')).map(px);
    return { labels, tags };
  });
  const badges = await page
    .getByRole('status', { name: /^(Client|Server) state$/ })
    .evaluateAll((elements) => elements.map((e) => parseFloat(getComputedStyle(e).fontSize)));
  const sentence = await page
    .locator(narration)
    .first()
    .evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  expect(sizes.labels.length).toBeGreaterThanOrEqual(3);
  expect(sizes.tags.length).toBeGreaterThanOrEqual(2);
  expect(badges).toHaveLength(2);
  return {
    label: Math.min(...sizes.labels),
    tag: Math.min(...sizes.tags),
    badge: Math.min(...badges),
    narration: sentence,
  };
}

test('Present fills the screen with projector-size type; Esc leaves', async ({ page }) => {
  test.setTimeout(60_000);
  const watched = await open(page, '?scenario=handshake&t=160');
  await page.getByRole('button', { name: 'Present' }).click();
  await expect(presentation(page)).toBeVisible();
  // Nothing but the run: no header, settings or transport.
  await expect(page.getByLabel('Scenario')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Play' })).toBeHidden();
  await expect(page.getByRole('status', { name: 'Client state' })).toHaveText('ESTABLISHED');
  await expect(presentation(page).locator('[aria-live]')).toContainText('ESTABLISHED');
  const box = await diagram(page).boundingBox();
  expect(box?.width).toBeGreaterThan(1200);
  expect(box?.height).toBeGreaterThan(480);
  const sizes = await typeSizes(page, 'main[aria-label="Presentation"] [aria-live] p');
  expect(sizes.label).toBeGreaterThanOrEqual(22);
  expect(sizes.tag).toBeGreaterThanOrEqual(20);
  expect(sizes.badge).toBeGreaterThanOrEqual(20);
  expect(sizes.narration).toBeGreaterThanOrEqual(24);
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'presentation-handshake');
  // The presenter's keys drive it.
  await page.keyboard.press('Home');
  await expect(page.getByRole('status', { name: 'Client state' })).toHaveText('CLOSED');
  await page.keyboard.press('PageDown');
  await page.keyboard.press('PageDown');
  await expect(page.getByRole('status', { name: 'Client state' })).toHaveText('SYN-SENT');
  await page.keyboard.press('Escape');
  await expect(presentation(page)).toHaveCount(0);
  await expect(page.getByLabel('Scenario')).toBeVisible();
  // The page is where it was left: the playhead moved on in presentation stays.
  await expect(page.getByRole('status', { name: 'Client state' })).toHaveText('SYN-SENT');
  expect(watched.problems).toEqual([]);
});

test('F enters presentation mode and leaves it; dark theme passes axe', async ({ page }) => {
  test.setTimeout(60_000);
  await page.emulateMedia({ colorScheme: 'dark' });
  await open(page, '?scenario=lost-syn-ack');
  await page.keyboard.press('End');
  await page.keyboard.press('f');
  await expect(presentation(page)).toBeVisible();
  await expect(diagram(page).getByText('lost', { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'presentation-lost-syn-ack-dark');
  await page.keyboard.press('f');
  await expect(presentation(page)).toHaveCount(0);
  await page.keyboard.press('f');
  await page.getByRole('button', { name: 'Leave presentation' }).click();
  await expect(presentation(page)).toHaveCount(0);
});

test('a moment with three sentences fits the caption at 1280×720, in smaller type, with no line cut', async ({
  page,
}) => {
  test.setTimeout(60_000);
  // At 1.06 s the server resends its SYN-ACK, the client's SYN arrives again, and the server
  // answers it: three sentences, six lines at full projector size.
  await open(page, '?scenario=lost-syn-ack&t=1060');
  await page.keyboard.press('f');
  const caption = presentation(page).locator('[aria-live]');
  await expect(caption).toContainText('2nd retransmission');
  const fit = await caption.evaluate((element) => ({
    cut: element.scrollHeight - element.clientHeight,
    px: parseFloat(getComputedStyle(element).fontSize),
  }));
  expect(fit.cut).toBeLessThanOrEqual(1);
  expect(fit.px).toBeGreaterThanOrEqual(17);
  // A short moment keeps the full size.
  await page.keyboard.press('Home');
  await page.keyboard.press('PageDown');
  await expect(caption).toContainText('LISTEN');
  expect(await caption.evaluate((element) => getComputedStyle(element).fontSize)).toBe('25.6px');
});

test('the same large type without full screen, for a projector already zoomed', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await open(page, '?scenario=handshake&t=160');
  await page.getByLabel('Text size').selectOption('large');
  const sizes = await typeSizes(page, 'section[aria-labelledby] [aria-live]');
  expect(sizes.label).toBeGreaterThanOrEqual(22);
  expect(sizes.tag).toBeGreaterThanOrEqual(20);
  expect(sizes.badge).toBeGreaterThanOrEqual(20);
  expect(sizes.narration).toBeGreaterThanOrEqual(24);
  await expectNoAxeViolations(page);
});

test('in presentation, a lane near the edge keeps its head clear of the larger zoom buttons', async ({
  page,
}) => {
  test.setTimeout(60_000);
  // The flood's spoofed sources have a lane close to the right edge, and a long address.
  await open(page, '?scenario=syn-flood&t=400');
  await page.keyboard.press('f');
  await expect(presentation(page)).toBeVisible();
  const head = presentation(page).locator('[title^="attacker"]');
  const zoomIn = presentation(page).getByRole('button', { name: 'Zoom in' });
  await expect(head).toBeVisible();
  const headBox = (await head.boundingBox())!;
  const zoomBox = (await zoomIn.boundingBox())!;
  // Projector-size zoom buttons (2.6rem) with their inset, not the page's smaller ones.
  expect(zoomBox.width).toBeGreaterThanOrEqual(41);
  expect(headBox.x + headBox.width).toBeLessThanOrEqual(zoomBox.x);
  await saveScreenshot(page, 'presentation-syn-flood-heads');
});

for (const scenario of ['handshake-ipv6', 'load-balancer'] as const) {
  test(`in presentation the Leave button covers no lane head at 1280×720 (${scenario})`, async ({
    page,
  }) => {
    test.setTimeout(60_000);
    // The first lane's address is centred on its lifeline: a long one (IPv6, or one of several
    // lanes) reaches towards the top-left corner where the button stands.
    await open(page, `?scenario=${scenario}`);
    await page.keyboard.press('f');
    const leave = presentation(page).getByRole('button', { name: 'Leave presentation' });
    await expect(leave).toBeVisible();
    await expect(presentation(page).getByRole('status', { name: 'Client state' })).toBeVisible();
    const covered = await leave.evaluate((button) => {
      const b = button.getBoundingClientRect();
      const figure = button.closest('main')?.querySelector('figure');
      const hits: string[] = [];
      if (!figure) return ['no figure'];
      const walker = document.createTreeWalker(figure, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent?.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const r = range.getBoundingClientRect();
        const apart =
          r.right <= b.left || b.right <= r.left || r.bottom <= b.top || b.bottom <= r.top;
        if (!apart) hits.push(node.textContent.trim());
      }
      return hits;
    });
    expect(covered).toEqual([]);
    await saveScreenshot(page, `presentation-leave-${scenario}`);
  });
}
