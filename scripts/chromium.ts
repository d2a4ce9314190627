// Finds the Chromium the end-to-end tests drive. Playwright cannot download its own browser on
// offline or locked-down machines, so the tests use whatever Chromium the machine has.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/** The first Chromium found: $CHROMIUM_PATH, Debian's /usr/bin/chromium, then Playwright's own. */
export function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  for (const path of candidates) {
    if (path && existsSync(path)) return path;
  }
  try {
    const bundled = chromium.executablePath();
    if (bundled && existsSync(bundled)) return bundled;
  } catch {
    // Playwright has no browser of its own installed.
  }
  return undefined;
}

const runningAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Flags for a headless machine with no network: nothing phones home, nothing needs a GPU. */
export const chromiumArgs = [
  ...(runningAsRoot ? ['--no-sandbox'] : []),
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
