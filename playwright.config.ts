import { defineConfig, devices } from '@playwright/test';
import { chromiumArgs, findChromium } from './scripts/chromium';

const executablePath = findChromium();
// E2E_PORT lets two checkouts run their end-to-end tests side by side without sharing a server.
const port = Number(process.env.E2E_PORT ?? 4173);

const chromium = {
  ...devices['Desktop Chrome'],
  launchOptions: { ...(executablePath ? { executablePath } : {}), args: chromiumArgs },
};
/** Specs that measure responsiveness, run when no other test loads the machine. */
const RUN_ALONE = /responsive-run\.spec\.ts$/;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-output/playwright',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  timeout: 30_000,
  reporter: [['list'], ['json', { outputFile: 'test-output/playwright.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: RUN_ALONE,
      use: chromium,
    },
    {
      // Timing of the page's own main thread: measured after every other test has finished, so
      // only the machine's load (which the spec measures as its control) competes with it.
      name: 'chromium, alone',
      testMatch: RUN_ALONE,
      dependencies: ['chromium'],
      use: chromium,
    },
  ],
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
