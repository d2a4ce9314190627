// Shared checks for end-to-end specs: what every page of the lab must honour.
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** Collects console errors and warnings, page errors, and requests that leave the page's origin. */
export function watchPage(page: Page) {
  const problems: string[] = [];
  const foreignRequests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      problems.push(`console ${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['http:', 'https:'].includes(url.protocol)) return;
    if (url.origin !== new URL(page.url() === 'about:blank' ? request.url() : page.url()).origin) {
      foreignRequests.push(request.url());
    }
  });
  return { problems, foreignRequests };
}

/** An axe scan against WCAG 2.1 A and AA that must find nothing. */
export async function expectNoAxeViolations(page: Page) {
  // A full scan walks every node and can take tens of seconds on a loaded two-core machine: it
  // gets its own minute rather than eating into the time the test's own checks were given.
  const info = test.info();
  info.setTimeout(info.timeout + 60_000);
  // Only violations are reported in full: passes and inapplicable rules keep one node each, which
  // spares serialising every node axe looked at. A page without frames is scanned in one
  // injection (legacy mode); a page that hosts the lab in a frame of another origin needs axe's
  // frame protocol, which opens a blank page to merge the frames' results and costs seconds more.
  const hostsFrames = (await page.locator('iframe').count()) > 0;
  const results = await new AxeBuilder({ page })
    .options({ resultTypes: ['violations'] })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .setLegacyMode(!hostsFrames)
    .analyze();
  const summary = results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} (${violation.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary).toEqual([]);
}

/** Saves a screenshot where anyone can look at what the test saw. */
export async function saveScreenshot(page: Page, name: string) {
  await page.screenshot({ path: `test-output/screenshots/${name}.png`, fullPage: true });
}

export const VIEWPORTS = {
  desktop: { width: 1440, height: 900 },
  projector: { width: 1280, height: 720 },
  phone: { width: 390, height: 844 },
} as const;

/**
 * One of the header's actions, as a person reaches it: on a phone the rarer ones ("Open
 * packetdrill script", the capture and export actions, "Share or embed") sit behind "More
 * actions", which is opened first; on a wider screen they stand in the header's row.
 */
export async function headerAction(page: Page, name: string) {
  const action = page.getByRole('button', { name, exact: true });
  const more = page.getByRole('button', { name: 'More actions' });
  // Whichever a person sees first, once the page (and its lazily loaded actions) is up.
  await expect(action.or(more).filter({ visible: true }).first()).toBeVisible();
  if ((await more.isVisible()) && (await more.getAttribute('aria-expanded')) !== 'true') {
    await more.click();
  }
  return action;
}

/** The lab's diagram and state badges, found as a user finds them: by role and name. */
export const diagram = (page: Page) => page.getByRole('figure', { name: 'Sequence diagram' });
export const clientState = (page: Page) => page.getByRole('status', { name: 'Client state' });
export const serverState = (page: Page) => page.getByRole('status', { name: 'Server state' });

/**
 * Opens the lab at `query` (a URL's search part), at `viewport` when one is given, and waits for
 * its diagram; returns what the page reports while the test runs (see `watchPage`).
 */
export async function openLab(
  page: Page,
  query: string,
  viewport?: { width: number; height: number },
) {
  const watched = watchPage(page);
  if (viewport) await page.setViewportSize(viewport);
  await page.goto(`./${query}`);
  await expect(diagram(page)).toBeVisible();
  return watched;
}

/** Each drawn segment's journey (its hit line, send to arrival or loss) outside the visible canvas. */
export async function arrowsOutOfView(page: Page) {
  return diagram(page)
    .getByRole('group', { name: 'Segments over time' })
    .evaluate((svg) => {
      const view = (svg.parentElement as HTMLElement).getBoundingClientRect();
      const ids = new Set<number>();
      const outside: string[] = [];
      for (const arrow of svg.querySelectorAll('g[data-segment]')) {
        ids.add(Number(arrow.getAttribute('data-segment')));
        const journey = arrow.querySelector('line') as SVGLineElement;
        const r = journey.getBoundingClientRect();
        if (r.top < view.top - 1 || r.bottom > view.bottom + 1) {
          outside.push(
            arrow.getAttribute('aria-label') ?? `copy of #${arrow.getAttribute('data-segment')}`,
          );
        }
      }
      const highest = Math.max(0, ...ids);
      return { outside, missing: highest - ids.size };
    });
}

/**
 * Opens the fixture lost-syn-ack.pcapng (a Linux capture) through "Open capture", shows its one
 * conversation, and replays its opening through the engine under RFC 9293: the lab then draws
 * the engine's own segments as ghosts where it would have answered otherwise.
 */
export async function openReplayedCapture(page: Page) {
  const chooser = page.waitForEvent('filechooser');
  await (await headerAction(page, 'Open capture')).click();
  await (
    await chooser
  ).setFiles(new URL('./fixtures/lost-syn-ack.pcapng', import.meta.url).pathname);
  const dialog = page.getByRole('dialog', { name: 'Open a capture' });
  await dialog.getByRole('button', { name: /^Show conversation 1:/ }).click();
  const banner = page.getByRole('region', { name: 'Capture' });
  await banner.getByText('Replay the opening through the engine').click();
  await banner.getByLabel('Engine profile').selectOption({ label: 'RFC 9293' });
  await banner.getByRole('button', { name: 'Replay through the engine' }).click();
  await expect(banner.getByRole('status')).toContainText(
    /Replayed under rfc: \d+ places? differs?/,
  );
  return banner;
}

/**
 * How much of the diagram a one-column page hides: above the top of the screen, and under the
 * transport bar stuck to its bottom (the sticky ancestor of its Play or Pause button). 0 and 0
 * when the whole diagram is in view.
 */
export async function diagramHidden(page: Page): Promise<{ above: number; below: number }> {
  const figure = await diagram(page).boundingBox();
  const barTop = await page
    .getByRole('button', { name: /^(Play|Pause)$/ })
    .first()
    .evaluate((button) => {
      for (let e: Element | null = button; e; e = e.parentElement) {
        if (getComputedStyle(e).position === 'sticky') return e.getBoundingClientRect().top;
      }
      return window.innerHeight;
    });
  if (!figure) return { above: Infinity, below: Infinity };
  return {
    // Whole pixels: a fraction is the browser's rounding of a scroll, not a hidden part.
    above: Math.max(0, Math.floor(-figure.y)),
    below: Math.max(0, Math.floor(figure.y + figure.height - barTop)),
  };
}
