// A bench page (bench/<name>/index.html) built by Vite as the app ships its code, served on
// this machine and opened in headless Chromium, where the app itself runs.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InlineConfig, PluginOption } from 'vite';
import type { Browser } from '@playwright/test';
import type { BenchRow } from './types';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Builds and serves bench/`name`, starts Chromium, and gives `use` the browser and the page's
 * address; the browser and the server are closed after, whatever `use` does.
 */
export async function withHarnessPage<T>(
  name: string,
  setup: { port: number; plugins?: PluginOption[]; target?: string },
  use: (browser: Browser, url: string) => Promise<T>,
): Promise<T> {
  const { build } = await import('vite');
  const harness = join(root, 'bench', name);
  const outDir = join(root, 'test-output', `bench-${name}`);
  await build({
    root: harness,
    configFile: false,
    logLevel: 'error',
    base: './',
    plugins: setup.plugins ?? [],
    build: { outDir, emptyOutDir: true, ...(setup.target ? { target: setup.target } : {}) },
  });
  return withServedPage(
    { root: harness, configFile: false, logLevel: 'error', build: { outDir } },
    setup.port,
    use,
  );
}

/**
 * Serves a built page with `vite preview` (`config` names its root and build), starts Chromium,
 * and gives `use` the browser and the page's address; both are closed after, whatever `use` does.
 */
export async function withServedPage<T>(
  config: InlineConfig,
  port: number,
  use: (browser: Browser, url: string) => Promise<T>,
): Promise<T> {
  const { preview } = await import('vite');
  const { chromium } = await import('@playwright/test');
  const { chromiumArgs, findChromium } = await import('../scripts/chromium');
  const server = await preview({
    ...config,
    preview: { port, strictPort: false, host: '127.0.0.1' },
  });
  const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;
  const executablePath = findChromium();
  const browser = await chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: chromiumArgs,
  });
  try {
    return await use(browser, url);
  } finally {
    await browser.close();
    await new Promise<void>((done) => server.httpServer.close(() => done()));
  }
}

/** The row that stands for measurements in Chromium that could not run here, and says why. */
export function skippedRow(name: string, error: unknown): BenchRow {
  const why = error instanceof Error ? error.message : String(error);
  return { name, value: 0, unit: '', note: `skipped: ${why.split('\n')[0]}` };
}
