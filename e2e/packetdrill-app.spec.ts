// packetdrill scripts in the app: open or paste a .pkt file and watch it as a sequence diagram,
// the script's peer on one lifeline, the engine on the other, each mismatch marked on its arrow.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import {
  VIEWPORTS,
  expectNoAxeViolations,
  headerAction,
  saveScreenshot,
  watchPage,
} from './support';

const ACTIVE = readFileSync(
  new URL('../conformance/handshake-active.pkt', import.meta.url),
  'utf8',
);
const IP_OPTIONS = readFileSync(new URL('../conformance/ip-ttl-tos.pkt', import.meta.url), 'utf8');
const GOOD_ACK = '   +0 > . 1:1(0) ack 1 <nop,nop,TS val 150 ecr 700>';
const WRONG_ACK = ACTIVE.replace(GOOD_ACK, '   +0 > . 1:1(0) ack 11 <nop,nop,TS val 150 ecr 700>');

async function runPasted(page: Page, text: string) {
  await page.getByRole('button', { name: 'Open packetdrill script' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open a packetdrill script' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Script', { exact: true }).fill(text);
  await dialog.getByRole('button', { name: 'Run' }).click();
  return dialog;
}

/**
 * Steps through the whole run with the Next event button (the clicker's key). Forty clicks, each
 * waiting for the page to settle, take seconds on a loaded machine: the test gets a minute more.
 */
async function stepToEnd(page: Page) {
  const info = test.info();
  info.setTimeout(info.timeout + 60_000);
  const next = page.getByRole('button', { name: 'Next event' });
  const log = page.getByRole('table', { name: 'Event log' });
  await expect(log).toBeVisible();
  for (let i = 0; i < 40; i += 1) await next.click();
}

test.describe('packetdrill scripts in the app', () => {
  test('a pasted script plays as a sequence diagram between the script and the engine', async ({
    page,
  }) => {
    const watched = watchPage(page);
    await page.setViewportSize(VIEWPORTS.projector);
    await page.goto('./?scenario=handshake');
    const before = page.url();
    const dialog = await runPasted(page, ACTIVE);
    await expect(dialog).toBeHidden();

    const banner = page.getByRole('region', { name: 'Script run' });
    await expect(banner).toContainText('Pasted script');
    await expect(banner).toContainText('0 failed');
    await expect(banner).toContainText('profile linux');
    await expect(banner).toContainText('about script runs');
    const figure = page.getByRole('figure', { name: 'Sequence diagram' });
    await expect(figure.getByText('engine', { exact: true })).toBeVisible();
    await expect(figure.getByText('script', { exact: true })).toBeVisible();

    await stepToEnd(page);
    await expect(figure.getByRole('button', { name: 'SYN seq=0 engine to script' })).toBeVisible();
    await expect(
      figure.getByRole('button', { name: 'SYN-ACK seq=200 ack=1 script to engine' }),
    ).toBeVisible();
    await expect(
      figure.getByRole('button', { name: 'ACK seq=1 ack=201 engine to script' }),
    ).toBeVisible();
    await expect(page.getByRole('status', { name: 'Engine state' })).toHaveText(/ESTABLISHED/);
    // Link settings belong to scenarios; the address keeps the scenario.
    await expect(page.getByLabel('Loss (%)')).toBeDisabled();
    expect(page.url()).toBe(before);
    // Display settings are not the run's: a teacher can still switch the theme for the room.
    await expect(page.getByLabel('Numbers')).toBeEnabled();
    await page.getByLabel('Theme').selectOption('dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

    await banner.getByRole('button', { name: 'Back to scenarios' }).click();
    await expect(banner).toBeHidden();
    await expect(page.getByRole('status', { name: 'Client state' })).toBeVisible();
    await expect(page.getByLabel('Loss (%)')).toBeEnabled();
    expect(watched.problems).toEqual([]);
    expect(watched.foreignRequests).toEqual([]);
  });

  test("the inspector shows the TTL and TOS a socket's IP_TTL and IP_TOS set", async ({ page }) => {
    test.slow();
    await page.setViewportSize(VIEWPORTS.projector);
    await page.goto('./?scenario=handshake');
    await runPasted(page, IP_OPTIONS);
    await expect(page.getByRole('region', { name: 'Script run' })).toContainText('0 failed');
    await stepToEnd(page);
    const figure = page.getByRole('figure', { name: 'Sequence diagram' });
    await figure.getByRole('button', { name: /^SYN-ACK seq=0 ack=1 engine to script/ }).click();
    const inspector = page.getByRole('region', { name: 'Segment inspector' });
    const rowOf = (field: string) =>
      inspector.getByRole('row', { name: new RegExp(`^${field}`) }).first();
    await expect(rowOf('Time to live')).toContainText('the sending socket set 4 with IP_TTL');
    await expect(rowOf('DSCP and ECN')).toContainText('0x20');
    await expect(rowOf('DSCP and ECN')).toContainText('the sending socket set it with IP_TOS');
    await saveScreenshot(page, 'packetdrill-ip-options-1280x720');
  });

  test('a deliberate wrong ack marks its arrow as a mismatch', async ({ page }) => {
    await page.setViewportSize(VIEWPORTS.projector);
    await page.goto('./?scenario=handshake');
    await runPasted(page, WRONG_ACK);
    const banner = page.getByRole('region', { name: 'Script run' });
    await expect(banner).toContainText('1 failed');
    await expect(banner).toContainText('Line 20 failed: ack: expected 11 vs actual 1');
    await stepToEnd(page);
    const arrow = page.getByRole('figure', { name: 'Sequence diagram' }).getByRole('button', {
      name: 'ACK seq=1 ack=201 engine to script, mismatch: expected ack 11',
    });
    await expect(arrow).toBeVisible();
    await expect(page.getByRole('figure', { name: 'Sequence diagram' })).toContainText('mismatch');
    await arrow.click();
    await expect(page.getByRole('complementary', { name: 'Explanations' })).toContainText(
      'Mismatch at script line 20',
    );
    await saveScreenshot(page, 'packetdrill-mismatch-1280x720');
    await page.setViewportSize(VIEWPORTS.phone);
    // The first screen a phone shows (the full page is five screens long).
    await page.screenshot({ path: 'test-output/screenshots/packetdrill-mismatch-390x844.png' });
  });

  test('a segment the engine never sent is a ghost arrow at the time it was due', async ({
    page,
  }) => {
    await page.setViewportSize(VIEWPORTS.projector);
    await page.goto('./?scenario=handshake');
    // After the data is acknowledged the engine has nothing to send: a FIN it never sends.
    await runPasted(page, `${ACTIVE}\n +.1 > F. 101:101(0) ack 1\n`);
    await expect(page.getByRole('region', { name: 'Script run' })).toContainText(
      'Timed out waiting for packet',
    );
    await stepToEnd(page);
    await expect(
      page.getByRole('img', {
        name: 'expected: F. 101:101(0) ack 1 (never sent) engine to script, line 28',
      }),
    ).toBeVisible();
    await saveScreenshot(page, 'packetdrill-ghost-1280x720');
  });

  test('bad input is named with its place, and the run on screen stays', async ({ page }) => {
    await page.setViewportSize(VIEWPORTS.projector);
    await page.goto('./?scenario=handshake');
    const dialog = await runPasted(page, ACTIVE);
    await expect(dialog).toBeHidden();

    await page.getByRole('button', { name: 'Open packetdrill script' }).click();
    await expect(dialog).toBeVisible();
    await expectNoAxeViolations(page);
    await dialog
      .getByLabel('Script', { exact: true })
      .fill('0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 > Q 0:0(0)\n');
    await dialog.getByRole('button', { name: 'Run' }).click();
    const alert = dialog.getByRole('alert');
    await expect(alert).toHaveText(/^Syntax error at line 2:\d+: /);
    await saveScreenshot(page, 'packetdrill-dialog-error-1280x720');

    await dialog.getByLabel('Script file (.pkt)').setInputFiles({
      name: 'capture.pcap',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from([0xd4, 0xc3, 0xb2, 0xa1, 0x02, 0x00, 0x04, 0x00]),
    });
    await expect(alert).toHaveText(/capture\.pcap: This is not a text file/);
    await dialog.getByLabel('Script file (.pkt)').setInputFiles({
      name: 'huge.pkt',
      mimeType: 'text/plain',
      buffer: Buffer.from('// padding\n'.repeat(30_000)),
    });
    await expect(alert).toHaveText(
      /huge\.pkt: The file is \d+ KB; the lab opens scripts up to 256 KB/,
    );

    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('region', { name: 'Script run' })).toContainText('Pasted script');
    await stepToEnd(page);
    await expect(
      page.getByRole('button', { name: 'SYN-ACK seq=200 ack=1 script to engine' }),
    ).toBeVisible();
  });

  test('a hostile script is named in one message; the text box and the run on screen stay', async ({
    page,
  }) => {
    const watched = watchPage(page);
    await page.setViewportSize(VIEWPORTS.projector);
    await page.goto('./?scenario=handshake');
    await expect(page.getByRole('status', { name: 'Client state' })).toBeVisible();
    // 2,333 nested brackets once overflowed the parser's stack and emptied the text box.
    const nested = `0 setsockopt(3, SOL_SOCKET, SO_LINGER, ${'['.repeat(2333)}1, 4) = 0\n`;
    await page.getByRole('button', { name: 'Open packetdrill script' }).click();
    const dialog = page.getByRole('dialog', { name: 'Open a packetdrill script' });
    const box = dialog.getByLabel('Script', { exact: true });
    await box.fill(nested);
    await expect(box).toHaveValue(nested);
    await dialog.getByRole('button', { name: 'Run' }).click();
    const alert = dialog.getByRole('alert');
    await expect(alert).toHaveText(
      'Syntax error at line 1:71: arguments nest deeper than 32 levels of [ ], { } or ( )',
    );
    await expect(box).toHaveValue(nested);

    await dialog.getByLabel('Script file (.pkt)').setInputFiles({
      name: 'nested.pkt',
      mimeType: 'text/plain',
      buffer: Buffer.from(nested),
    });
    await expect(box).toHaveValue(nested);
    await dialog.getByRole('button', { name: 'Run' }).click();
    await expect(alert).toHaveText(/^Syntax error at line 1:71: arguments nest deeper/);

    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('region', { name: 'Script run' })).toBeHidden();
    await expect(page.getByRole('status', { name: 'Client state' })).toBeVisible();
    expect(watched.problems).toEqual([]);
  });

  test('opens a .pkt file and takes its profile from the script', async ({ page }) => {
    await page.setViewportSize(VIEWPORTS.phone);
    await page.goto('./?scenario=handshake');
    await (await headerAction(page, 'Open packetdrill script')).click();
    const dialog = page.getByRole('dialog', { name: 'Open a packetdrill script' });
    await dialog.getByLabel('Script file (.pkt)').setInputFiles({
      name: 'handshake-active.pkt',
      mimeType: 'text/plain',
      buffer: Buffer.from(ACTIVE),
    });
    await expect(dialog.getByLabel('Script', { exact: true })).toHaveValue(ACTIVE);
    await expect(dialog.getByLabel('Profile')).toHaveValue('linux');
    await saveScreenshot(page, 'packetdrill-dialog-390x844');
    await dialog.getByRole('button', { name: 'Run' }).click();
    await expect(page.getByRole('region', { name: 'Script run' })).toContainText(
      'handshake-active.pkt',
    );
    // The header names the script and what it tests, not the scenario it replaced.
    const picker = page.getByLabel('Scenario');
    await expect(picker.locator('option:checked')).toHaveText('Script: handshake-active.pkt');
    await expect(
      page.getByText(/^Handshake Lab: the three-way handshake, active side/),
    ).toBeVisible();
  });
});
