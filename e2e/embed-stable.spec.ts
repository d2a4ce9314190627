// An embed as a blogger uses it: in a page of another origin that sizes the frame from the
// `height` messages. The height is stable once loaded (nothing reflows while it plays), the
// default autoplay reaches lost-syn-ack's retransmission within about 15 s, narration=1 puts
// the sentence under the diagram, and controls=minimal steps and sets the speed.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, saveScreenshot } from './support';

const LAB = `http://127.0.0.1:${process.env.E2E_PORT ?? 4173}`;

function hostPage(query: string, width: number): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A blog post</title></head>
<body style="margin:0;font-family:sans-serif">
<h1>Why the SYN-ACK came twice</h1>
<iframe id="lab" title="Lost SYN-ACK" src="${LAB}/embed.html?${query}" style="width:${width}px;border:0"></iframe>
<script>
  window.received = [];
  addEventListener('message', (event) => {
    if (event.origin !== '${LAB}' || !event.data || event.data.source !== 'handshake-lab') return;
    window.received.push(Object.assign({ at: performance.now() }, event.data));
    if (event.data.event === 'height') document.getElementById('lab').style.height = event.data.height + 'px';
  });
</script>
</body></html>`;
}

let server: Server;
let host = '';

test.beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://host');
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(
      hostPage(url.searchParams.get('q') ?? '', Number(url.searchParams.get('w') ?? 700)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

interface Message {
  at: number;
  event: string;
  [field: string]: unknown;
}
const messages = (page: Page): Promise<Message[]> =>
  page.evaluate(() => (window as unknown as { received: Message[] }).received);

test('700 px, controls=full, autoplay: the height stays put while it plays to the retransmission', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const query = 'scenario=lost-syn-ack&controls=full&autoplay=1&narration=1';
  await page.goto(`${host}?w=700&q=${encodeURIComponent(query)}`);
  // Loaded: it said it is ready, sized the frame, and the first segment has left.
  await expect
    .poll(async () => (await messages(page)).some((m) => m.event === 'segment'))
    .toBe(true);
  const heightsAtStart = (await messages(page)).filter((m) => m.event === 'height').length;
  expect(heightsAtStart).toBeGreaterThan(0);
  // The default autoplay speed brings the client's repeated SYN (t = 1 s of the run) within
  // 15 s of play: checked on the speed itself, since a busy machine draws fewer frames.
  const speed = page.frameLocator('#lab').getByRole('slider', { name: 'Speed' });
  await expect(speed).toHaveAttribute('aria-valuetext', '1/10× real time');
  // And it does come, with no height message meanwhile.
  await expect
    .poll(
      async () =>
        (await messages(page)).find(
          (m) => m.event === 'segment' && m.kind === 'sent' && Number(m.t) >= 1000,
        )?.t,
      { timeout: 45_000 },
    )
    .toBeLessThanOrEqual(1500);
  const heights = (await messages(page)).filter((m) => m.event === 'height');
  expect(heights.length, JSON.stringify(heights.map((h) => h.height))).toBe(heightsAtStart);
  await saveScreenshot(page, 'embed-stable-700');
});

test('narration=1: the caption follows the narration as a reader steps, in every controls mode', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto('./embed.html?scenario=lost-syn-ack&controls=minimal&narration=1&speed=1/4');
  const caption = page.getByLabel('Narration');
  await expect(caption).toContainText('Press Play');
  const next = page.getByRole('button', { name: 'Next event' });
  await next.click();
  await expect(caption).toContainText('listen');
  // Step on until the client's SYN leaves: the caption says so. (A few clicks, each a render:
  // on a loaded machine they take longer than expect's default five seconds.)
  await expect
    .poll(
      async () => {
        if (/sends a SYN/.test((await caption.textContent()) ?? '')) return true;
        await next.click();
        return false;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  const before = await caption.textContent();
  await page.getByRole('button', { name: 'Previous event' }).click();
  await expect(caption).not.toHaveText(before ?? '');
  // The speed parameter reached the slider.
  await expect(page.getByRole('slider', { name: 'Speed' })).toHaveAttribute(
    'aria-valuetext',
    /1\/4/,
  );
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'embed-caption-320');

  for (const controls of ['full', 'none']) {
    await page.goto(`./embed.html?scenario=handshake&controls=${controls}&narration=1&t=60`);
    await expect(page.getByLabel('Narration')).toContainText('The server');
  }
});

test('320 px: Time and Speed each keep label, slider and readout on one line, inside the frame', async ({
  page,
}) => {
  await page.setViewportSize({ width: 320, height: 800 });
  for (const controls of ['minimal', 'full']) {
    await page.goto(`./embed.html?scenario=lost-syn-ack&controls=${controls}&t=1100`);
    for (const name of ['Time', 'Speed']) {
      const slider = page.getByRole('slider', { name });
      const row = slider.locator('xpath=..');
      const parts = [row.locator('label'), slider, row.locator('output')];
      const boxes = await Promise.all(parts.map((part) => part.boundingBox()));
      const top = Math.max(...boxes.map((box) => box!.y));
      const bottom = Math.min(...boxes.map((box) => box!.y + box!.height));
      expect(top, `${controls}: ${name}'s label, slider and readout share a line`).toBeLessThan(
        bottom,
      );
      expect(boxes[0]!.x + boxes[0]!.width).toBeLessThanOrEqual(boxes[1]!.x);
      expect(boxes[1]!.x + boxes[1]!.width).toBeLessThanOrEqual(boxes[2]!.x);
      expect(
        boxes[2]!.x + boxes[2]!.width,
        `${controls}: ${name}'s readout fits`,
      ).toBeLessThanOrEqual(320);
    }
  }
  await saveScreenshot(page, 'embed-controls-320');
});

test('when the code loaded after the first view cannot be fetched: the caption says so, the badges stay still and follow the steps', async ({
  page,
}) => {
  test.setTimeout(60_000);
  // The sentences' code and the badges' pop arrive after the first view; here the network
  // refuses them.
  await page.route(/\/assets\/(CaptionSentence|narrate|MotionBadge)-[^/]*\.js$/, (route) =>
    route.abort(),
  );
  await page.goto('./embed.html?scenario=handshake&controls=full&narration=1');
  const caption = page.getByLabel('Narration');
  await expect(caption.getByRole('alert')).toHaveText(
    'Could not load the narration: check the connection and reload the page.',
    { timeout: 15_000 },
  );
  // The rest of the embed still works: stepping on, the server comes to listen (second event).
  const server = page.getByRole('status', { name: 'Server state' });
  await expect
    .poll(
      async () => {
        if ((await server.textContent()) === 'LISTEN') return true;
        await page.getByRole('button', { name: 'Next event' }).click();
        return false;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
});
