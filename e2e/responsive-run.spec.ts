// A big run is computed in a worker: the page keeps answering while it computes, says it is
// working, and Cancel leaves the run on screen as it was.
import { expect, test } from '@playwright/test';
import { watchPage } from './support';

/** A listener's handshake, then 6,000 data segments from the script's peer: about 250 KB. */
function bigScript(): string {
  const lines = [
    '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
    '+0 setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0',
    '+0 bind(3, ..., ...) = 0',
    '+0 listen(3, 1) = 0',
    '+0 < S 0:0(0) win 65535 <mss 1460>',
    '+0 > S. 0:0(0) ack 1 <...>',
    '+.01 < . 1:1(0) ack 1 win 65535',
    '+0 accept(3, ..., ...) = 4',
  ];
  for (let i = 0; i < 6_000; i += 1) {
    lines.push(`+.001 < P. ${1 + i * 10}:${11 + i * 10}(10) ack 1 win 65535`);
  }
  return lines.join('\n');
}

interface Watch {
  longTasks: { start: number; duration: number }[];
  clickDelays: number[];
}

test('a big script runs off the main thread: clicks answer, progress shows, Cancel keeps the run', async ({
  page,
}) => {
  // Opening a 250 KB file into the text box takes the browser seconds on a loaded machine.
  test.slow();
  const watched = watchPage(page);
  // Long tasks on the page's main thread, and how long each click waited for it (the page's own
  // clock: from the input's timestamp to its handler), collected from the first moment.
  await page.addInitScript(() => {
    const watch: Watch = { longTasks: [], clickDelays: [] };
    Object.assign(window, { labWatch: watch });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        watch.longTasks.push({ start: entry.startTime, duration: entry.duration });
      }
    }).observe({ type: 'longtask', buffered: true });
    document.addEventListener(
      'click',
      (event) => watch.clickDelays.push(performance.now() - event.timeStamp),
      true,
    );
  });
  await page.goto('./?scenario=handshake');
  const client = page.getByRole('status', { name: 'Client state' });
  await expect(client).toHaveText('CLOSED');

  await page.getByRole('button', { name: 'Open packetdrill script' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open a packetdrill script' });
  // A script this big arrives as a file (typing it would take minutes); its profile is read in
  // the worker, and Run waits for it.
  await dialog.getByLabel('Script file (.pkt)').setInputFiles({
    name: 'bulk-data.pkt',
    mimeType: 'text/plain',
    buffer: Buffer.from(bigScript()),
  });
  await expect(dialog.getByText('from bulk-data.pkt')).toBeVisible({ timeout: 20_000 });
  const run = dialog.getByRole('button', { name: 'Run' });
  await expect(run).toBeEnabled({ timeout: 20_000 });
  // Laying out 250 KB of text in the box is the browser's own work, before the run: wait until
  // the page has been quiet (no long task) for a second, so only the run's time is measured.
  await page.waitForFunction(
    () => {
      const { longTasks } = (window as unknown as { labWatch: Watch }).labWatch;
      const lastEnd = Math.max(0, ...longTasks.map((task) => task.start + task.duration));
      return performance.now() - lastEnd > 1_000;
    },
    undefined,
    { timeout: 30_000 },
  );

  const runAt = await page.evaluate(() => performance.now());
  await run.click();
  const progress = dialog.getByRole('progressbar', { name: 'Running the script…' });
  await expect(progress).toBeVisible();

  // Clicks while it computes: each answered at once.
  const clicksFrom = await page.evaluate(
    () => (window as unknown as { labWatch: Watch }).labWatch.clickDelays.length,
  );
  // On the dialog's backdrop: nothing to find or wait for, so the clicks land while it computes.
  for (let i = 0; i < 3; i += 1) await page.mouse.click(4, 4 + i);
  await expect(progress).toBeVisible();
  const delays = await page.evaluate(
    (from) => (window as unknown as { labWatch: Watch }).labWatch.clickDelays.slice(from),
    clicksFrom,
  );
  console.log(JSON.stringify(delays), JSON.stringify(await page.evaluate(() => (window as unknown as { labWatch: Watch }).labWatch.longTasks)), runAt);
  expect(delays).toHaveLength(3);
  for (const delay of delays) expect(delay).toBeLessThan(200);

  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(progress).toBeHidden();
  await expect(run).toBeEnabled();
  const cancelledAt = await page.evaluate(() => performance.now());
  const longTasks = await page.evaluate(
    ([from, to]) =>
      (window as unknown as { labWatch: Watch }).labWatch.longTasks.filter(
        (task) => task.start >= from && task.start <= to && task.duration > 100,
      ),
    [runAt, cancelledAt],
  );
  expect(longTasks).toEqual([]);

  // The run on screen is the scenario's, as it was.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('region', { name: 'Script run' })).toHaveCount(0);
  await expect(client).toHaveText('CLOSED');
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('handshake');
  expect(watched.problems).toEqual([]);
});
