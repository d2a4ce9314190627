// The header's actions on a phone: each shows whole, none over another, the rarer ones behind
// "More actions" (a disclosure: aria-expanded, Escape closes it and focus returns), reached by
// touch and by keyboard; a projector keeps them all in the header's row.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { VIEWPORTS, expectNoAxeViolations, openLab } from './support';

/** Every action the header offers on a scenario run, by its accessible name. */
const ACTIONS = [
  'Lessons',
  'Predict',
  'Open packetdrill script',
  'Open capture',
  'Download capture',
  'Export animation',
  'Share or embed',
] as const;

const action = (page: Page, name: string) =>
  name === 'Predict'
    ? page.getByRole('switch', { name })
    : page.getByRole('button', { name, exact: true });

/** The box a person sees and presses: the Predict switch's is its label's. */
async function pressedBox(control: Locator) {
  return control.evaluate((element) => {
    const r = (element.closest('label') ?? element).getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  });
}

type Box = Awaited<ReturnType<typeof pressedBox>>;

/** What is wrong with a set of boxes on screen: cut at the viewport's edge, or one over another. */
function problems(boxes: ReadonlyMap<string, Box>, viewport: { width: number; height: number }) {
  const found: string[] = [];
  const list = [...boxes];
  for (const [name, b] of list) {
    if (b.left < 0 || b.top < 0 || b.right > viewport.width || b.bottom > viewport.height) {
      found.push(`${name} is cut: ${JSON.stringify(b)}`);
    }
  }
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const [a, p] = list[i] as [string, Box];
      const [b, q] = list[j] as [string, Box];
      const apart =
        p.right <= q.left || q.right <= p.left || p.bottom <= q.top || q.bottom <= p.top;
      if (!apart) found.push(`${a} overlaps ${b}`);
    }
  }
  return found;
}

/** The actions visible now, with their boxes; waits for the lazily loaded ones first. */
async function visibleActions(page: Page) {
  await expect(
    page.getByRole('button', { name: 'Export animation', includeHidden: true }),
  ).toBeAttached();
  const boxes = new Map<string, Box>();
  for (const name of ACTIONS) {
    const control = action(page, name);
    if (await control.isVisible()) boxes.set(name, await pressedBox(control));
  }
  return boxes;
}

test.describe('on a phone (390×844)', () => {
  test.use({ viewport: VIEWPORTS.phone, hasTouch: true });

  test('every action shows whole and apart, in the row or behind More actions', async ({
    page,
  }) => {
    const watched = await openLab(page, '?scenario=handshake');
    const row = await visibleActions(page);
    const more = page.getByRole('button', { name: 'More actions' });
    if (await more.isVisible()) row.set('More actions', await pressedBox(more));
    expect(problems(row, VIEWPORTS.phone)).toEqual([]);

    const folded = ACTIONS.filter((name) => !row.has(name));
    if (folded.length > 0) {
      await expect(more).toHaveAttribute('aria-expanded', 'false');
      await more.tap();
      await expect(more).toHaveAttribute('aria-expanded', 'true');
      const list = await visibleActions(page);
      // Open, the list covers part of the page below it, but never the row's own buttons.
      for (const name of folded) expect(list.has(name), `${name} in the list`).toBe(true);
      expect(problems(new Map([...row, ...list]), VIEWPORTS.phone)).toEqual([]);
    }
    await page.screenshot({ path: 'test-output/screenshots/phone-actions-open.png' });
    await expectNoAxeViolations(page);
    expect(watched.problems).toEqual([]);
  });

  test('More actions opens by touch and keyboard, Escape closes it and focus returns', async ({
    page,
  }) => {
    await openLab(page, '?scenario=handshake');
    const more = page.getByRole('button', { name: 'More actions' });
    const share = page.getByRole('button', { name: 'Share or embed' });
    await expect(
      page.getByRole('button', { name: 'Export animation', includeHidden: true }),
    ).toBeAttached();

    // Keyboard: Tab reaches the button, Enter opens the list, whose actions come next in the
    // Tab order; Escape closes it and leaves focus on the button.
    await action(page, 'Predict').focus();
    await page.keyboard.press('Tab');
    await expect(more).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(more).toHaveAttribute('aria-expanded', 'true');
    for (const name of ACTIONS.slice(2)) {
      await page.keyboard.press('Tab');
      await expect(action(page, name)).toBeFocused();
    }
    await page.keyboard.press('Escape');
    await expect(more).toHaveAttribute('aria-expanded', 'false');
    await expect(more).toBeFocused();
    await expect(share).toBeHidden();

    // Choosing an action closes the list, as a menu does; its dialog shows, and when it closes
    // focus is back on More actions.
    await page.keyboard.press('Space');
    await expect(share).toBeVisible();
    await share.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Share or embed' });
    await expect(dialog).toBeVisible();
    await expect(more).toHaveAttribute('aria-expanded', 'false');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(more).toBeFocused();

    // Touch: the button toggles the list; a touch elsewhere on the page closes it.
    await more.tap();
    await expect(share).toBeVisible();
    await more.tap();
    await expect(share).toBeHidden();
    await more.tap();
    await expect(share).toBeVisible();
    await page.getByRole('heading', { level: 1, name: 'Handshake Lab' }).tap();
    await expect(more).toHaveAttribute('aria-expanded', 'false');
    await expect(share).toBeHidden();
  });
});

test('a projector shows every action in the header row, with no More actions', async ({ page }) => {
  await openLab(page, '?scenario=handshake', VIEWPORTS.projector);
  const row = await visibleActions(page);
  expect([...row.keys()]).toEqual([...ACTIONS]);
  expect(problems(row, VIEWPORTS.projector)).toEqual([]);
  await expect(page.getByRole('button', { name: 'More actions' })).toBeHidden();
});
