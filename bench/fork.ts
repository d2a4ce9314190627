/**
 * Fork latency: the time from a user dropping a segment in the middle of a 10,000-segment run
 * to the recomputed future being ready in the store (the new timeline built), as the store
 * does it (restore the latest checkpoint before the drop, replay from there) and, for
 * comparison, by re-running the scenario from the start as the store did before checkpoints.
 * The same drops run twice: here under Node (CPU time) and in Chromium, the app's own engine,
 * on the store and simulator built as the app is built (bench/fork-harness).
 */
import { readFileSync } from 'node:fs';
import { forkDrops, median, SAMPLES } from './fork-drops';
import { skippedRow, withHarnessPage } from './harness-page';
import type { BenchRow } from './types';

/**
 * CPU time of this process in milliseconds: the machine is shared, so wall time mostly
 * measures the scheduler (docs/engine.md, "Performance").
 */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * CPU time of this process's main thread in milliseconds (Linux, nanoseconds in schedstat):
 * the process's time also counts V8's compiler and collector threads, which run beside the
 * main thread; a user waits only for the main thread when a core is free for them.
 */
function mainThreadMs(): number {
  const line = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8');
  return Number(line.split(' ')[0]) / 1e6;
}

const tenth = (ms: number) => Math.round(ms * 10) / 10;

/** Drops segments under Node: process CPU time, main-thread CPU time and re-run CPU time. */
function nodeDrops(): { segments: number; times: number[]; main: number[]; reruns: number[] } {
  const drops = forkDrops();
  let clocks = [cpuMs];
  try {
    mainThreadMs();
    clocks = [cpuMs, mainThreadMs];
  } catch {
    // No /proc: the process's time only.
  }
  const times: number[] = [];
  const main: number[] = [];
  const reruns: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const [all, own] = drops.drop(i, clocks);
    times.push(all as number);
    if (own !== undefined) main.push(own);
    reruns.push(drops.rerun(cpuMs));
  }
  return { segments: drops.segments, times, main, reruns };
}

function dropRows(label: string, times: readonly number[], note: string): BenchRow[] {
  return [
    {
      name: `${label}: drop mid-run → new future in the store, median`,
      value: tenth(median(times)),
      unit: 'ms',
      note,
    },
    {
      name: `${label}: drop mid-run → new future in the store, worst`,
      value: tenth(Math.max(...times)),
      unit: 'ms',
    },
    ...mainRows(label, times, undefined),
  ];
}

/**
 * The first drop apart from the later ones: the first drops of a process run code V8 compiled
 * for a run without loss, and compile it again (docs/engine.md, "Performance"); the later ones
 * show the fork's own cost.
 */
function mainRows(label: string, times: readonly number[], note: string | undefined): BenchRow[] {
  const first3 = times.slice(0, 3).map((x) => Math.round(x));
  return [
    {
      name: `${label}: first drop`,
      value: tenth(times[0] ?? 0),
      unit: 'ms',
      note: `${note ? `${note}; ` : ''}drops 1–3: ${first3.join(' / ')} ms, median of ${times.length}: ${tenth(median(times))} ms`,
    },
    { name: `${label}: drops 11–20, median`, value: tenth(median(times.slice(10))), unit: 'ms' },
  ];
}

/**
 * The same drops in headless Chromium, on a page built by Vite from bench/fork-harness (the
 * store and simulator minified and bundled as the app ships them). Timed inside the page with
 * performance.now() around dropSegment: wall time on the page's main thread, which is what a
 * user at the app waits (V8 compiles on other threads meanwhile), and which a loaded machine
 * lengthens with the scheduler's waits.
 */
async function chromiumDrops(): Promise<{ wall: number[]; main: number[] }> {
  return withHarnessPage('fork-harness', { port: 4275, target: 'es2022' }, async (browser, url) => {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction(() => document.title.endsWith('ready'));
    // Durations in the main thread's CPU time, not wall time (CDP Performance.enable).
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const taskMs = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
    };
    type Bench = { start(): number; drop(i: number): number; rerun(): number };
    await page.evaluate(() => (window as unknown as { forkBench: Bench }).forkBench.start());
    const wall: number[] = [];
    const main: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const before = await taskMs();
      wall.push(
        await page.evaluate(
          (k) => (window as unknown as { forkBench: Bench }).forkBench.drop(k),
          i,
        ),
      );
      main.push((await taskMs()) - before);
      await page.evaluate(() => (window as unknown as { forkBench: Bench }).forkBench.rerun());
    }
    return { wall, main };
  });
}

export async function benchFork(): Promise<BenchRow[]> {
  const node = nodeDrops();
  const note = `${node.segments.toLocaleString('en-US')} segments, ${SAMPLES} drops mid-run`;
  const rows = [
    ...dropRows('fork', node.times, `${note}, CPU time; target < 50`),
    ...(node.main.length > 0
      ? mainRows('fork, main thread', node.main, 'CPU time of the main thread alone')
      : []),
    {
      name: 'fork: re-running from the start instead, median',
      value: tenth(median(node.reruns)),
      unit: 'ms',
      note: 'how the store forked before checkpoints',
    },
  ];
  try {
    const page = await chromiumDrops();
    rows.push(
      ...mainRows('fork in Chromium', page.main, "the page's main thread, CPU time (CDP)"),
      ...mainRows('fork in Chromium, wall', page.wall, 'performance.now() in the page'),
    );
  } catch (error) {
    rows.push(skippedRow('fork in Chromium', error));
  }
  return rows;
}
