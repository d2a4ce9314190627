// Exports for slides: the diagram between two moments as an animated GIF of the chosen width,
// with the frame count the dialog promised; Cancel stops a long export.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { VIEWPORTS } from './support';

/** Width, height and the number of image frames of a GIF89a file, by walking its blocks. */
function gifInfo(bytes: Buffer): { width: number; height: number; frames: number } {
  expect(bytes.subarray(0, 6).toString('latin1')).toBe('GIF89a');
  const width = bytes.readUInt16LE(6);
  const height = bytes.readUInt16LE(8);
  let at = 13;
  const packed = bytes[10] ?? 0;
  if (packed & 0x80) at += 3 * 2 ** ((packed & 7) + 1);
  const skipSubBlocks = () => {
    while ((bytes[at] ?? 0) !== 0) at += (bytes[at] ?? 0) + 1;
    at += 1;
  };
  let frames = 0;
  while (at < bytes.length && bytes[at] !== 0x3b) {
    if (bytes[at] === 0x21) {
      at += 2;
      skipSubBlocks();
    } else if (bytes[at] === 0x2c) {
      frames += 1;
      const local = bytes[at + 9] ?? 0;
      at += 10;
      if (local & 0x80) at += 3 * 2 ** ((local & 7) + 1);
      at += 1; // LZW minimum code size
      skipSubBlocks();
    } else {
      throw new Error(`unexpected GIF block 0x${(bytes[at] ?? 0).toString(16)} at ${at}`);
    }
  }
  return { width, height, frames };
}

test('a GIF of the handshake has the frames and the width asked for', async ({ page }) => {
  test.setTimeout(120_000);
  // The encoders load only when a user exports: the first view and the dialog cost nothing.
  const encoders: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (/\/(gifenc|video-muxer)-[\w-]+\.js$/.test(path)) encoders.push(path);
  });
  await page.setViewportSize(VIEWPORTS.projector);
  await page.goto('./?scenario=handshake');
  await page.getByRole('button', { name: 'Export animation' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export animation' });
  await dialog.getByLabel('From (ms)').fill('0');
  await dialog.getByLabel('To (ms)').fill('150');
  await dialog.getByLabel('Width (px)').selectOption('480');
  await dialog.getByLabel('Speed').selectOption({ label: '1/10× real time' });
  // 150 ms at 1/10 of real time, 10 frames a second: a frame every 10 ms of the run.
  await expect(dialog).toContainText('16 frames.');
  expect(encoders).toEqual([]);
  const pending = page.waitForEvent('download', { timeout: 90_000 });
  await dialog.getByRole('button', { name: 'Export GIF' }).click();
  const download = await pending;
  expect(download.suggestedFilename()).toBe('handshake-0-150ms.gif');
  expect(encoders).toEqual([expect.stringMatching(/\/gifenc-/)]);
  const info = gifInfo(readFileSync(await download.path()));
  expect(info.frames).toBe(16);
  expect(info.width).toBe(480);
  expect(info.height).toBeGreaterThan(100);
  await expect(dialog.getByRole('status')).toHaveText('Exported 16 frames, 480 px wide.');
});

test('Cancel stops a long export and keeps the playhead', async ({ page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize(VIEWPORTS.projector);
  await page.goto('./?scenario=lost-syn-ack&t=100');
  await page.getByRole('button', { name: 'Export animation' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export animation' });
  await dialog.getByLabel('Speed').selectOption({ label: '1/100× real time' });
  await dialog.getByRole('button', { name: 'Export GIF' }).click();
  await expect(dialog.getByRole('progressbar')).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Export cancelled.');
  await expect(dialog.getByRole('progressbar')).toBeHidden();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('slider', { name: 'Time' })).toHaveValue('100');
});
