// A capture's opening replayed through the engine: under another profile the diagram marks
// where the engine would have answered otherwise and draws the engine's segment beside it.
import { expect, test } from '@playwright/test';
import { openReplayedCapture, VIEWPORTS } from './support';

test('replaying a Linux capture under RFC 9293 marks the SYN-ACKs that differ', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await page.setViewportSize(VIEWPORTS.projector);
  await page.goto('./?scenario=handshake');
  const banner = await openReplayedCapture(page);
  await page.getByRole('button', { name: 'End', exact: true }).click();
  const figure = page.getByRole('figure', { name: 'Sequence diagram' });
  await expect(
    figure.getByRole('img', { name: /^rfc: SYN-ACK seq=0 ack=1 win=65535 <mss 1460>/ }).first(),
  ).toBeVisible();
  await expect(
    figure.getByRole('button', { name: /rfc differs: window: server 64240, rfc 65535/ }).first(),
  ).toBeVisible();

  // Under the profile that made the capture, the engine agrees segment for segment.
  await banner.getByLabel('Engine profile').selectOption({ label: 'Linux' });
  await banner.getByRole('button', { name: 'Replay through the engine' }).click();
  await expect(banner.getByRole('status')).toContainText(
    'Replayed under linux: the engine sends what the server sent',
  );
  await expect(figure.getByRole('img', { name: /^linux: / })).toHaveCount(0);
});
