// The visualizer as a person uses it: by URL, role and label, on the built app.
import { expect, test, type Page } from '@playwright/test';
import {
  clientState,
  diagram,
  expectNoAxeViolations,
  openLab,
  saveScreenshot,
  serverState,
  VIEWPORTS,
} from './support';

const open = (page: Page, query: string) => openLab(page, query);

test.describe('the handshake preset', () => {
  test('ends with both ends ESTABLISHED and three arrows labelled as textbooks do', async ({
    page,
  }) => {
    const watched = await open(page, '?scenario=handshake');
    await expect(clientState(page)).toHaveText('CLOSED');
    await page.getByRole('button', { name: 'End', exact: true }).click();
    await expect(clientState(page)).toHaveText('ESTABLISHED');
    await expect(serverState(page)).toHaveText('ESTABLISHED');
    const arrows = diagram(page).getByRole('button', { name: /to (server|client)$/ });
    await expect(arrows).toHaveCount(3);
    await expect(
      diagram(page).getByRole('button', { name: 'SYN seq=700 client to server' }),
    ).toBeVisible();
    await expect(
      diagram(page).getByRole('button', { name: 'SYN-ACK seq=200 ack=701 server to client' }),
    ).toBeVisible();
    await expect(
      diagram(page).getByRole('button', { name: 'ACK seq=701 ack=201 client to server' }),
    ).toBeVisible();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'visualizer-handshake-desktop');
    expect(watched.problems).toEqual([]);
    expect(watched.foreignRequests).toEqual([]);
  });

  test('writes relative numbers when asked', async ({ page }) => {
    await open(page, '?scenario=handshake');
    await page.getByLabel('Numbers').selectOption('relative');
    await page.getByRole('button', { name: 'End', exact: true }).click();
    await expect(
      diagram(page).getByRole('button', { name: 'SYN-ACK seq=0 ack=1 server to client' }),
    ).toBeVisible();
  });

  for (const [name, size] of [
    ['projector', VIEWPORTS.projector],
    ['phone', VIEWPORTS.phone],
  ] as const) {
    test(`at ${name} size the diagram, badges, transport and narration are usable`, async ({
      page,
    }) => {
      await page.setViewportSize(size);
      await open(page, '?scenario=handshake&t=85');
      for (const locator of [
        diagram(page),
        clientState(page),
        serverState(page),
        page.getByRole('button', { name: 'Play' }),
      ]) {
        await expect(locator).toBeInViewport();
      }
      if (name === 'projector') {
        await expect(page.getByRole('heading', { name: 'What is happening' })).toBeInViewport();
      }
      if (name === 'phone') {
        // The whole textbook label, wrapped: flags on one line, every number on the next.
        await page.getByRole('button', { name: 'End', exact: true }).click();
        const drawn = await diagram(page).locator('text').allTextContents();
        expect(drawn).toEqual(expect.arrayContaining(['SYN-ACK', 'seq=200 ack=701']));
      }
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await expectNoAxeViolations(page);
      await saveScreenshot(page, `visualizer-${name}`);
    });
  }

  test('dark theme passes axe and looks right', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await open(page, '?scenario=handshake&t=160');
    await expect(clientState(page)).toHaveText('ESTABLISHED');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'visualizer-dark');
    await page.getByLabel('Theme').selectOption('light');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  });
});

test('lost-syn-ack shows the loss and the retransmission', async ({ page }) => {
  await page.setViewportSize(VIEWPORTS.projector);
  const watched = await open(page, '?scenario=lost-syn-ack');
  await page.getByRole('button', { name: 'End', exact: true }).click();
  await expect(clientState(page)).toHaveText('ESTABLISHED');
  const synAcks = diagram(page).getByRole('button', {
    name: /^SYN-ACK seq=\d+ ack=\d+ server to client$/,
  });
  // The first is lost; the server's timer and the client's repeated SYN each bring another.
  await expect(synAcks.nth(1)).toBeVisible();
  expect(await synAcks.count()).toBeGreaterThanOrEqual(2);
  await expect(diagram(page).getByText('lost', { exact: true })).toBeVisible();
  await expect(diagram(page).getByText('RTX', { exact: false }).first()).toBeVisible();
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'visualizer-lost-syn-ack');
  expect(watched.problems).toEqual([]);
});

/**
 * Every segment label's words inside its own box, and no two boxes on top of each other: the
 * boxes are laid out for the diagram's font size, so the text must be drawn at that size.
 */
async function labelProblems(page: Page): Promise<string[]> {
  return diagram(page)
    .getByRole('group', { name: 'Segments over time' })
    .evaluate((svg) => {
      const problems: string[] = [];
      const boxes: { name: string; r: DOMRect }[] = [];
      for (const rect of svg.querySelectorAll('rect[rx="4"]')) {
        const r = rect.getBoundingClientRect();
        const texts = [...(rect.parentElement?.querySelectorAll('text') ?? [])];
        const name = texts.map((t) => t.textContent).join(' / ');
        for (const t of texts) {
          const b = t.getBoundingClientRect();
          if (b.left < r.left - 1 || b.right > r.right + 1)
            problems.push(`"${name}" overflows its box`);
        }
        for (const other of boxes) {
          const o = other.r;
          const apart =
            r.right <= o.left + 1 ||
            o.right <= r.left + 1 ||
            r.bottom <= o.top + 1 ||
            o.bottom <= r.top + 1;
          if (!apart) problems.push(`"${name}" covers "${other.name}"`);
        }
        boxes.push({ name, r });
      }
      if (boxes.length < 5) problems.push(`only ${boxes.length} labels found`);
      return problems;
    });
}

for (const [name, size] of [
  ['phone', VIEWPORTS.phone],
  ['projector', VIEWPORTS.projector],
] as const) {
  test(`at ${name} size segment labels fit their boxes and never cover each other`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await open(page, '?scenario=lost-syn-ack');
    await page.getByRole('button', { name: 'End', exact: true }).click();
    await expect(diagram(page).getByText('lost', { exact: true })).toBeVisible();
    expect(await labelProblems(page)).toEqual([]);
  });
}

test('stepping back and forward reproduces the same screen', async ({ page }) => {
  await open(page, '?scenario=handshake');
  const next = page.getByRole('button', { name: 'Next event' });
  const previous = page.getByRole('button', { name: 'Previous event' });
  // A snapshot once the badges' short change animation has settled.
  const snapshot = async () => {
    await page.waitForTimeout(600);
    return diagram(page).innerHTML();
  };
  for (let i = 0; i < 8; i++) await next.click();
  const before = await snapshot();
  for (let i = 0; i < 5; i++) await next.click();
  expect(await snapshot()).not.toEqual(before);
  for (let i = 0; i < 5; i++) await previous.click();
  expect(await snapshot()).toEqual(before);
});

test('clicking a segment in flight drops it and forks the future; Undo returns', async ({
  page,
}) => {
  await open(page, '?scenario=handshake&t=35');
  const syn = diagram(page).getByRole('button', { name: 'SYN seq=700 client to server' });
  await expect(syn).toHaveCount(1);
  await syn.click();
  await expect(diagram(page).getByText('lost', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Undo' })).toBeEnabled();
  await page.getByRole('button', { name: 'End', exact: true }).click();
  // Zoom out to see the whole run: the first SYN is a second before the end.
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Zoom out' }).click();
  // The client's retransmission timer fires and the SYN goes again (RFC 6298 §5.4).
  await expect(
    diagram(page).getByRole('button', { name: 'SYN seq=700 client to server' }),
  ).toHaveCount(2);
  await expect(clientState(page)).toHaveText('ESTABLISHED');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(diagram(page).getByText('lost', { exact: true })).toHaveCount(0);
});

test('works from the keyboard alone', async ({ page }) => {
  await open(page, '?scenario=handshake');
  await page.keyboard.press('End');
  await expect(clientState(page)).toHaveText('ESTABLISHED');
  await page.keyboard.press('Home');
  await expect(clientState(page)).toHaveText('CLOSED');
  // A step is a moment the diagram changes: the server listens (0 ms), the SYN leaves (10 ms).
  for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowRight');
  await expect(clientState(page)).toHaveText('SYN-SENT');
  await page.keyboard.press('PageUp');
  await expect(clientState(page)).toHaveText('CLOSED');
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await page.keyboard.press('End');
  const syn = diagram(page).getByRole('button', { name: 'SYN seq=700 client to server' });
  await syn.focus();
  await page.keyboard.press('Enter');
  await expect(syn).toHaveAttribute('aria-pressed', 'true');
  // Keys typed into a field stay there.
  await page.getByLabel('Seed').focus();
  await page.keyboard.press('Home');
  await expect(clientState(page)).toHaveText('ESTABLISHED');
});

test('a focused arrow is ringed by its halo alone, with no box across the diagram', async ({
  page,
}) => {
  await open(page, '?scenario=handshake');
  await page.keyboard.press('End');
  const syn = diagram(page).getByRole('button', { name: 'SYN seq=700 client to server' });
  // Tab into the arrow as a keyboard user does, so the focus is visible.
  await syn.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(syn).toBeFocused();
  expect(await syn.evaluate((arrow) => arrow.matches(':focus-visible'))).toBe(true);
  // The page's focus ring (an outline) would draw the arrow's bounding box, a rectangle from
  // lifeline to lifeline over the other arrows and the state tags.
  await expect(syn).toHaveCSS('outline-style', 'none');
});

test('plays under reduced motion, with the same end', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const watched = await open(page, '?scenario=handshake');
  await page.getByLabel('Speed').fill('9');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible({ timeout: 10_000 });
  await expect(serverState(page)).toHaveText('ESTABLISHED');
  await expectNoAxeViolations(page);
  expect(watched.problems).toEqual([]);
});
