// The playhead's time label in the gutter: a tick's time it would touch gives way to it ("0 ms"
// once, not twice, at the start of every run), and it keeps off the compressed axis's breaks
// (syn-timeout at 1.01 s, where the quiet second's break ends just above the line).
import { expect, test, type Page } from '@playwright/test';
import { openLab } from './support';

/**
 * What is wrong with the playhead's label as drawn now, in words; and how many ticks and breaks
 * it was checked against.
 */
async function labelProblems(page: Page): Promise<{ problems: string[]; checked: number }> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const line = document.querySelector('line[data-playhead]') as SVGLineElement;
    const label = line.parentElement?.querySelector('text') as SVGTextElement;
    const a = label.getBoundingClientRect();
    const ticks = [...document.querySelectorAll('text[data-tick]')];
    for (const tick of ticks) {
      if (tick.closest('[visibility="hidden"]')) continue;
      const b = tick.getBoundingClientRect();
      const margin = b.height / 3;
      if (b.top - margin < a.bottom && a.top < b.bottom + margin) {
        problems.push(`tick "${tick.textContent}" touches the playhead's "${label.textContent}"`);
      }
    }
    const bands = [...document.querySelectorAll('[data-break-band]')];
    for (const band of bands) {
      const b = band.getBoundingClientRect();
      if (b.top - 1 < a.bottom && a.top < b.bottom + 1) {
        problems.push(`the playhead's "${label.textContent}" sits on a break of the time axis`);
      }
    }
    return { problems, checked: ticks.length + bands.length };
  });
}

/** The label's problems at the start and after each of `steps` clicker presses. */
async function problemsWhileStepping(page: Page, steps: number) {
  const found: string[] = [];
  let checked = 0;
  for (let i = 0; i <= steps; i++) {
    if (i > 0) await page.keyboard.press('PageDown');
    // The moment once drawn: the picture follows the playhead within a frame or two.
    await expect
      .poll(async () => (await labelProblems(page)).problems, { timeout: 5_000 })
      .toEqual([])
      .catch(() => undefined);
    const now = await labelProblems(page);
    checked += now.checked;
    found.push(...now.problems.map((p) => `step ${i}: ${p}`));
  }
  return { found, checked };
}

for (const [query, size] of [
  ['?scenario=handshake', { width: 1280, height: 720 }],
  ['?scenario=handshake', { width: 1920, height: 1080 }],
  ['?scenario=handshake&text=large', { width: 1280, height: 720 }],
  ['?scenario=syn-timeout', { width: 1280, height: 720 }],
] as const) {
  test(`the playhead's label has its place to itself: ${query} at ${size.width}×${size.height}`, async ({
    page,
  }) => {
    const watched = await openLab(page, query, size);
    const { found, checked } = await problemsWhileStepping(page, 5);
    expect(found).toEqual([]);
    // The checks ran on real tick labels or breaks.
    expect(checked).toBeGreaterThan(3);
    expect(watched.problems).toEqual([]);
  });
}

test("the playhead's label keeps off the break that ends at 1.01 s in syn-timeout", async ({
  page,
}) => {
  await openLab(page, '?scenario=syn-timeout&t=1010', { width: 1280, height: 720 });
  await expect(page.locator('[data-break-band]').first()).toBeAttached();
  await expect.poll(async () => (await labelProblems(page)).problems).toEqual([]);
});
