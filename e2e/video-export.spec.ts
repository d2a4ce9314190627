// Exports for slides beyond the GIF: a WebM video of the chosen size with the frames the dialog
// promised (its EBML container walked far enough to count them), and numbered stills, one per
// visible step, in a zip named 01.svg, 02.svg …
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { unzipSync, strFromU8 } from 'fflate';
import { VIEWPORTS } from './support';

/** Frame count and pixel size of a WebM file: Segment → Tracks/Video and Cluster → blocks. */
function webmInfo(bytes: Buffer): { width: number; height: number; frames: number } {
  const MASTERS = new Set([0x18538067, 0x1654ae6b, 0xae, 0xe0, 0x1f43b675, 0xa0]);
  const info = { width: 0, height: 0, frames: 0 };
  const vint = (at: number, keepMarker: boolean) => {
    const first = bytes[at] ?? 0;
    let length = 1;
    while (length <= 8 && !(first & (0x80 >> (length - 1)))) length += 1;
    let value = keepMarker ? first : first & (0xff >> length);
    let allOnes = value === (keepMarker ? first : 0xff >> length);
    for (let i = 1; i < length; i++) {
      const byte = bytes[at + i] ?? 0;
      if (byte !== 0xff) allOnes = false;
      value = value * 256 + byte;
    }
    return { value, length, unknown: !keepMarker && allOnes };
  };
  const walk = (start: number, end: number) => {
    let at = start;
    while (at < end) {
      const id = vint(at, true);
      const size = vint(at + id.length, false);
      const body = at + id.length + size.length;
      const bodyEnd = size.unknown ? end : body + size.value;
      if (MASTERS.has(id.value)) walk(body, bodyEnd);
      else if (id.value === 0xa3 || id.value === 0xa1) info.frames += 1;
      else if (id.value === 0xb0) info.width = bytes.readUIntBE(body, size.value);
      else if (id.value === 0xba) info.height = bytes.readUIntBE(body, size.value);
      at = bodyEnd;
    }
  };
  expect(bytes.readUInt32BE(0)).toBe(0x1a45dfa3);
  walk(0, bytes.length);
  return info;
}

test('a WebM video of the handshake has the frames and the width asked for', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize(VIEWPORTS.projector);
  await page.goto('./?scenario=handshake');
  await page.getByRole('button', { name: 'Export animation' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export animation' });
  await dialog.getByLabel('Format').selectOption({ label: 'WebM video' });
  await dialog.getByLabel('From (ms)').fill('0');
  await dialog.getByLabel('To (ms)').fill('60');
  await dialog.getByLabel('Width (px)').selectOption('480');
  await dialog.getByLabel('Speed').selectOption({ label: '1/10× real time' });
  // 60 ms at 1/10 of real time, 25 frames a second: a frame every 4 ms of the run.
  await expect(dialog).toContainText('16 frames.');
  const pending = page.waitForEvent('download', { timeout: 60_000 });
  await dialog.getByRole('button', { name: 'Export WebM' }).click();
  const download = await pending;
  expect(download.suggestedFilename()).toBe('handshake-0-60ms.webm');
  const info = webmInfo(readFileSync(await download.path()));
  expect(info).toMatchObject({ frames: 16, width: 480 });
  expect(info.height).toBeGreaterThan(100);
  expect(info.height % 2).toBe(0);
  await expect(dialog.getByRole('status')).toHaveText(
    'Exported 16 frames of WebM video, 480 px wide.',
  );
});

test('numbered stills are one SVG per visible step, in order', async ({ page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize(VIEWPORTS.projector);
  await page.goto('./?scenario=handshake');
  await page.getByRole('button', { name: 'Export animation' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export animation' });
  await dialog.getByLabel('Format').selectOption({ label: 'Numbered stills, SVG (zip)' });
  // The handshake's visible steps: LISTEN at 0, the SYN at 10, its arrival at 60, the
  // SYN-ACK's at 110, the ACK's at 160.
  await expect(dialog).toContainText('5 stills, one per visible step.');
  const pending = page.waitForEvent('download', { timeout: 45_000 });
  await dialog.getByRole('button', { name: 'Export stills' }).click();
  const download = await pending;
  const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
  expect(Object.keys(files).sort()).toEqual(['01.svg', '02.svg', '03.svg', '04.svg', '05.svg']);
  const svg = (name: string) => strFromU8(files[name] as Uint8Array);
  expect(svg('01.svg')).toMatch(/^<svg/);
  expect(svg('01.svg')).toContain('step 1 of 5');
  expect(svg('01.svg')).not.toContain('ESTABLISHED');
  // The client is ESTABLISHED from the fourth step, the server from the fifth.
  const established = (name: string) => svg(name).match(/>ESTABLISHED</g)?.length ?? 0;
  expect(established('03.svg')).toBe(0);
  expect(established('05.svg')).toBeGreaterThan(established('04.svg'));
  expect(established('04.svg')).toBeGreaterThan(0);
  await expect(dialog.getByRole('status')).toHaveText('Exported 5 stills, one per visible step.');
});
