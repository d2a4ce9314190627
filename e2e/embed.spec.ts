// Embed mode as a host page uses it: embed.html in iframes of a page from ANOTHER origin, driven
// through the versioned postMessage API; and embed.html alone at phone and desktop widths.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, saveScreenshot, watchPage } from './support';

const LAB = `http://127.0.0.1:${process.env.E2E_PORT ?? 4173}`;

/** A host page with three frames; it records every message and resizes a frame on `height`. */
function hostPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Course page</title></head>
<body style="margin:0;font-family:sans-serif">
<h1>Course page</h1>
<iframe id="a" title="Handshake" src="${LAB}/embed.html?scenario=handshake&controls=minimal"
  style="width:640px;border:0"></iframe>
<div id="spacer" style="height:3000px"></div>
<iframe id="b" title="Lost SYN-ACK" src="${LAB}/embed.html?scenario=lost-syn-ack"
  style="width:400px;border:0"></iframe>
<iframe id="c" title="Locked to another site"
  src="${LAB}/embed.html?scenario=handshake&origins=https%3A%2F%2Fcourse.example"
  style="width:400px;border:0"></iframe>
<script>
  window.received = { a: [], b: [], c: [] };
  addEventListener('message', (event) => {
    if (event.origin !== '${LAB}') return;
    const frame = [...document.querySelectorAll('iframe')].find((f) => f.contentWindow === event.source);
    if (!frame) return;
    window.received[frame.id].push(event.data);
    if (event.data && event.data.event === 'height') frame.style.height = event.data.height + 'px';
  });
  window.send = (id, message) =>
    document.getElementById(id).contentWindow.postMessage(message, '${LAB}');
</script>
</body></html>`;
}

let server: Server;
let hostUrl: string;

test.beforeAll(async () => {
  server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(hostPage());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hostUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

interface Received {
  source: string;
  version: number;
  event: string;
  [field: string]: unknown;
}

const received = (page: Page, id: string): Promise<Received[]> =>
  page.evaluate(
    (frame) =>
      (window as unknown as { received: Record<string, Received[]> }).received[frame] ?? [],
    id,
  );

const send = (page: Page, id: string, message: unknown) =>
  page.evaluate(
    ([frame, data]) =>
      (window as unknown as { send: (id: string, data: unknown) => void }).send(
        frame as string,
        data,
      ),
    [id, message] as const,
  );

const command = (fields: Record<string, unknown>) => ({
  source: 'handshake-lab',
  version: 1,
  ...fields,
});

async function waitForEvent(
  page: Page,
  id: string,
  match: (event: Received) => boolean,
  timeout = 15_000,
) {
  await expect.poll(async () => (await received(page, id)).some(match), { timeout }).toBe(true);
}

test.describe('embedded in a page of another origin', () => {
  test('says ready, resizes its frame, plays on command and reports what happens', async ({
    page,
  }) => {
    const watched = watchPage(page);
    await page.goto(hostUrl);
    await waitForEvent(page, 'a', (e) => e.event === 'ready');
    await waitForEvent(page, 'b', (e) => e.event === 'ready');
    const ready = (await received(page, 'a')).find((e) => e.event === 'ready');
    expect(ready).toEqual({
      source: 'handshake-lab',
      version: 1,
      event: 'ready',
      scenario: 'handshake',
      duration: 160,
    });

    // The frame told its page its height, and the page resized it to fit.
    await waitForEvent(page, 'a', (e) => e.event === 'height');
    const heights = (await received(page, 'a')).filter((e) => e.event === 'height');
    const reported = heights[heights.length - 1]?.height as number;
    expect(reported).toBeGreaterThan(300);
    await expect
      .poll(() => page.locator('#a').evaluate((frame) => frame.getBoundingClientRect().height))
      .toBe(reported);
    const lab = page.frameLocator('#a');
    await expect(lab.getByRole('figure', { name: 'Sequence diagram' })).toBeInViewport();

    // axe reaches into the frames: the embedded lab passes inside another site's page.
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'embed-host-page');

    await send(page, 'a', command({ command: 'play' }));
    await waitForEvent(page, 'a', (e) => e.event === 'playback' && e.playing === true);
    // The handshake's 160 ms at the default 1/40× are 6.4 s of animation frames; a loaded
    // machine's throttled frames can stretch that several times over.
    test.setTimeout(test.info().timeout + 45_000);
    await waitForEvent(page, 'a', (e) => e.event === 'finished', 50_000);
    const events = await received(page, 'a');
    const told = events
      .filter((e) => e.event === 'segment' || e.event === 'state')
      .map((e) => (e.event === 'segment' ? `${e.kind} ${e.label}` : `${e.endpoint} ${e.to}`));
    expect(told).toEqual(
      expect.arrayContaining([
        'sent SYN seq=700',
        'delivered SYN seq=700',
        'sent SYN-ACK seq=200 ack=701',
        'delivered ACK seq=701 ack=201',
        'client ESTABLISHED',
        'server ESTABLISHED',
      ]),
    );
    expect(events.find((e) => e.event === 'finished')).toMatchObject({ t: 160 });
    await expect(lab.getByRole('status', { name: 'Client state' })).toHaveText('ESTABLISHED');
    await expect(lab.getByRole('status', { name: 'Server state' })).toHaveText('ESTABLISHED');

    // Seek and step: the badges follow.
    const clientState = lab.getByRole('status', { name: 'Client state' });
    await send(page, 'a', command({ command: 'seek', t: 99 }));
    await expect(clientState).toHaveText('SYN-SENT');
    for (let i = 0; i < 5; i++) await send(page, 'a', command({ command: 'step', direction: 1 }));
    await expect(clientState).toHaveText('ESTABLISHED');
    for (let i = 0; i < 30; i++) await send(page, 'a', command({ command: 'step', direction: -1 }));
    await expect(clientState).toHaveText('CLOSED');
    expect(watched.problems).toEqual([]);
  });

  test('ignores malformed and unknown messages, and loads a scenario and settings on command', async ({
    page,
  }) => {
    const watched = watchPage(page);
    await page.goto(hostUrl);
    await waitForEvent(page, 'b', (e) => e.event === 'ready');
    const lab = page.frameLocator('#b');
    const before = (await received(page, 'b')).length;
    for (const junk of [
      'play',
      { command: 'play' },
      command({ version: 2, command: 'play' }),
      command({ command: 'seek', t: -5 }),
      command({ command: 'seek', t: '100' }),
      command({ command: 'eval', code: 'document.body.innerHTML = "pwned"' }),
      command({ command: 'load', scenario: '<img src=x onerror=alert(1)>' }),
      command({ command: 'set', settings: { loss: 150 } }),
      command({ command: 'set', settings: { valueOf: 1 } }),
    ]) {
      await send(page, 'b', junk);
    }
    await send(page, 'b', command({ command: 'load', scenario: 'no-such-preset' }));
    await waitForEvent(page, 'b', (e) => e.event === 'error');
    const afterJunk = (await received(page, 'b')).slice(before).filter((e) => e.event !== 'height');
    // Messages not in the lab's envelope get no reply; a malformed command gets one error naming
    // the field and the problem, in a link note's words.
    expect(afterJunk.map((e) => [e.event, e.message])).toEqual(
      [
        'Ignored seek t=-5: expected a number from 0 to 1000000000 ms.',
        'Ignored seek t=100: expected a number.',
        'Ignored the command eval: expected play, pause, seek, step, load or set.',
        'Ignored load scenario=<img src=x onerror=alert(1)>: expected a preset name.',
        'Ignored set loss=150: expected a number from 0 to 100 %.',
        'Ignored set valueOf: not a setting (expected seed, delay, jitter, loss, profile, isn, ip, theme).',
        'There is no scenario "no-such-preset".',
      ].map((message) => ['error', message]),
    );
    await expect(lab.getByRole('heading', { level: 1 })).not.toHaveText('pwned');
    await expect(lab.getByRole('button', { name: 'Play' })).toBeVisible();

    await send(page, 'b', command({ command: 'load', scenario: 'closed-port' }));
    await waitForEvent(page, 'b', (e) => e.event === 'playback' && e.scenario === 'closed-port');
    await send(page, 'b', command({ command: 'set', settings: { delay: 120, theme: 'dark' } }));
    await send(page, 'b', command({ command: 'seek', t: 1e6 }));
    await expect(lab.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(lab.getByRole('status', { name: 'Client state' })).toHaveText('CLOSED');
    // The longer delay made a longer run: the settings reached the simulator.
    const runs = (await received(page, 'b')).filter((e) => e.event === 'playback');
    const last = runs[runs.length - 1];
    expect(last?.scenario).toBe('closed-port');
    expect(last?.duration).toBeGreaterThan(200);
    expect(watched.problems).toEqual([]);
  });

  test('a frame with an allow-list neither obeys nor tells a page it does not list', async ({
    page,
  }) => {
    await page.goto(hostUrl);
    await waitForEvent(page, 'a', (e) => e.event === 'ready');
    const lab = page.frameLocator('#c');
    await expect(lab.getByRole('figure', { name: 'Sequence diagram' })).toBeAttached();
    // Frame a (same page, no allow-list) is ready, so c has loaded its bridge too; ask a few
    // times over a second all the same.
    for (let i = 0; i < 5; i++) {
      await send(page, 'c', command({ command: 'seek', t: 1e6 }));
      await page.waitForTimeout(200);
    }
    await expect(lab.getByRole('status', { name: 'Client state' })).toHaveText('CLOSED');
    expect(await received(page, 'c')).toEqual([]);
  });

  test('pauses when scrolled out of view and plays on when back', async ({ page }) => {
    await page.goto(hostUrl);
    await waitForEvent(page, 'a', (e) => e.event === 'ready');
    await send(page, 'a', command({ command: 'play' }));
    await waitForEvent(page, 'a', (e) => e.event === 'segment');
    await page.locator('#b').scrollIntoViewIfNeeded();
    await waitForEvent(page, 'a', (e) => e.event === 'playback' && e.playing === false);
    const pausedAt = (await received(page, 'a')).filter((e) => e.event === 'playback').pop()?.t;
    expect(pausedAt).toBeLessThan(160);
    await page.locator('#a').scrollIntoViewIfNeeded();
    await expect
      .poll(
        async () =>
          (await received(page, 'a')).filter((e) => e.event === 'playback').pop()?.playing,
      )
      .toBe(true);
  });
});
