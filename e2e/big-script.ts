// A packetdrill script as big as the lab opens (about 250 KB), to run in the run worker.
import type { Locator, Page } from '@playwright/test';

/** A listener's handshake, then `segments` data segments of 10 bytes from the script's peer. */
export function bigScript(segments = 6_000): string {
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
  for (let i = 0; i < segments; i += 1) {
    lines.push(`+.001 < P. ${1 + i * 10}:${11 + i * 10}(10) ack 1 win 65535`);
  }
  return lines.join('\n');
}

/**
 * Opens the script dialog and gives it the big script as the file `bulk-data.pkt` (typing it
 * would take minutes); returns the dialog once it has read the file.
 */
export async function openBigScript(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Open packetdrill script' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open a packetdrill script' });
  await dialog.getByLabel('Script file (.pkt)').setInputFiles({
    name: 'bulk-data.pkt',
    mimeType: 'text/plain',
    buffer: Buffer.from(bigScript()),
  });
  await dialog.getByText('from bulk-data.pkt').waitFor({ timeout: 30_000 });
  return dialog;
}
