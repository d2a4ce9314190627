/**
 * `npm run bench -- ui`: the visualizer's weight and speed.
 * - gzip weight of the JS and CSS the first view loads (dist/index.html's entry script, its
 *   modulepreloads and stylesheets, and their static imports; lazy chunks are not counted), and
 *   beside it the weight of everything else in dist/assets (fetched after the first view); the
 *   same first-view weight for the embed page (dist/embed.html);
 * - seeking the store at 100 and at 100,000 trace events, and their ratio (binary search: the
 *   ratio should stay near 1, far from 1000);
 * - for a 10,000-segment run in real Chromium: DOM nodes in the diagram, and script time per
 *   animation frame while playing (Chrome's ScriptDuration metric over the frames counted);
 * - in the built app, applying a 6,000-segment script run (bench/land-run.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { BenchRow } from './types';
import { skippedRow, withHarnessPage, withServedPage } from './harness-page';
import { syntheticWorld } from './synthetic-run';
import { createLabStore } from '../src/store/create-lab-store';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** The files a page's first view fetches, from its HTML and the entry's static imports. */
export function firstViewFiles(dist: string, page = 'index.html'): string[] {
  const html = readFileSync(join(dist, page), 'utf8');
  const found = new Set<string>();
  const queue: string[] = [];
  const add = (relative: string, from: string) => {
    const file = resolve(from, relative);
    if (!found.has(file) && existsSync(file)) {
      found.add(file);
      if (file.endsWith('.js')) queue.push(file);
    }
  };
  for (const match of html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)) {
    add(match[1] as string, dist);
  }
  for (const match of html.matchAll(
    /<link[^>]*rel="(?:modulepreload|stylesheet)"[^>]*href="([^"]+)"/g,
  )) {
    add(match[1] as string, dist);
  }
  while (queue.length > 0) {
    const file = queue.shift() as string;
    const code = readFileSync(file, 'utf8');
    // Static imports only: `import x from "./a.js"` and `import "./a.js"`, never `import("./a.js")`.
    for (const match of code.matchAll(
      /(?:^|[;\n}])\s*import\s*(?:[^'"();]*?\bfrom\s*)?["'](\.\/[^"']+\.js)["']/g,
    )) {
      add(match[1] as string, dirname(file));
    }
  }
  return [...found];
}

export function firstViewWeight(dist = join(root, 'dist')): BenchRow[] {
  if (!existsSync(join(dist, 'index.html'))) {
    return [
      {
        name: 'first view JS+CSS (gzip)',
        value: 0,
        unit: 'KB',
        note: 'no dist/: run `npx vite build` first',
      },
    ];
  }
  const files = firstViewFiles(dist);
  const gzOf = (list: readonly string[], ext: string) =>
    list
      .filter((f) => f.endsWith(ext))
      .reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length, 0);
  const gz = (ext: string) => gzOf(files, ext);
  const js = gz('.js');
  const css = gz('.css');
  const assets = join(dist, 'assets');
  const later = existsSync(assets)
    ? readdirSync(assets)
        .map((name) => join(assets, name))
        .filter((file) => !files.includes(file))
    : [];
  const laterBytes = gzOf(later, '.js') + gzOf(later, '.css');
  const embed = existsSync(join(dist, 'embed.html')) ? firstViewFiles(dist, 'embed.html') : [];
  const embedBytes = gzOf(embed, '.js') + gzOf(embed, '.css');
  const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
  return [
    {
      name: 'first view JS (gzip)',
      value: kb(js),
      unit: 'KB',
      note: `${files.filter((f) => f.endsWith('.js')).length} files`,
    },
    { name: 'first view CSS (gzip)', value: kb(css), unit: 'KB' },
    {
      name: 'first view JS+CSS (gzip)',
      value: kb(js + css),
      unit: 'KB',
      note: 'budget 130 KB, aim 115 KB',
    },
    {
      name: 'embed page first view JS+CSS (gzip)',
      value: kb(embedBytes),
      unit: 'KB',
      note: `dist/embed.html, ${embed.length} files`,
    },
    {
      name: 'after the first view: lazy JS+CSS (gzip)',
      value: kb(laterBytes),
      unit: 'KB',
      note: `${later.filter((f) => /\.(js|css)$/.test(f)).length} files (motion features, explanations, log, share…)`,
    },
  ];
}

/** Median microseconds per seek to a random moment, on a run of about `events` trace events. */
function seekMicros(events: number): number {
  const store = createLabStore({ world: syntheticWorld(Math.max(1, Math.round(events / 2))) });
  const end = store.getState().timeline.endTime;
  let seed = 12345;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const samples: number[] = [];
  for (let round = 0; round < 15; round++) {
    const count = 2000;
    const start = performance.now();
    for (let i = 0; i < count; i++) store.getState().seek(next() * end);
    samples.push(((performance.now() - start) * 1000) / count);
  }
  return median(samples);
}

function seekRows(): BenchRow[] {
  const small = seekMicros(100);
  const large = seekMicros(100_000);
  return [
    { name: 'seek, 100 events', value: small, unit: 'µs', note: 'median of 15 × 2,000 seeks' },
    { name: 'seek, 100,000 events', value: large, unit: 'µs' },
    {
      name: 'seek cost ratio 100,000 / 100 events',
      value: large / small,
      unit: '×',
      note: 'a replay would be ~1000×',
    },
  ];
}

async function browserRows(): Promise<BenchRow[]> {
  const react = (await import('@vitejs/plugin-react')).default;
  return withHarnessPage('ui-harness', { port: 4273, plugins: [react()] }, async (browser, url) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${url}?segments=10000`);
    await page.getByRole('figure', { name: 'Sequence diagram' }).waitFor();
    const countNodes = () =>
      page.evaluate(() => document.querySelector('figure')?.querySelectorAll('*').length ?? 0);
    const nodesAtStart = await countNodes();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const scriptSeconds = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0;
    };
    // Fast enough that the view scrolls through many arrows during the measurement.
    await page.evaluate(() => (window as unknown as { bench: { play(): void } }).bench.play());
    await page.waitForTimeout(300);
    const framesBefore = await page.evaluate(() =>
      (window as unknown as { bench: { frames(): number } }).bench.frames(),
    );
    const scriptBefore = await scriptSeconds();
    await page.waitForTimeout(3000);
    const scriptAfter = await scriptSeconds();
    const framesAfter = await page.evaluate(() =>
      (window as unknown as { bench: { frames(): number } }).bench.frames(),
    );
    const nodesPlaying = await countNodes();
    const frames = Math.max(1, framesAfter - framesBefore);
    return [
      { name: 'diagram DOM nodes, 10,000-segment run (start)', value: nodesAtStart, unit: 'nodes' },
      {
        name: 'diagram DOM nodes, 10,000-segment run (playing)',
        value: nodesPlaying,
        unit: 'nodes',
        note: 'only the arrows near the view',
      },
      {
        name: 'script time per frame while playing',
        value: ((scriptAfter - scriptBefore) * 1000) / frames,
        unit: 'ms',
        note: `${frames} frames in 3 s, Chrome ScriptDuration`,
      },
    ];
  });
}

/** The built app (dist/) served and opened in Chromium: a big run applied on the page. */
async function appRows(): Promise<BenchRow[]> {
  if (!existsSync(join(root, 'dist', 'index.html'))) {
    return [
      {
        name: 'apply a 6,000-segment run',
        value: 0,
        unit: 'ms',
        note: 'no dist/: run `npx vite build` first',
      },
    ];
  }
  const { landRunRows } = await import('./land-run');
  return withServedPage({ root, logLevel: 'error' }, 4274, landRunRows);
}

export async function benchUi(): Promise<BenchRow[]> {
  const rows = [...firstViewWeight(), ...seekRows()];
  for (const measure of [browserRows, appRows]) {
    try {
      rows.push(...(await measure()));
    } catch (error) {
      rows.push(skippedRow('browser measurements', error));
    }
  }
  return rows;
}
