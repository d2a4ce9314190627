// Real captures in the browser: open a pcapng by the file chooser or by dropping it, pick a
// conversation, step through it and inspect it; download the run as a capture and have tshark
// read it; a file that is not a capture is named in one message and the run on screen stays.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { tsxOutput } from '../src/cli/testing/run-tsx';
import {
  diagram,
  diagramHidden,
  expectNoAxeViolations,
  saveScreenshot,
  VIEWPORTS,
  watchPage,
} from './support';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;
const TSHARK = '/usr/bin/tshark';

/** Drops a file on the page as a person dragging it from their file manager would. */
async function dropFile(page: Page, name: string, bytes: Buffer) {
  const transfer = await page.evaluateHandle(
    ({ name, data }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(data)], name));
      return dt;
    },
    { name, data: [...bytes] },
  );
  await page.locator('main').dispatchEvent('dragover', { dataTransfer: transfer });
  await page.locator('main').dispatchEvent('drop', { dataTransfer: transfer });
}

test.describe('captures', () => {
  test('open by the file chooser, pick a conversation, step and inspect', async ({ page }) => {
    // Reading, an axe scan and a full-page screenshot: slow on a busy machine.
    test.setTimeout(90_000);
    const watched = watchPage(page);
    await page.setViewportSize(VIEWPORTS.projector);
    await page.goto('./?scenario=handshake');
    const before = page.url();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Open capture' }).click();
    await (await chooser).setFiles(fixture('two-conversations.pcapng'));

    const dialog = page.getByRole('dialog', { name: 'Open a capture' });
    const list = dialog.getByRole('table', { name: /2 TCP conversations/ });
    await expect(list).toBeVisible({ timeout: 10_000 });
    await expect(list).toContainText('10.0.0.1:49152 → 10.0.0.2:80');
    await expect(list).toContainText('[2001:db8::1]:40000 → [2001:db8::80]:80');
    await expect(dialog).toContainText('sent nowhere');
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: /^Show conversation 1:/ }).click();
    await expect(dialog).toBeHidden();

    const banner = page.getByRole('region', { name: 'Capture' });
    await expect(banner).toContainText('two-conversations.pcapng');
    await expect(banner).toContainText('7 packets');
    await expect(banner).toContainText('States inferred');
    // Wireshark's marks: the SYN and SYN-ACK sent again are retransmissions.
    const marks = page.getByRole('region', { name: 'Expert marks' });
    await expect(marks.getByRole('button', { name: /TCP Retransmission/ }).first()).toBeVisible();
    // Run settings belong to scenarios; the address keeps the scenario.
    await expect(page.getByLabel('Loss (%)')).toBeDisabled();
    expect(page.url()).toBe(before);

    const next = page.getByRole('button', { name: 'Next event' });
    // The first steps: the server was listening (inferred: it answers), the client sends its SYN.
    await next.click();
    await expect(page.getByRole('status', { name: 'Server state' })).toHaveText(/LISTEN/);
    await next.click();
    await expect(page.getByRole('status', { name: 'Client state' })).toHaveText(/SYN-SENT/);
    // The SYN-ACK that the client's repeated SYN shows was lost, drawn as lost.
    for (let i = 0; i < 3; i++) await next.click();
    await expect(page.getByRole('status', { name: 'Client state' })).toHaveText(/SYN-SENT/);
    await page.getByRole('button', { name: 'End', exact: true }).click();
    await expect(page.getByRole('status', { name: 'Client state' })).toHaveText(/ESTABLISHED/);
    await expect(page.getByRole('status', { name: 'Server state' })).toHaveText(/ESTABLISHED/);

    await diagram(page)
      .getByRole('button', { name: /^SYN-ACK .*server to client/ })
      .last()
      .press('Enter');
    const side = page.getByRole('complementary', { name: 'Explanations' });
    const fields = side.getByRole('table', { name: /Header fields of segment #5/ });
    await expect(fields).toBeVisible();
    await fields
      .getByRole('row', { name: /Window/ })
      .first()
      .click();
    await expect(side).toContainText('64240');
    await saveScreenshot(page, 'capture-conversation-1280x720');

    // Another conversation of the same file, from the banner: IPv6, opened before the capture.
    await banner.getByLabel('Conversation').selectOption('2');
    await expect(banner).toContainText('[2001:db8::1]:40000 → [2001:db8::80]:80');
    await page.getByRole('button', { name: 'End', exact: true }).click();
    await expect(
      diagram(page)
        .getByRole('button', { name: /A to B/ })
        .first(),
    ).toBeVisible();

    await banner.getByRole('button', { name: 'Back to scenarios' }).click();
    await expect(banner).toBeHidden();
    await expect(page.getByLabel('Loss (%)')).toBeEnabled();
    expect(watched.problems).toEqual([]);
    expect(watched.foreignRequests).toEqual([]);
  });

  test('open by dropping a file; a file that is not a capture gets one message', async ({
    page,
  }) => {
    await page.setViewportSize(VIEWPORTS.phone);
    await page.goto('./?scenario=lost-syn');
    // The drop target arrives with the capture's actions, which a phone keeps behind "More
    // actions": closed here, and the dialog a drop opens still shows.
    await expect(
      page.getByRole('button', { name: 'Open capture', includeHidden: true }),
    ).toBeAttached();
    await expect(page.getByRole('button', { name: 'More actions' })).toHaveAttribute(
      'aria-expanded',
      'false',
    );

    await dropFile(page, 'notes.txt', Buffer.from('These are my notes, not a capture.\n'));
    const dialog = page.getByRole('dialog', { name: 'Open a capture' });
    await expect(dialog.getByRole('alert')).toHaveText(
      'notes.txt: This file cannot be opened as a capture: not a pcap file: magic number 0x54686573.',
    );
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByRole('region', { name: 'Capture' })).toBeHidden();
    await expect(page.getByRole('combobox', { name: /Scenario/ })).toHaveValue('lost-syn');

    await dropFile(page, 'lost-syn-ack.pcapng', readFileSync(fixture('lost-syn-ack.pcapng')));
    await expect(dialog.getByRole('table', { name: /1 TCP conversation/ })).toBeVisible({
      timeout: 10_000,
    });
    // The way on is in view on a phone: the numbers scroll sideways, the Show button does not.
    await expect(dialog.getByRole('button', { name: /^Show conversation 1:/ })).toBeInViewport();
    await saveScreenshot(page, 'capture-list-390x844');
    await dialog.getByRole('button', { name: /^Show conversation 1:/ }).click();
    await expect(page.getByRole('region', { name: 'Capture' })).toContainText(
      'lost-syn-ack.pcapng',
    );
    // The banner stands above the diagram; the page brings the whole diagram into the screen,
    // above the transport bar, rather than leaving a sliver of it there.
    await expect.poll(() => diagramHidden(page)).toEqual({ above: 0, below: 0 });
    await saveScreenshot(page, 'capture-opened-390x844');
  });

  test('download the run as pcap and pcapng: tshark reads them, as the CLI writes them', async ({
    page,
  }) => {
    // Two downloads and two tshark runs: a minute and a half on a loaded machine.
    test.setTimeout(90_000);
    await page.setViewportSize(VIEWPORTS.projector);
    await page.goto('./?scenario=lost-syn-ack');
    const dir = mkdtempSync(join(tmpdir(), 'hl-download-'));

    async function download(format: RegExp, point: string): Promise<string> {
      await page.getByRole('button', { name: 'Download capture' }).click();
      const dialog = page.getByRole('dialog', { name: 'Download capture' });
      await dialog.getByRole('radio', { name: format }).check();
      await dialog.getByLabel('Capture point').selectOption(point);
      const pending = page.waitForEvent('download');
      await dialog.getByRole('button', { name: 'Download' }).click();
      const file = await pending;
      const path = join(dir, file.suggestedFilename());
      await file.saveAs(path);
      return path;
    }

    const pcap = await download(/^pcap \(classic/, 'client');
    expect(pcap).toMatch(/lost-syn-ack-client\.pcap$/);
    const cli = join(dir, 'cli.pcap');
    tsxOutput('src/cli/sim.ts', [
      '--scenario',
      'lost-syn-ack',
      '--pcap',
      cli,
      '--capture-at',
      'client',
    ]);
    expect(readFileSync(pcap).equals(readFileSync(cli))).toBe(true);

    const pcapng = await download(/^pcapng/, 'link');
    for (const file of [pcap, pcapng]) {
      const problems = execFileSync(TSHARK, [
        '-n',
        '-r',
        file,
        '--disable-protocol',
        'http',
        '-o',
        'tcp.check_checksum:TRUE',
        '-o',
        'ip.check_checksum:TRUE',
        '-Y',
        // The lost SYN-ACK's retransmission is explained by the run; anything else is a fault.
        '_ws.malformed || tcp.checksum.status == 0 || ip.checksum.status == 0 || (_ws.expert.severity >= warning && !tcp.analysis.retransmission && !tcp.analysis.duplicate_ack && !tcp.analysis.lost_segment)',
      ]).toString();
      expect(problems, file).toBe('');
    }
    const comments = execFileSync(TSHARK, ['-r', pcapng, '-T', 'fields', '-e', 'frame.comment'])
      .toString()
      .trim()
      .split('\n');
    expect(comments.length).toBeGreaterThan(3);
    expect(comments[0]).toMatch(/SYN/);
    expect(comments.every((c) => c.length > 10)).toBe(true);
  });
});
