// Exports for slides beyond the GIF: WebM and MP4 videos of the chosen size with the frames the
// dialog promised (their containers walked far enough to count them), and numbered stills, one
// per visible step, in a zip named 01.svg, 02.svg … (or 01.png …)
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

/** Frame count and pixel size of an MP4 file: moov → trak → tkhd (size) and stbl → stsz (samples). */
function mp4Info(bytes: Buffer): { width: number; height: number; frames: number } {
  const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl']);
  const info = { width: 0, height: 0, frames: 0 };
  const walk = (start: number, end: number) => {
    let at = start;
    while (at + 8 <= end) {
      const size = bytes.readUInt32BE(at);
      const type = bytes.toString('latin1', at + 4, at + 8);
      const boxEnd = size === 0 ? end : at + size;
      if (CONTAINERS.has(type)) walk(at + 8, boxEnd);
      else if (type === 'tkhd') {
        // The last eight bytes: width and height as 16.16 fixed-point numbers.
        info.width = bytes.readUInt32BE(boxEnd - 8) / 65536;
        info.height = bytes.readUInt32BE(boxEnd - 4) / 65536;
      } else if (type === 'stsz') info.frames = bytes.readUInt32BE(at + 16);
      at = boxEnd;
    }
  };
  expect(bytes.toString('latin1', 4, 8)).toBe('ftyp');
  walk(0, bytes.length);
  return info;
}

test('WebM and MP4 videos of the handshake have the frames and the width asked for', async ({
  page,
}) => {
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

  // MP4 where this browser encodes H.264; where it cannot, the dialog says so and offers none.
  const mp4 = dialog.getByRole('option', { name: /^MP4 video/ });
  if ((await mp4.textContent())?.includes('not in this browser')) {
    await dialog.getByLabel('Format').selectOption({ label: 'MP4 video (not in this browser)' });
    await expect(dialog).toContainText('This browser cannot encode H.264');
    await expect(dialog.getByRole('button', { name: 'Export MP4' })).toBeDisabled();
    return;
  }
  await dialog.getByLabel('Format').selectOption({ label: 'MP4 video' });
  const mp4Download = page.waitForEvent('download', { timeout: 60_000 });
  await dialog.getByRole('button', { name: 'Export MP4' }).click();
  const mp4File = await mp4Download;
  expect(mp4File.suggestedFilename()).toBe('handshake-0-60ms.mp4');
  expect(mp4Info(readFileSync(await mp4File.path()))).toEqual({ ...info, frames: 16 });
});

test('numbered stills are one SVG or PNG per visible step, in order', async ({ page }) => {
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

  // The same steps as PNG images, for decks that take no SVG: the width asked for, in order.
  await dialog.getByLabel('Format').selectOption({ label: 'Numbered stills, PNG (zip)' });
  await dialog.getByLabel('Width (px)').selectOption('480');
  const pngPending = page.waitForEvent('download', { timeout: 45_000 });
  await dialog.getByRole('button', { name: 'Export stills' }).click();
  const pngs = unzipSync(new Uint8Array(readFileSync(await (await pngPending).path())));
  expect(Object.keys(pngs).sort()).toEqual(['01.png', '02.png', '03.png', '04.png', '05.png']);
  for (const png of Object.values(pngs)) {
    const bytes = Buffer.from(png);
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    // IHDR: the width right after the signature and the chunk's length and type.
    expect(bytes.readUInt32BE(16)).toBe(480);
  }
});
