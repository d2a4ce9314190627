// Label geometry over every preset at projector, desktop and phone size, and over the
// many-connection presets in an embed 320 px wide and in presentation mode (and, at the end of each,
// every segment drawn within the diagram): each label near its own
// arrow, none cut at the diagram's edge, no two labels, marks (loss marks, break words, crowd notes, a script's ✕ and ghosts'
// words) or notes beside the lifelines (state tags, timer notes) on top of each other, no label
// ahead of its arrow, and the playhead's line clear of every word. The same for a replayed
// capture and a packetdrill script's ghost segments.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import {
  arrowsOutOfView,
  diagram,
  diagramHidden,
  openReplayedCapture,
  serverState,
  watchPage,
} from './support';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
  { width: 390, height: 844 },
] as const;

// Each size's sweep presses about 120 keys: a trace keeps its action log on failure, without a DOM
// snapshot and screenshot of every press, which cost more than the drawing being checked. The
// problems found are listed in words by the assertion itself.
test.use({ trace: { mode: 'retain-on-failure', snapshots: false, screenshots: false } });

/** Every broken rule in the diagram as drawn now, in words, and how many labels were checked. */
async function geometryProblems(page: Page): Promise<{ problems: string[]; labels: number }> {
  return diagram(page)
    .getByRole('group', { name: 'Segments over time' })
    .evaluate((svg) => {
      const problems: string[] = [];
      const shown = (e: Element) => !e.closest('[visibility="hidden"]');
      const point = (line: SVGLineElement, which: 1 | 2) => {
        const m = line.getScreenCTM() as DOMMatrix;
        const x = Number(line.getAttribute(`x${which}`));
        const y = Number(line.getAttribute(`y${which}`));
        return new DOMPoint(x, y).matrixTransform(m);
      };
      /** Distance from a box to a line segment (0 when the segment crosses the box). */
      const distance = (r: DOMRect, a: DOMPoint, b: DOMPoint) => {
        let best = Infinity;
        for (let i = 0; i <= 40; i++) {
          const x = a.x + ((b.x - a.x) * i) / 40;
          const y = a.y + ((b.y - a.y) * i) / 40;
          const dx = Math.max(r.left - x, 0, x - r.right);
          const dy = Math.max(r.top - y, 0, y - r.bottom);
          best = Math.min(best, Math.hypot(dx, dy));
        }
        return best;
      };
      const boxes: { name: string; r: DOMRect }[] = [];
      for (const label of svg.querySelectorAll('g[data-label-for]')) {
        if (!shown(label)) continue;
        const key = label.getAttribute('data-label-for') as string;
        const rect = label.querySelector('rect') as SVGRectElement;
        const r = rect.getBoundingClientRect();
        const name = [...label.querySelectorAll('text')].map((t) => t.textContent).join(' / ');
        const arrow = svg.querySelector(`g[data-key="${key}"]`);
        if (!arrow) {
          problems.push(`"${name}" labels no arrow`);
          continue;
        }
        const journey = arrow.querySelector('line') as SVGLineElement;
        const away = distance(r, point(journey, 1), point(journey, 2));
        // A label wrapped onto several lines (a phone) may sit no further away than a one-line
        // label: the box's height less what each further line adds.
        const lines = [...label.querySelectorAll('text')].map((t) => t.getBoundingClientRect());
        const first = lines[0];
        const last = lines[lines.length - 1];
        const oneLine = first && last ? r.height - (last.top - first.top) : r.height;
        if (away > 2 * oneLine + 1) {
          problems.push(`"${name}" is ${Math.round(away)} px from its arrow`);
        }
        const tip = arrow.querySelector('line[data-tip]') as SVGLineElement;
        if (Number(tip.getAttribute('y2')) < Number(label.getAttribute('data-anchor-y')) - 1) {
          problems.push(`"${name}" is shown ahead of its arrow`);
        }
        boxes.push({ name, r });
      }
      // Every mark between the lanes (loss marks, a break's words, crowd notes) by its opaque
      // box, and each loss mark's ✕.
      for (const mark of svg.querySelectorAll('[data-mark]')) {
        if (!shown(mark)) continue;
        const words = mark.textContent;
        const box = mark.querySelector(':scope > rect')?.getBoundingClientRect();
        if (box) boxes.push({ name: `mark "${words}"`, r: box });
        const cross = mark.querySelector(':scope > path')?.getBoundingClientRect();
        if (cross) boxes.push({ name: `✕ of "${words}"`, r: cross });
      }
      // The notes beside each lifeline (state tags on their opaque box, timer notes), and a
      // ghost's words near its dashed arrow.
      for (const note of svg.querySelectorAll('[data-note]')) {
        if (!shown(note)) continue;
        const box = (note.querySelector(':scope > rect') ?? note).getBoundingClientRect();
        if (box.width > 0) boxes.push({ name: `note "${note.textContent}"`, r: box });
      }
      for (const words of svg.querySelectorAll('[data-mark="ghost"]')) {
        const ghost = words.parentElement?.querySelector(':scope > line') as SVGLineElement;
        const r = (words.querySelector(':scope > rect') as SVGRectElement).getBoundingClientRect();
        const away = distance(r, point(ghost, 1), point(ghost, 2));
        if (away > 2 * r.height + 1) {
          problems.push(`ghost "${words.textContent}" is ${Math.round(away)} px from its arrow`);
        }
      }
      // Nothing cut at the diagram's left or right edge: the SVG clips what crosses it.
      const edge = svg.getBoundingClientRect();
      for (const { name, r } of boxes) {
        if (r.left < edge.left - 0.5 || r.right > edge.right + 0.5) {
          problems.push(`${name} is cut at the diagram's edge`);
        }
      }
      boxes.forEach((a, i) => {
        for (const b of boxes.slice(i + 1)) {
          const apart =
            a.r.right <= b.r.left + 1 ||
            b.r.right <= a.r.left + 1 ||
            a.r.bottom <= b.r.top + 1 ||
            b.r.bottom <= a.r.top + 1;
          if (!apart) problems.push(`${a.name} and ${b.name} overlap`);
        }
      });
      // The playhead's line: no word it crosses unless the word sits on an opaque box above it.
      const line = svg.querySelector('line[data-playhead]') as SVGLineElement;
      const now = line.getBoundingClientRect();
      const ownGroup = line.parentElement;
      for (const text of svg.querySelectorAll('text')) {
        if (!shown(text) || text.parentElement === ownGroup) continue;
        if (text.parentElement?.querySelector(':scope > rect')) continue;
        const r = text.getBoundingClientRect();
        if (r.width === 0) continue;
        const crosses =
          r.top < now.bottom - 0.5 &&
          now.top + 0.5 < r.bottom &&
          r.left < now.right &&
          now.left < r.right;
        if (crosses) problems.push(`the playhead crosses "${text.textContent}"`);
      }
      return { problems, labels: svg.querySelectorAll('g[data-label-for]').length };
    });
}

/** The moment once drawn: a frame's mix of old and new is given a moment to settle. */
async function settledProblems(page: Page) {
  let found = await geometryProblems(page);
  const deadline = Date.now() + 5_000;
  while (found.problems.length > 0 && Date.now() < deadline) {
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(done)));
    found = await geometryProblems(page);
  }
  return found;
}

/** Geometry problems found over several moments of one test, each named by its moment. */
function geometryLog(page: Page) {
  const problems: string[] = [];
  let labels = 0;
  return {
    problems,
    /** How many labels the checks looked at: proof they ran on real labels. */
    labels: () => labels,
    async check(moment: string) {
      const found = await settledProblems(page);
      labels += found.labels;
      problems.push(...found.problems.map((p) => `${moment}: ${p}`));
    },
  };
}

/** Every preset the Scenario picker offers, by value. */
async function presetNames(page: Page): Promise<string[]> {
  return page
    .getByLabel('Scenario')
    .locator('option')
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
}

/** Goes to the end of the run and waits until the time slider says so. */
async function pressEnd(page: Page) {
  await page.keyboard.press('End');
  await expect(page.getByRole('slider', { name: 'Time' })).toHaveAttribute(
    'aria-valuetext',
    /^(.+) of \1$/,
  );
}

for (const size of SIZES) {
  test(`labels stay with their arrows in every preset at ${size.width}×${size.height}`, async ({
    page,
  }) => {
    test.setTimeout(300_000);
    const watched = watchPage(page);
    await page.setViewportSize(size);
    await page.goto('./?scenario=handshake');
    await expect(diagram(page)).toBeVisible();
    const presets = await presetNames(page);
    const { problems, labels, check } = geometryLog(page);
    const time = page.getByRole('slider', { name: 'Time' });
    for (const preset of presets) {
      await page.getByLabel('Scenario').selectOption(preset);
      // Part way (the playhead among the arrows) and at the end (the whole run fitted).
      for (let i = 0; i < 4; i++) await page.keyboard.press('PageDown');
      await expect(time).not.toHaveValue('0');
      await check(`${preset}, 4 steps`);
      await pressEnd(page);
      await check(`${preset}, end`);
      // End fits the whole run: every segment is drawn, and within the diagram.
      const { outside, missing } = await arrowsOutOfView(page);
      if (outside.length > 0) problems.push(`${preset}, end: ${outside.join(', ')} out of view`);
      if (missing > 0) problems.push(`${preset}, end: ${missing} segments not drawn`);
    }
    expect(problems).toEqual([]);
    // Every preset labels several arrows: the checks above ran on real labels.
    expect(labels()).toBeGreaterThan(presets.length * 4);
    expect(watched.problems).toEqual([]);
  });
}

test('a phone keeps the retransmission label of slow start on its arrow', async ({ page }) => {
  // 390 px wraps "RTX ACK seq=19525 ack=201 len=1448" onto four lines; with no room on its arrow
  // it once slid two of its own heights (120 px) down, below the next break.
  await page.setViewportSize(SIZES[2]);
  await page.goto('./?scenario=slow-start');
  await expect(diagram(page)).toBeVisible();
  const { problems, labels, check } = geometryLog(page);
  await pressEnd(page);
  await check('slow-start, end');
  expect(problems).toEqual([]);
  expect(labels()).toBeGreaterThan(4);
});

/** The presets of a server with several connections, each with a moment worth checking. */
const MANY = [
  // 0.4 s: the client's SYN has met the flood's full SYN queue ("dropped: SYN queue full").
  ['syn-flood', 400],
  ['syn-cookies', 300],
  ['accept-overflow', 1500],
  ['slow-accept', 1500],
  ['web-page', 400],
  ['load-balancer', 2000],
] as const;

test('labels stay with their arrows and inside the diagram in a 320 px embed of each many-connection preset', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const watched = watchPage(page);
  await page.setViewportSize({ width: 320, height: 480 });
  const { problems, labels, check } = geometryLog(page);
  // One test, one page: each preset by its embed link, at a telling moment and at the end.
  for (const [preset, t] of MANY) {
    await page.goto(`./embed.html?scenario=${preset}&t=${t}`);
    await expect(diagram(page).locator('[data-segment="1"]').first()).toBeAttached({
      timeout: 20_000,
    });
    await check(`${preset} at ${t} ms`);
    await pressEnd(page);
    await check(`${preset}, end`);
  }
  expect(problems).toEqual([]);
  // At least one label per preset: 320 px wraps labels onto three or four lines, and those with
  // no room near their arrows are counted in a "+N more · zoom in" note instead.
  expect(labels()).toBeGreaterThanOrEqual(MANY.length);
  expect(watched.problems).toEqual([]);
});

test('labels stay with their arrows in presentation mode for the many-connection presets', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const watched = watchPage(page);
  await page.setViewportSize(SIZES[0]);
  const { problems, labels, check } = geometryLog(page);
  for (const [preset, t] of MANY) {
    // At a telling moment, and at the end (End pressed before presenting, where the slider is).
    for (const end of [false, true]) {
      await page.goto(`./?scenario=${preset}&t=${t}`);
      await expect(diagram(page).locator('[data-segment="1"]').first()).toBeAttached({
        timeout: 20_000,
      });
      if (end) await pressEnd(page);
      await page.getByRole('button', { name: 'Present' }).click();
      await expect(page.getByRole('main', { name: 'Presentation' })).toBeVisible();
      await check(end ? `${preset}, end` : `${preset} at ${t} ms`);
    }
  }
  expect(problems).toEqual([]);
  // At least one label per preset: projector-size type leaves room for fewer labels, and those
  // with no room near their arrows are counted in a "+N more · zoom in" note instead.
  expect(labels()).toBeGreaterThanOrEqual(MANY.length);
  expect(watched.problems).toEqual([]);
});

test('labels stay with their arrows in presentation mode at 1280×720, in every preset', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const watched = watchPage(page);
  await page.setViewportSize(SIZES[0]);
  await page.goto('./?scenario=handshake');
  await expect(diagram(page)).toBeVisible();
  const presets = await presetNames(page);
  const { problems, labels, check } = geometryLog(page);
  const presentation = page.getByRole('main', { name: 'Presentation' });
  for (const preset of presets) {
    await page.getByLabel('Scenario').selectOption(preset);
    // As a presenter gives it: into presentation, four clicker steps, then the whole run.
    await page.keyboard.press('f');
    await expect(presentation).toBeVisible();
    for (let i = 0; i < 4; i++) await page.keyboard.press('PageDown');
    await check(`${preset}, presenting, 4 steps`);
    await page.keyboard.press('End');
    await check(`${preset}, presenting, end`);
    await page.keyboard.press('Escape');
    await expect(presentation).toHaveCount(0);
  }
  expect(problems).toEqual([]);
  expect(labels()).toBeGreaterThan(presets.length * 4);
  expect(watched.problems).toEqual([]);
});

test('labels stay with their arrows and inside the diagram in a 320 px embed of every preset', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const watched = watchPage(page);
  await page.setViewportSize({ width: 320, height: 480 });
  await page.goto('./?scenario=handshake');
  const presets = await presetNames(page);
  const { problems, labels, check } = geometryLog(page);
  for (const preset of presets) {
    // The embed a blog post puts in its column, with the fewest controls, stepped by a reader.
    await page.goto(`./embed.html?scenario=${preset}&controls=minimal&theme=auto`);
    await expect(diagram(page)).toBeVisible();
    await diagram(page).click({ position: { x: 5, y: 5 } });
    for (let i = 0; i < 6; i++) await page.keyboard.press('PageDown');
    await check(`${preset}, 6 steps`);
    await pressEnd(page);
    await check(`${preset}, end`);
  }
  expect(problems).toEqual([]);
  expect(labels()).toBeGreaterThanOrEqual(presets.length);
  expect(watched.problems).toEqual([]);
});

/** The arrows whose head reaches back past the lifeline they leave (over its notes), by name. */
async function headsBehindTheirStart(page: Page): Promise<string[]> {
  return diagram(page)
    .getByRole('group', { name: 'Segments over time' })
    .evaluate((svg) => {
      const behind: string[] = [];
      for (const tip of svg.querySelectorAll<SVGLineElement>('line[data-tip][marker-end]')) {
        const m = tip.getScreenCTM() as DOMMatrix;
        const at = (which: 1 | 2) =>
          new DOMPoint(
            Number(tip.getAttribute(`x${which}`)),
            Number(tip.getAttribute(`y${which}`)),
          ).matrixTransform(m);
        const [start, end] = [at(1), at(2)];
        // The marker: 7 stroke widths long, its tip at 9/10 of it (SequenceDiagram.tsx).
        const back = 0.9 * 7 * parseFloat(getComputedStyle(tip).strokeWidth) * Math.hypot(m.a, m.b);
        if (Math.hypot(end.x - start.x, end.y - start.y) < back - 0.5) {
          behind.push(tip.closest('[aria-label]')?.getAttribute('aria-label') ?? 'an arrow');
        }
      }
      return behind;
    });
}

test("an arrow's head leaves its lifeline whole, over none of the notes beside it", async ({
  page,
}) => {
  test.setTimeout(60_000);
  const { problems, check } = geometryLog(page);
  const found: string[] = [];
  // The instants a clicker stops at when a segment leaves: the SYN beside "SYN-SENT", the
  // SYN-ACK beside "SYN-RECEIVED" (its head points back over the server's notes).
  for (const [size, t] of [
    [SIZES[0], 10],
    [SIZES[2], 10],
    [SIZES[2], 60],
    [{ width: 320, height: 480 }, 60],
  ] as const) {
    await page.setViewportSize(size);
    await page.goto(`./?scenario=handshake&t=${t}`);
    await expect(diagram(page).locator('[data-segment="1"]').first()).toBeAttached();
    const moment = `${size.width}×${size.height} at ${t} ms`;
    found.push(...(await headsBehindTheirStart(page)).map((name) => `${moment}: ${name}`));
    await check(moment);
  }
  expect(found).toEqual([]);
  expect(problems).toEqual([]);
});

const ACTIVE = readFileSync(
  new URL('../conformance/handshake-active.pkt', import.meta.url),
  'utf8',
);

for (const size of [SIZES[0], SIZES[2]]) {
  test(`a replayed capture's ghosts keep clear of the captured labels at ${size.width}×${size.height}`, async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await page.setViewportSize(size);
    await page.goto('./?scenario=handshake');
    await openReplayedCapture(page);
    await page.getByRole('button', { name: 'End', exact: true }).click();
    const ghosts = diagram(page).locator('[data-mark="ghost"]');
    await expect(ghosts.first()).toBeVisible();
    const found = await settledProblems(page);
    expect(found.problems).toEqual([]);
    // On a phone the banner stands above the diagram and never squeezes it: the diagram keeps
    // its height, and the replay brought all of it into the screen, above the transport bar.
    if (size.width < 600) {
      const figure = await diagram(page).boundingBox();
      expect(figure?.height ?? 0).toBeGreaterThan(size.height * 0.5);
      expect(await diagramHidden(page)).toEqual({ above: 0, below: 0 });
    }
  });
}

test("a packetdrill script's ghost keeps clear of the labels", async ({ page }) => {
  await page.setViewportSize(SIZES[0]);
  await page.goto('./?scenario=handshake');
  await page.getByRole('button', { name: 'Open packetdrill script' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open a packetdrill script' });
  // After the data is acknowledged the engine has nothing to send: a FIN it never sends.
  await dialog
    .getByLabel('Script', { exact: true })
    .fill(`${ACTIVE}\n +.1 > F. 101:101(0) ack 1\n`);
  await dialog.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByRole('region', { name: 'Script run' })).toContainText('Timed out');
  await page.getByRole('button', { name: 'End', exact: true }).click();
  await expect(diagram(page).locator('[data-mark="ghost"]')).toBeVisible();
  const found = await settledProblems(page);
  expect(found.problems).toEqual([]);
});

test("a selected segment's fields show at 1280×720 without scrolling the page", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('./?scenario=handshake');
  await expect(diagram(page)).toBeVisible();
  await page.keyboard.press('End');
  // Enough narration above the inspector to push it below the panel's fold.
  await page.getByLabel('Text size').selectOption('large');
  await diagram(page)
    .getByRole('button', { name: 'SYN-ACK seq=200 ack=701 server to client' })
    .click();
  const inspector = page.getByRole('region', { name: 'Segment inspector' });
  // The panel scrolls within itself to the inspector: its title and first fields are in view.
  await expect(inspector.getByText('#2 SYN-ACK seq=200 ack=701')).toBeInViewport();
  await expect(
    inspector.getByRole('button', { name: 'Source port', exact: true }),
  ).toBeInViewport();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
});

test('a still embed 320 px wide: the loss mark on the lost arrow, labels apart, the last one whole', async ({
  page,
}) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.setViewportSize({ width: 320, height: 640 });
  // controls=none under reduced motion: the embed shows the end of the run, still.
  await page.goto('./embed.html?scenario=lost-syn-ack&controls=none&autoplay=1');
  await expect(serverState(page)).toHaveText('ESTABLISHED');
  const found = await settledProblems(page);
  expect(found.problems).toEqual([]);
  const drawn = await diagram(page)
    .getByRole('group', { name: 'Segments over time' })
    .evaluate((svg) => {
      const shown = (e: Element) => !e.closest('[visibility="hidden"]');
      // Each loss mark's ✕: how far its centre is from the journey of the arrow it belongs to.
      const losses = [...svg.querySelectorAll('[data-mark="loss"]')].map((mark) => {
        // Marks are drawn in their own layer above the arrows, each naming its arrow's key.
        const key = CSS.escape(mark.getAttribute('data-loss-for') ?? '');
        const arrow = svg.querySelector(`g[data-key="${key}"]`) as SVGGElement;
        const journey = arrow.querySelector('line') as SVGLineElement;
        const m = journey.getScreenCTM() as DOMMatrix;
        const at = (which: 1 | 2) =>
          new DOMPoint(
            Number(journey.getAttribute(`x${which}`)),
            Number(journey.getAttribute(`y${which}`)),
          ).matrixTransform(m);
        const [a, b] = [at(1), at(2)];
        const cross = (
          mark.querySelector(':scope > path') as SVGPathElement
        ).getBoundingClientRect();
        const c = { x: cross.x + cross.width / 2, y: cross.y + cross.height / 2 };
        const length = Math.hypot(b.x - a.x, b.y - a.y);
        const along = Math.max(
          0,
          Math.min(1, ((c.x - a.x) * (b.x - a.x) + (c.y - a.y) * (b.y - a.y)) / length ** 2),
        );
        const off = Math.hypot(a.x + (b.x - a.x) * along - c.x, a.y + (b.y - a.y) * along - c.y);
        return { arrow: arrow.getAttribute('aria-label'), offArrow: off <= 1.5 };
      });
      // The last label drawn (the lowest on the page): all of it inside the visible canvas,
      // every word inside its box.
      const view = (svg.parentElement as HTMLElement).getBoundingClientRect();
      const labels = [...svg.querySelectorAll('g[data-label-for]')].filter(shown);
      const box = (g: Element) =>
        (g.querySelector('rect') as SVGRectElement).getBoundingClientRect();
      const last = labels.reduce((a, b) => (box(b).bottom > box(a).bottom ? b : a));
      const r = box(last);
      const words = [...last.querySelectorAll('text')].map((t) => t.getBoundingClientRect());
      return {
        losses,
        last: {
          text: [...last.querySelectorAll('text')].map((t) => t.textContent).join(' '),
          inCanvas:
            r.top >= view.top - 0.5 &&
            r.bottom <= view.bottom + 0.5 &&
            r.left >= view.left - 0.5 &&
            r.right <= view.right + 0.5,
          wordsInBox: words.every(
            (w) => w.left >= r.left - 0.5 && w.right <= r.right + 0.5 && w.bottom <= r.bottom + 0.5,
          ),
        },
      };
    });
  expect(drawn.losses).toEqual([
    { arrow: expect.stringMatching(/^SYN-ACK .*server to client/), offArrow: true },
  ]);
  expect(drawn.last).toEqual({
    text: expect.stringMatching(/\S/),
    inCanvas: true,
    wordsInBox: true,
  });
  expect(drawn.last.text).not.toContain('…');
});
