import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { bigCapture } from './big-capture';
import { watchPage } from './support';

const PASSIVE = readFileSync(
  new URL('../conformance/handshake-passive.pkt', import.meta.url),
  'utf8',
);
/** Long enough (over 8 KB) to run in the worker: its comment lines change nothing. */
const LONG_PASSIVE = `${'// a comment line that makes the script long enough for the worker\n'.repeat(150)}${PASSIVE}`;

// `npm run build:single` writes one HTML file for offline classrooms and learning platforms.
const singleFile = pathToFileURL(resolve('dist-single/index.html')).href;

test.describe('the single-file build', () => {
  test('opens from disk with its strict policy intact and nothing blocked', async ({ page }) => {
    const watched = watchPage(page);
    await page.goto(singleFile);
    await expect(page.getByRole('heading', { level: 1, name: 'Handshake Lab' })).toBeVisible();
    const policy = await page
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute('content');
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
    expect(watched.problems).toEqual([]);
  });

  test('plays the handshake from disk: both ends reach ESTABLISHED', async ({ page }) => {
    const watched = watchPage(page);
    await page.goto(`${singleFile}?scenario=handshake`);
    const client = page.getByRole('status', { name: 'Client state' });
    const server = page.getByRole('status', { name: 'Server state' });
    await expect(client).toHaveText('CLOSED');
    // The fastest speed: the 160 ms handshake plays in a blink, by the frame loop.
    const speed = page.getByRole('slider', { name: 'Speed' });
    await speed.focus();
    await speed.press('End');
    await expect(speed).toHaveAttribute('aria-valuetext', '100× real time');
    await page.getByRole('button', { name: 'Play' }).click();
    await expect(client).toHaveText('ESTABLISHED');
    await expect(server).toHaveText('ESTABLISHED');
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
    expect(watched.problems).toEqual([]);
  });

  test('runs a packetdrill script from disk, in its inlined worker', async ({ page }) => {
    const watched = watchPage(page);
    await page.goto(singleFile);
    await page.getByRole('button', { name: 'Open packetdrill script' }).click();
    const dialog = page.getByRole('dialog', { name: 'Open a packetdrill script' });
    // The worker may start as soon as the script is in the box (a long script's profile is read
    // there), so listen for it first.
    const worker = page.waitForEvent('worker');
    await dialog.getByLabel('Script', { exact: true }).fill(LONG_PASSIVE);
    await dialog.getByRole('button', { name: 'Run' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('region', { name: 'Script run' })).toContainText('0 failed');
    // It ran in a worker started from the page's own Blob URL (not on the page, the fallback),
    // and the policy refused nothing.
    expect((await worker).url()).toMatch(/^blob:/);
    expect(watched.problems).toEqual([]);
  });

  test('reads a large capture from disk, in its inlined worker', async ({ page }) => {
    const watched = watchPage(page);
    // 400 data segments: about 600 KB, over what the page reads itself.
    const capture = join(test.info().outputDir, 'bulk.pcap');
    mkdirSync(test.info().outputDir, { recursive: true });
    writeFileSync(capture, bigCapture(400));
    await page.goto(singleFile);
    const worker = page.waitForEvent('worker');
    await page.getByLabel('Capture file (pcap or pcapng)').setInputFiles(capture);
    const dialog = page.getByRole('dialog', { name: 'Open a capture' });
    const list = dialog.getByRole('table', { name: /1 TCP conversation/ });
    await expect(list).toContainText('10.0.0.1:49152 → 10.0.0.2:80', { timeout: 20_000 });
    await dialog.getByRole('button', { name: /^Show conversation 1:/ }).click();
    await expect(page.getByRole('region', { name: 'Capture' })).toContainText('bulk.pcap');
    expect((await worker).url()).toMatch(/^blob:/);
    expect(watched.problems).toEqual([]);
  });
});
