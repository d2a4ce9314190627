// A big run is computed in a worker: the page keeps answering while it computes, says it is
// working, and Cancel leaves the run on screen as it was.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { expect, test, type Page } from '@playwright/test';
import { RUN_REPLY_MARK } from '../src/app/compute/run-computer';
import { bigCapture } from './big-capture';
import { openBigScript } from './big-script';
import { watchPage } from './support';

// Playwright's trace takes a snapshot of the page's DOM around each action, in the page's own
// main thread: the long-task observer would count the harness's work as the page's.
test.use({ trace: 'off' });

/** The bounds on an idle machine (issue: a click answers within 200 ms, no long task over 100). */
const CLICK_MS = 200;
const LONG_TASK_MS = 100;

/** Keeps one core of the machine busy for `ms`, as the run's worker does, from outside the page. */
function burnCore(ms: number): Promise<void> {
  const worker = new Worker(`const end = Date.now() + ${ms}; while (Date.now() < end) {}`, {
    eval: true,
  });
  return new Promise((resolve) => worker.once('exit', () => resolve()));
}

/** What the page itself records, by its own clock, so the test does no work on it meanwhile. */
interface Watch {
  longTasks: { start: number; duration: number }[];
  clicks: { at: number; delay: number; label: string; progressShown: boolean }[];
}
const watchOf = () => (window as unknown as { labWatch: Watch }).labWatch;

/**
 * Installs the page's own record of long tasks (a PerformanceObserver) and of each click: when
 * its input arrived, how long it waited for its handler, what it hit, and whether the progress
 * indicator was on screen.
 */
async function watchMainThread(page: Page) {
  await page.addInitScript(() => {
    const watch: Watch = { longTasks: [], clicks: [] };
    Object.assign(window, { labWatch: watch });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        watch.longTasks.push({ start: entry.startTime, duration: entry.duration });
      }
    }).observe({ type: 'longtask', buffered: true });
    document.addEventListener(
      'click',
      (event) => {
        const bar = document.querySelector('[role="progressbar"]');
        const shown = bar !== null && getComputedStyle(bar).visibility === 'visible';
        const target = event.target instanceof HTMLElement ? event.target : null;
        watch.clicks.push({
          at: event.timeStamp,
          delay: performance.now() - event.timeStamp,
          label: target?.textContent?.trim().slice(0, 20) ?? '',
          progressShown: shown,
        });
      },
      true,
    );
  });
}

test('a big script runs off the main thread: Cancel keeps the run, clicks answer, progress shows', async ({
  page,
}) => {
  // Reading a 250 KB file and starting the worker take seconds on a loaded machine.
  test.slow();
  const watched = watchPage(page);
  await watchMainThread(page);
  await page.goto('./?scenario=handshake');
  const client = page.getByRole('status', { name: 'Client state' });
  await expect(client).toHaveText('CLOSED');

  // A script as big as the lab opens (256 KB); its profile is read in the worker, and Run waits
  // for it.
  const dialog = await openBigScript(page);
  // Too long to edit in the box: the dialog names its size and shows its first lines.
  await expect(dialog.getByText(/^6,008 lines \(\d+ KB\), too long to edit here\./)).toBeVisible();
  await expect(dialog.getByLabel('First lines of bulk-data.pkt')).toContainText(
    '… and 6,000 more lines',
  );
  const run = dialog.getByRole('button', { name: 'Run' });
  await expect(run).toBeEnabled({ timeout: 20_000 });
  const cancel = dialog.getByRole('button', { name: 'Cancel' });
  const runBox = await run.boundingBox();
  const cancelBox = await cancel.boundingBox();
  if (!runBox || !cancelBox) throw new Error('the dialog shows Run and Cancel');
  const clickRun = () =>
    page.mouse.click(runBox.x + runBox.width / 2, runBox.y + runBox.height / 2);

  // Cancel at once after Run (two clicks a few milliseconds apart, so the run is surely still
  // computing however fast the machine): the dialog stays open with Run ready again, and the
  // run on screen is the scenario's, as it was.
  await clickRun();
  await page.mouse.click(cancelBox.x + cancelBox.width / 2, cancelBox.y + cancelBox.height / 2);
  await expect(run).toBeEnabled();
  await expect(dialog.getByRole('progressbar', { includeHidden: true })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Script run' })).toHaveCount(0);
  await expect(client).toHaveText('CLOSED');
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('handshake');

  // Wait until the page has been quiet (no long task) for a second after opening the file, so
  // only the run's time is measured.
  await page.waitForFunction(
    () => {
      const { longTasks } = (window as unknown as { labWatch: Watch }).labWatch;
      const lastEnd = Math.max(0, ...longTasks.map((task) => task.start + task.duration));
      return performance.now() - lastEnd > 1_000;
    },
    undefined,
    { timeout: 30_000 },
  );

  // The control: the same clicks while one more thread computes outside the page. On an idle
  // machine the page answers at once; on a loaded one the scheduler alone delays it, and the
  // bounds below grow by what the control measured, so the test judges the page, not the load.
  const control = await clicksWhileBusy(page);

  // Run again, to the end this time. Until the run lands the test only sends input and asks
  // whether the dialog is still open: clicks on the dialog's backdrop, which the page records
  // by its own clock with whether the indicator was on screen.
  await clickRun();
  const clicksBefore = (await page.evaluate(watchOf)).clicks.length;
  const landBy = Date.now() + 60_000;
  while ((await dialog.isVisible()) && Date.now() < landBy) await page.mouse.click(4, 4);
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('region', { name: 'Script run' })).toBeVisible();

  const { clicks } = await page.evaluate(watchOf);
  const runClick = clicks.findLast((click) => click.label === 'Run');
  if (!runClick) throw new Error(`the Run click was not seen: ${JSON.stringify(clicks)}`);
  await expectAnsweredWhileComputing(page, runClick.at, clicksBefore, control);
  expect(watched.problems).toEqual([]);
});

/**
 * What the page saw from `from` (Run, or the file chosen) until the worker's reply reached it,
 * which the page marks (User Timing, RUN_REPLY_MARK): the indicator showed while it computed
 * (the inputs here take longer than its 300 ms delay), the clicks meanwhile were answered at
 * once (the median within the bound, the slowest within twice it), and no task held the page.
 * Taking the reply and drawing it come after, and are measured by the benchmarks. The bounds grow by what the control measured under load.
 */
async function expectAnsweredWhileComputing(
  page: Page,
  from: number,
  clicksBefore: number,
  control: Control,
) {
  const watch = await page.evaluate(watchOf);
  const replyAt = await page.evaluate(
    (mark) => performance.getEntriesByName(mark, 'mark').at(-1)?.startTime ?? 0,
    RUN_REPLY_MARK,
  );
  expect(replyAt).toBeGreaterThan(from);
  const during = watch.clicks
    .slice(clicksBefore)
    .filter((click) => click.progressShown && click.at + click.delay < replyAt);
  expect(during.length).toBeGreaterThanOrEqual(1);
  // Most clicks answer within the bound; one the scheduler held a little longer does not fail
  // the page, but none waits twice the bound (a run on the page's own thread would hold every
  // click for the whole computation).
  const clickBound = Math.max(CLICK_MS, 3 * control.slowestClick, CLICK_MS * control.stretch);
  const delays = during.map((click) => click.delay).sort((a, b) => a - b);
  expect(delays[Math.floor((delays.length - 1) / 2)]).toBeLessThan(clickBound);
  expect(delays.at(-1)).toBeLessThan(2 * clickBound);
  const longTaskBound = Math.max(
    LONG_TASK_MS,
    3 * control.longestTask,
    LONG_TASK_MS * control.stretch,
  );
  const longTasks = watch.longTasks.filter(
    (task) =>
      task.start >= from && task.start + task.duration <= replyAt && task.duration > longTaskBound,
  );
  expect(longTasks).toEqual([]);
}

/** What the machine's load alone costs the page, measured while no run computes. */
interface Control {
  /** The slowest click answer and the longest task the page saw. */
  slowestClick: number;
  longestTask: number;
  /**
   * How much the load stretches the page's own work: the longest of twenty equal pieces of work
   * (about 5 ms each when the page has its core to itself), each in its own task, over the
   * shortest. A loaded scheduler stretches a render of 20 ms into 80; a run computed on the page
   * would still be one task as long as the whole run, which no stretch of this kind excuses.
   */
  stretch: number;
}

/**
 * Clicks on the page's corner, and equal pieces of work on the page, while a thread outside the
 * page keeps a core busy for 2 s.
 */
async function clicksWhileBusy(page: Page): Promise<Control> {
  const start = await page.evaluate(() => performance.now());
  const busy = burnCore(2_000);
  let done = false;
  void busy.then(() => (done = true));
  const stretch = page.evaluate(async () => {
    const work = (rounds: number) => {
      let x = 1;
      for (let i = 0; i < rounds; i++) x = (x * 31 + i) | 0;
      return x;
    };
    let rounds = 1 << 14;
    for (let took = 0; took < 5 && rounds < 1 << 30; rounds *= 2) {
      const at = performance.now();
      work(rounds);
      took = performance.now() - at;
    }
    const times: number[] = [];
    for (let piece = 0; piece < 20; piece++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const at = performance.now();
      work(rounds);
      times.push(performance.now() - at);
    }
    return Math.max(...times) / Math.max(0.1, Math.min(...times));
  });
  while (!done) await page.mouse.click(4, 4);
  const end = await page.evaluate(() => performance.now());
  const watch = await page.evaluate(watchOf);
  const clicks = watch.clicks.filter((click) => click.at >= start && click.at <= end);
  const tasks = watch.longTasks.filter((task) => task.start >= start && task.start <= end);
  return {
    slowestClick: Math.max(0, ...clicks.map((click) => click.delay)),
    longestTask: Math.max(0, ...tasks.map((task) => task.duration)),
    stretch: await stretch,
  };
}

test('a big capture is read in the worker: progress shows, Cancel closes and keeps the run', async ({
  page,
}) => {
  test.slow();
  const watched = watchPage(page);
  await watchMainThread(page);
  await page.goto('./?scenario=handshake');
  const client = page.getByRole('status', { name: 'Client state' });
  await expect(client).toHaveText('CLOSED');
  // 24,000 data segments and their ACKs: about 37 MB, 48,003 packets, seconds to read. Handed
  // over as a file on disk: a file given as bytes is built inside the page, seconds of its main
  // thread.
  const capture = join(test.info().outputDir, 'bulk.pcap');
  mkdirSync(test.info().outputDir, { recursive: true });
  writeFileSync(capture, bigCapture(24_000));
  const input = page.getByLabel('Capture file (pcap or pcapng)');
  const dialog = page.getByRole('dialog', { name: 'Open a capture' });
  const list = dialog.getByRole('table', { name: /1 TCP conversation/ });

  // Opened, then Cancel while it is read: the dialog closes and the run on screen stays.
  await input.setInputFiles(capture);
  const progress = dialog.getByRole('progressbar', { name: 'Reading bulk.pcap…' });
  await expect(progress).toBeVisible({ timeout: 20_000 });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(client).toHaveText('CLOSED');

  // The control, as in the script test above.
  const control = await clicksWhileBusy(page);

  // Opened again and read to the end: only input from the test until the list shows (clicks
  // on the dialog's backdrop).
  const openedAt = await page.evaluate(() => performance.now());
  const clicksBefore = (await page.evaluate(watchOf)).clicks.length;
  await input.setInputFiles(capture);
  const readBy = Date.now() + 60_000;
  while (!(await list.isVisible()) && Date.now() < readBy) await page.mouse.click(4, 4);
  await expect(list).toBeVisible();
  await expect(list).toContainText('10.0.0.1:49152 → 10.0.0.2:80');
  await expectAnsweredWhileComputing(page, openedAt, clicksBefore, control);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  // A large file that is no capture is read in the worker too, and named in the one message
  // a small one gets; the run on screen stays.
  const junk = join(test.info().outputDir, 'notes.bin');
  writeFileSync(junk, Buffer.alloc(1024 * 1024, 'These are my notes, not a capture. '));
  await input.setInputFiles(junk);
  await expect(dialog.getByRole('alert')).toHaveText(/^notes\.bin: \S/, { timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(client).toHaveText('CLOSED');
  expect(watched.problems).toEqual([]);
});
