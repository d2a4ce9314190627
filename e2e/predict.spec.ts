// Predict mode, as a learner uses it: switched on with the keyboard, the run waits before each
// visible step with a question, Reveal plays the step and explains the answer, the score counts;
// on a preset, a forked run and a packetdrill script run; axe on a question.
import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { tsxOutput } from '../src/cli/testing/run-tsx';
import type { Answer } from '../src/lessons/question';
import { VIEWPORTS, expectNoAxeViolations, saveScreenshot, watchPage } from './support';

// Predict mode's questions on the handshake preset, computed in Node (e2e/answer-key.ts).
const HANDSHAKE: Answer[] = (
  JSON.parse(tsxOutput('e2e/answer-key.ts', ['handshake'])) as {
    predict: Answer[];
  }
).predict;

const SCRIPT = readFileSync(
  new URL('../conformance/handshake-active.pkt', import.meta.url),
  'utf8',
);

function predictPanel(page: Page): Locator {
  return page.getByRole('region', { name: 'Predict' });
}

async function switchOn(page: Page) {
  const toggle = page.getByRole('switch', { name: 'Predict' });
  await toggle.focus();
  await page.keyboard.press('Space');
  await expect(toggle).toBeChecked();
  // The first question takes the keyboard.
  await expect(predictPanel(page).getByRole('button', { name: 'Reveal' })).toBeVisible({
    timeout: 20_000,
  });
}

async function answer(page: Page, key: Answer) {
  if (key.type === 'number') {
    await page.keyboard.type(String(key.correct));
  } else {
    await page.keyboard.press('Space');
    for (let i = 0; i < key.choices.indexOf(key.correct); i += 1) {
      await page.keyboard.press('ArrowDown');
    }
  }
  await page.keyboard.press('Enter');
}

test.describe('predict mode', () => {
  test('an embed asks too: predict=1 turns predict mode on in embed.html', async ({ page }) => {
    test.setTimeout(60_000);
    const watched = watchPage(page);
    await page.setViewportSize({ width: 320, height: 700 });
    await page.goto('./embed.html?scenario=handshake&predict=1');
    const panel = predictPanel(page);
    await expect(panel.getByRole('button', { name: 'Reveal' })).toBeVisible({ timeout: 20_000 });
    await panel.locator('input').first().focus();
    await answer(page, HANDSHAKE[0]!);
    await expect(panel.getByRole('status')).toContainText('Right:');
    await expect(panel).toContainText('1 right of 1 asked');
    expect(watched.problems).toEqual([]);
  });

  test('walks a whole run by keyboard: a question before each step, all answered right', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const watched = watchPage(page);
    await page.setViewportSize(VIEWPORTS.projector);
    await page.goto('./?scenario=handshake');
    await switchOn(page);
    const panel = predictPanel(page);
    for (const [i, key] of HANDSHAKE.entries()) {
      await expect(panel.getByRole('button', { name: 'Reveal' })).toBeVisible();
      await answer(page, key);
      await expect(panel.getByRole('status')).toContainText('Right:');
      await expect(panel.getByRole('status')).toContainText(/RFC \d+/);
      await expect(panel).toContainText(`${i + 1} right of ${i + 1} asked`);
      // From the answer, Tab reaches Next step.
      await page.keyboard.press('Tab');
      await expect(panel.getByRole('button', { name: 'Next step' })).toBeFocused();
      await page.keyboard.press('Enter');
    }
    await expect(panel).toContainText('No more questions');
    expect(watched.problems).toEqual([]);
  });

  test('holds playback before the next question, and explains a wrong answer', async ({ page }) => {
    test.setTimeout(60_000);
    await page.goto('./?scenario=lost-syn-ack');
    await switchOn(page);
    const panel = predictPanel(page);
    await panel.getByRole('button', { name: 'Reveal' }).click();
    await expect(panel.getByRole('status')).toContainText(
      'Not quite: you gave no answer; the answer is',
    );
    await expect(panel.getByRole('status')).toContainText('Why:');
    await expect(panel).toContainText('0 right of 1 asked');
    // Playing runs only up to the next question.
    await page.getByRole('button', { name: 'Play' }).click();
    await expect(panel.getByRole('button', { name: 'Reveal' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  });

  test('works on a forked run: changing the loss mid-run keeps the score and asks on', async ({
    page,
  }) => {
    test.setTimeout(60_000);
    await page.goto('./?scenario=handshake');
    await switchOn(page);
    const panel = predictPanel(page);
    for (let i = 0; i < 2; i += 1) {
      await panel.getByRole('button', { name: 'Reveal' }).click();
      await panel.getByRole('button', { name: 'Next step' }).click();
    }
    await page.getByLabel('Loss (%)').fill('50');
    await page.getByLabel('Loss (%)').press('Enter');
    await expect(page.getByRole('button', { name: 'Undo' })).toBeEnabled();
    await expect(panel.getByRole('button', { name: 'Reveal' })).toBeVisible();
    await expect(panel).toContainText('0 right of 2 asked');
  });

  test('works on a packetdrill script run', async ({ page }) => {
    test.setTimeout(60_000);
    await page.goto('./?scenario=handshake');
    await page.getByRole('button', { name: 'Open packetdrill script' }).click();
    const dialog = page.getByRole('dialog', { name: 'Open a packetdrill script' });
    await dialog.getByLabel('Script', { exact: true }).fill(SCRIPT);
    await dialog.getByRole('button', { name: 'Run' }).click();
    await expect(page.getByRole('region', { name: 'Script run' })).toBeVisible();
    await switchOn(page);
    const panel = predictPanel(page);
    await panel.getByRole('button', { name: 'Reveal' }).click();
    await expect(panel.getByRole('status')).toContainText('Why:');
    await panel.getByRole('button', { name: 'Next step' }).click();
    await expect(panel.getByRole('button', { name: 'Reveal' })).toBeVisible();
  });

  for (const [name, viewport] of [
    ['projector', VIEWPORTS.projector],
    ['phone', VIEWPORTS.phone],
  ] as const) {
    test(`axe finds nothing on a predict question at ${name} size`, async ({ page }) => {
      test.setTimeout(90_000);
      await page.setViewportSize(viewport);
      await page.goto('./?scenario=handshake');
      await switchOn(page);
      await expectNoAxeViolations(page);
      await saveScreenshot(page, `predict-question-${name}`);
    });
  }
});

test.describe('nothing names the answer before the learner gives it', () => {
  test('a lesson question: the scenario picker shows neither the title nor the description', async ({
    page,
  }) => {
    test.setTimeout(60_000);
    await page.setViewportSize(VIEWPORTS.phone);
    // Lesson 8, step 7: what connect() returns against a closed port, whose preset is titled
    // "Connection refused (closed port)".
    await page.goto('./?lesson=reset&step=7');
    const panel = page.getByRole('region', { name: /^Lesson 8/ });
    const reveal = panel.getByRole('button', { name: 'Reveal' });
    await expect(reveal).toBeVisible({ timeout: 20_000 });
    const scenario = page.getByLabel('Scenario');
    await expect(scenario.locator('option:checked')).toHaveText('Hidden until you answer');
    await expect(scenario).toHaveAccessibleDescription(
      'The scenario is named and described once you have answered.',
    );
    await expect(page.getByRole('button', { name: 'Read the whole description' })).toBeHidden();
    await reveal.click();
    await expect(scenario).toHaveValue('closed-port');
    await expect(scenario.locator('option:checked')).toHaveText('Connection refused (closed port)');
    await expect(page.getByRole('button', { name: 'Read the whole description' })).toBeVisible();
  });

  test('an embed with predict=1: its heading names the scenario once the question is answered', async ({
    page,
  }) => {
    test.setTimeout(60_000);
    await page.setViewportSize({ width: 320, height: 700 });
    await page.goto('./embed.html?scenario=lost-syn-ack&predict=1');
    const panel = predictPanel(page);
    await expect(panel.getByRole('button', { name: 'Reveal' })).toBeVisible({ timeout: 20_000 });
    const heading = page.getByRole('heading', { level: 1 });
    await expect(heading).toHaveText('Scenario: hidden until you answer');
    await panel.getByRole('button', { name: 'Reveal' }).click();
    await expect(heading).toHaveText('Lost SYN-ACK');
    await panel.getByRole('button', { name: 'Next step' }).click();
    await expect(heading).toHaveText('Scenario: hidden until you answer');
  });
});
