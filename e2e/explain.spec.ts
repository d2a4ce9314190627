// The explaining components as a learner uses them: select a segment, read why each field has
// its value, follow the narration while stepping, and read the event log.
import { expect, test, type Page } from '@playwright/test';
import { diagram, expectNoAxeViolations, openLab, saveScreenshot, VIEWPORTS } from './support';

const inspector = (page: Page) => page.getByRole('region', { name: 'Segment inspector' });
const eventLog = (page: Page) => page.getByRole('table', { name: 'Event log' });
const narration = (page: Page) => page.getByRole('region', { name: 'What is happening' });

const open = (page: Page, query: string) => openLab(page, query);

async function selectSynAck(page: Page) {
  await page.getByRole('button', { name: 'End', exact: true }).click();
  await diagram(page)
    .getByRole('button', { name: 'SYN-ACK seq=200 ack=701 server to client' })
    .click();
  await expect(inspector(page).getByText('#2 SYN-ACK seq=200 ack=701')).toBeVisible();
}

test('the inspector explains every field of the selected SYN-ACK', async ({ page }) => {
  const watched = await open(page, '?scenario=handshake');
  await selectSynAck(page);
  const fields = inspector(page).getByRole('table', { name: 'Header fields of segment #2' });
  const ackRow = fields.getByRole('row', { name: /^Acknowledgment number/ });
  await expect(ackRow).toContainText('701');
  await expect(ackRow).toContainText('relative 1');
  await expect(ackRow).toContainText(
    "701 = the client's ISN 700 + 1: a SYN consumes one sequence number (RFC 9293 §3.4).",
  );
  await expect(fields.getByRole('row', { name: /^SYN bit/ })).toContainText('1');
  await expect(fields.getByRole('row', { name: /^Window \d/ })).toContainText(
    'never scaled (RFC 7323 §2.2)',
  );
  for (const name of [
    'Source port',
    'Destination port',
    'Sequence number',
    'Data offset',
    'Flags',
    'Checksum',
    'Urgent pointer',
  ]) {
    await expect(fields.getByRole('button', { name, exact: true })).toBeVisible();
  }
  await expectNoAxeViolations(page);
  expect(watched.problems).toEqual([]);
});

test('selecting a field highlights its bytes, and selecting bytes selects the field', async ({
  page,
}) => {
  await open(page, '?scenario=handshake');
  await selectSynAck(page);
  const bytes = inspector(page).getByRole('group', { name: /^Segment bytes/ });
  await inspector(page).getByRole('button', { name: 'Acknowledgment number', exact: true }).click();
  await expect(
    bytes.getByRole('button', { name: 'Acknowledgment number: 00 00 02 bd' }),
  ).toHaveAttribute('aria-pressed', 'true');
  // From the keyboard: the next field's bytes, then its row is the selected one.
  await bytes.getByRole('button', { name: /^Acknowledgment number:/ }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(bytes.getByRole('button', { name: /^Data offset:/ })).toBeFocused();
  await expect(
    inspector(page).getByRole('button', { name: 'Data offset', exact: true }),
  ).toHaveAttribute('aria-pressed', 'true');
  await bytes.getByRole('button', { name: /^Checksum:/ }).click();
  await expect(
    inspector(page).getByRole('button', { name: 'Checksum', exact: true }),
  ).toHaveAttribute('aria-pressed', 'true');
});

test('the narration follows stepping forward and back', async ({ page }) => {
  await open(page, '?scenario=handshake');
  const live = narration(page).locator('[aria-live]');
  const next = page.getByRole('button', { name: 'Next event' });
  const previous = page.getByRole('button', { name: 'Previous event' });
  let sawSyn = false;
  for (let i = 0; i < 8 && !sawSyn; i++) {
    await next.click();
    sawSyn = (await live.textContent())?.includes('The client sends a SYN with seq 700') ?? false;
  }
  expect(sawSyn).toBe(true);
  await expect(live).toHaveAttribute('aria-live', 'polite');
  await next.click();
  await expect(live).not.toContainText('The client sends a SYN with seq 700');
  await expect(narration(page).getByRole('list', { name: 'Just before' })).toContainText(
    'The client sends a SYN with seq 700',
  );
  await previous.click();
  await expect(live).toContainText('The client sends a SYN with seq 700');
});

test('the event log marks the current event and selects a segment', async ({ page }) => {
  await open(page, '?scenario=handshake');
  await page.getByRole('button', { name: 'End', exact: true }).click();
  const log = eventLog(page);
  await expect(log).toHaveAttribute('aria-rowcount', /\d+/);
  await expect(log.locator('tr[aria-current="step"]')).toHaveCount(1);
  await log.getByRole('button', { name: 'SYN seq=700', exact: true }).click();
  await expect(inspector(page).getByText('#1 SYN seq=700')).toBeVisible();
  await expect(log.getByRole('button', { name: 'SYN seq=700', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
});

for (const [name, size] of [
  ['desktop', VIEWPORTS.desktop],
  ['projector', VIEWPORTS.projector],
  ['phone', VIEWPORTS.phone],
] as const) {
  test(`the explaining panels at ${name} size`, async ({ page }) => {
    await page.setViewportSize(size);
    await open(page, '?scenario=lost-syn-ack');
    await page.getByRole('button', { name: 'End', exact: true }).click();
    // Segment #4: the server's SYN-ACK sent again when its retransmission timer expired.
    await eventLog(page)
      .getByRole('button', { name: '#4 SYN-ACK seq=200 ack=701', exact: true })
      .click();
    await expect(
      inspector(page).getByText(/retransmitted after the RTO of 1 s expired/),
    ).toBeVisible();
    // Figure 5 is readable wherever the page puts it: no label drawn under 12 px.
    const machine = page.getByRole('img', { name: /RFC 9293 Figure 5/ });
    await machine.scrollIntoViewIfNeeded();
    const smallest = await machine.evaluate((svg) =>
      Math.min(
        ...[...svg.querySelectorAll('text')].map((text) => {
          const height = parseFloat(getComputedStyle(text).fontSize);
          return (
            height *
            (svg.getBoundingClientRect().width / (svg as SVGSVGElement).viewBox.baseVal.width)
          );
        }),
      ),
    );
    expect(smallest).toBeGreaterThanOrEqual(12);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, `explain-${name}`);
  });
}

test('the explaining panels in the dark theme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await open(page, '?scenario=handshake-data&t=160');
  // From the log: clicking the arrow while the segment is in flight would drop it.
  await eventLog(page)
    .getByRole('button', { name: 'PSH-ACK seq=701 ack=201 len=37', exact: true })
    .click();
  await inspector(page).getByRole('button', { name: 'Payload', exact: true }).click();
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'explain-dark');
});

test('a Linux end’s tail-loss probe: the narration and the inspector say the resend was a probe', async ({
  page,
}) => {
  // random-loss: the client's "three" (#13) is lost; its probe timer resends it at 3.65 s.
  await open(page, '?scenario=random-loss&t=3652');
  await expect(
    narration(page).getByText(/tail-loss probe timer fired after 1\.941 s with no ACK back/),
  ).toBeVisible();
  await eventLog(page)
    .getByRole('button', { name: '#14 PSH-ACK seq=709 ack=209 len=6', exact: true })
    .click();
  await expect(
    inspector(page).getByText(
      /sent again as a tail-loss probe when the probe timer of 1\.941 s expired/,
    ),
  ).toBeVisible();
  await expectNoAxeViolations(page);
});

test('slow start and a fast retransmit: the inspector shows cwnd and ssthresh, the narration the cut', async ({
  page,
}) => {
  // slow-start: the client's #59 resends the segment lost on the way, at the third duplicate ACK.
  await open(page, '?scenario=slow-start&segment=59');
  const panel = inspector(page);
  await expect(panel.getByText(/fast retransmit after three duplicate ACKs/)).toBeVisible();
  await expect(panel.getByText(/The congestion window was cut to 14 segments/)).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Congestion window (cwnd)' })).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Phase' })).toBeVisible();
  await expect(panel.getByText('fast recovery', { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
});
