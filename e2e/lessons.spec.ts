// The course, walked as a learner with only a keyboard: every lesson from its first step to its
// closing screen, answering every question right in one pass and wrong in another; the Lessons
// list with progress kept in the browser; links to a step; axe on a lesson step.
import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { tsxOutput } from '../src/cli/testing/run-tsx';
import type { Answer } from '../src/lessons/question';
import type { KeyedStep } from './answer-key';
import { VIEWPORTS, expectNoAxeViolations, saveScreenshot, watchPage } from './support';

interface Key {
  lessons: { id: string; title: string; steps: KeyedStep[] }[];
}

// Computed once, in Node, from the lessons and simulator the app runs (e2e/answer-key.ts).
const KEY: Key = JSON.parse(tsxOutput('e2e/answer-key.ts', [])) as Key;

// The walks press hundreds of keys: a trace keeps its action log and console on failure, without a
// DOM snapshot and screenshot of every press, which on a busy machine cost more than the walk.
test.use({ trace: { mode: 'retain-on-failure', snapshots: false, screenshots: false } });

/** The lesson panel's code loads when a lesson opens: on a busy machine that can take a while. */
const PANEL_LOADS = { timeout: 20_000 };

function lessonPanel(page: Page): Locator {
  return page.getByRole('region', { name: /^Lesson \d+:/ });
}

/** Answers the focused question with the keyboard: a choice by arrow keys, a number by typing. */
async function answer(page: Page, key: Answer, right: boolean) {
  if (key.type === 'number') {
    await page.keyboard.type(right ? String(key.correct) : '-1');
  } else {
    const target = right
      ? key.choices.indexOf(key.correct)
      : key.choices.findIndex((c) => c !== key.correct);
    // The first choice has focus: Space picks it, each arrow moves the pick one down.
    await page.keyboard.press('Space');
    for (let i = 0; i < target; i += 1) await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
}

/** Opens a lesson at its first step by its link; the keyboard lands on the lesson. */
async function openFirstStep(page: Page, lesson: Key['lessons'][number]) {
  await page.goto(`./?lesson=${lesson.id}&step=1`);
  // Opening a lesson brings the keyboard to it (its code may still be loading on a busy machine).
  await expect(lessonPanel(page).getByRole('heading', { level: 2 })).toBeFocused(PANEL_LOADS);
}

/** From the lesson's first step (open, keyboard on it) to its closing screen, keys only. */
async function walk(page: Page, lesson: Key['lessons'][number], right: boolean) {
  const panel = lessonPanel(page);
  let questions = 0;
  for (const [i, step] of lesson.steps.entries()) {
    await expect(panel.getByText(`Step ${i + 1} of ${lesson.steps.length}`)).toBeVisible();
    if (step.type === 'action') {
      await page.keyboard.press('Tab');
      await expect(panel.getByRole('button', { name: 'Do it for me' })).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(panel.getByRole('status')).toHaveText('Done.');
    }
    if (step.type === 'question') {
      questions += 1;
      await expect(panel.getByRole('button', { name: 'Reveal' })).toBeVisible();
      await answer(page, step.answer, right);
      // The verdict, and every answer explained: the right one, and why (with its RFC section).
      await expect(panel.getByRole('status')).toContainText(
        new RegExp(`${right ? 'Right:' : 'Not quite:'}[^]*Why:[^]*RFC \\d+`),
      );
    }
    await page.keyboard.press('PageDown');
  }
  await expect(panel.getByText('Lesson complete')).toBeVisible();
  // The closing screen has a link of its own.
  await expect(page).toHaveURL(
    new RegExp(`[?&]lesson=${lesson.id}&step=${lesson.steps.length + 1}`),
  );
  await expect(panel).toContainText(
    `You answered ${right ? questions : 0} of ${questions} questions right.`,
  );
}

test.describe('lessons, walked with the keyboard', () => {
  for (const lesson of KEY.lessons) {
    test(`${lesson.id}: every step to the closing screen, answering right`, async ({ page }) => {
      test.setTimeout(150_000);
      const watched = watchPage(page);
      await page.setViewportSize(VIEWPORTS.projector);
      await openFirstStep(page, lesson);
      await walk(page, lesson, true);
      expect(watched.problems).toEqual([]);
    });
  }

  // Answering wrong, the course is walked as a learner goes through it: one lesson after another
  // in one page, each closing screen's "Next lesson" opening the next (in two halves, run side by
  // side).
  const half = Math.ceil(KEY.lessons.length / 2);
  for (const part of [KEY.lessons.slice(0, half), KEY.lessons.slice(half)]) {
    const first = KEY.lessons.indexOf(part[0]!) + 1;
    test(`lessons ${first}–${first + part.length - 1}: every step to the closing screen, answering wrong, then the next lesson`, async ({
      page,
    }) => {
      test.setTimeout(60_000 * part.length);
      const watched = watchPage(page);
      await page.setViewportSize(VIEWPORTS.projector);
      await openFirstStep(page, part[0]!);
      for (const [i, lesson] of part.entries()) {
        await walk(page, lesson, false);
        const next = part[i + 1];
        if (next === undefined) break;
        // The closing screen's first control leads on to the next lesson of the course.
        await page.keyboard.press('Tab');
        const onward = lessonPanel(page).getByRole('button', {
          name: `Next lesson: ${next.title}`,
        });
        await expect(onward).toBeFocused();
        await page.keyboard.press('Enter');
        await expect(lessonPanel(page).getByRole('heading', { level: 2 })).toBeFocused();
        await expect(page).toHaveURL(new RegExp(`[?&]lesson=${next.id}&step=1`));
      }
      expect(watched.problems).toEqual([]);
    });
  }
});

test.describe('the course list and progress', () => {
  test('Lessons lists the course, keeps progress across a reload, and resets it', async ({
    page,
  }) => {
    test.setTimeout(60_000);
    const watched = watchPage(page);
    await page.goto('./?scenario=handshake');
    await page.getByRole('button', { name: 'Lessons' }).click();
    const dialog = page.getByRole('dialog', { name: 'Lessons' });
    await expect(dialog.getByRole('listitem')).toHaveCount(KEY.lessons.length);
    await dialog.getByRole('button', { name: 'Start', exact: true }).first().click();
    await expect(dialog).toBeHidden();
    await expect(lessonPanel(page)).toContainText('Step 1 of');
    await expect(lessonPanel(page).getByRole('heading', { level: 2 })).toBeFocused();
    await expect(page).toHaveURL(/[?&]lesson=why-handshake&step=1/);
    await page.keyboard.press('PageDown');
    await expect(page).toHaveURL(/[?&]step=2/);

    await page.goto('./?scenario=handshake');
    await page.getByRole('button', { name: 'Lessons' }).click();
    await expect(dialog).toContainText('2 of 7 steps seen');
    await expect(dialog.getByRole('button', { name: 'Continue' })).toBeVisible();
    await dialog.getByRole('button', { name: 'Reset progress' }).click();
    await expect(dialog.getByText('Not started')).toHaveCount(KEY.lessons.length);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: 'Lessons' })).toBeFocused();
    expect(watched.problems).toEqual([]);
  });

  test('stored progress that cannot be read is ignored with a quiet note', async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('handshake-lab.lessons', '{broken'));
    await page.goto('./?scenario=handshake');
    await page.getByRole('button', { name: 'Lessons' }).click();
    const dialog = page.getByRole('dialog', { name: 'Lessons' });
    await expect(dialog).toContainText('could not be read');
    await expect(dialog.getByText('Not started')).toHaveCount(KEY.lessons.length);
  });

  test('an unknown lesson or step in the link gets a visible note; the page still works', async ({
    page,
  }) => {
    await page.goto('./?lesson=flying&step=2');
    const notes = page.getByRole('list', { name: 'Ignored link parameters' });
    await expect(notes).toContainText('Ignored lesson=flying: there is no such lesson.');
    await expect(notes).toContainText('Ignored step=2: a step needs a lesson.');
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();

    await page.goto('./?lesson=loss&step=99');
    await expect(notes).toContainText('Ignored step=99: the lesson “loss” ends at step');
    await expect(lessonPanel(page)).toContainText('Step 1 of', PANEL_LOADS);
  });

  test('Back returns to the previous step', async ({ page }) => {
    await page.goto('./?lesson=states&step=3');
    await expect(lessonPanel(page)).toContainText('Step 3 of', PANEL_LOADS);
    await page.keyboard.press('PageDown');
    await expect(lessonPanel(page)).toContainText('Step 4 of');
    await page.goBack();
    await expect(lessonPanel(page)).toContainText('Step 3 of');
  });

  test('a timer question waits before the timer starts, and the run keeps its length unsaid', async ({
    page,
  }) => {
    // Lesson 7 asks how long TIME-WAIT lasts: its timer ends the run, so "of 60.61 s" on the
    // Time slider, or a pause just before it fires, would tell.
    const closing = JSON.parse(
      readFileSync(new URL('../src/lessons/course/closing.json', import.meta.url), 'utf8'),
    ) as { steps: { ask?: { kind: string } }[] };
    const ask = closing.steps.findIndex((s) => s.ask?.kind === 'timer') + 1;
    await page.goto(`./?lesson=closing&step=${ask}`);
    const panel = lessonPanel(page);
    await expect(panel).toContainText('starts its TIME-WAIT timer at t=', PANEL_LOADS);
    const time = page.getByRole('slider', { name: 'Time' });
    await expect(time).toHaveAttribute('aria-valuetext', /^\d[\d.,]* m?s$/);
    const before = Number(await time.inputValue());
    await panel.getByLabel('Your answer (ms)').fill('1');
    await panel.getByRole('button', { name: 'Reveal' }).click();
    await expect(time).toHaveAttribute('aria-valuetext', / of 60\.\d+ s$/);
    expect(before).toBeLessThan(1_000);
  });

  test('a clicker steps the lesson in presentation mode; a question shows its answer first', async ({
    page,
  }) => {
    test.setTimeout(60_000);
    const watched = watchPage(page);
    const lesson = KEY.lessons.find((l) => l.id === 'why-handshake')!;
    const ask = lesson.steps.findIndex((s) => s.type === 'question');
    const question = lesson.steps[ask]!;
    if (question.type !== 'question') throw new Error('why-handshake asks no question');
    const of = `of ${lesson.steps.length}`;
    await page.setViewportSize(VIEWPORTS.projector);
    await page.goto(`./?lesson=why-handshake&step=${ask}`);
    await expect(lessonPanel(page).getByRole('heading', { level: 2 })).toBeFocused(PANEL_LOADS);
    await page.keyboard.press('f');
    const caption = page.getByRole('main', { name: 'Presentation' }).locator('[aria-live]');
    await expect(caption).toContainText(`step ${ask} ${of}`);
    await page.keyboard.press('PageDown');
    await expect(caption).toContainText(`step ${ask + 1} ${of}`);
    await expect(caption).not.toContainText('Answer:');
    // The question waits: the first press shows its answer to the room, the next moves on.
    await page.keyboard.press('PageDown');
    await expect(caption).toContainText(`Answer: ${question.answer.correct}`);
    await expect(caption).toContainText(`step ${ask + 1} ${of}`);
    await expectNoAxeViolations(page);
    await page.keyboard.press('PageDown');
    await expect(caption).toContainText(`step ${ask + 2} ${of}`);
    await expect(page).toHaveURL(new RegExp(`[?&]step=${ask + 2}`));
    await page.keyboard.press('PageUp');
    await page.keyboard.press('ArrowLeft');
    await expect(caption).toContainText(`step ${ask} ${of}`);
    await page.keyboard.press('Escape');
    await expect(lessonPanel(page)).toContainText(`Step ${ask} ${of}`);
    expect(watched.problems).toEqual([]);
  });

  test('an embed shows one lesson step', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 700 });
    await page.goto('./embed.html?lesson=why-handshake&step=2');
    await expect(lessonPanel(page)).toContainText('The server answers with a SYN-ACK', PANEL_LOADS);
    await expect(lessonPanel(page)).toContainText('ack 701');
    // A step whose run drops a segment (the reset of a half-open connection): the facts are read
    // from the run with the drop, so the server is still ESTABLISHED at its end.
    const reset = JSON.parse(
      readFileSync(new URL('../src/lessons/course/reset.json', import.meta.url), 'utf8'),
    ) as { steps: { run: { drop?: string } }[] };
    const step = reset.steps.findIndex((s) => s.run.drop !== undefined) + 1;
    await page.goto(`./embed.html?lesson=reset&step=${step}`);
    await expect(lessonPanel(page)).toContainText(
      'The client is CLOSED; the server is still ESTABLISHED',
      PANEL_LOADS,
    );
  });
});

test.describe('accessibility of a lesson step', () => {
  for (const [name, viewport] of [
    ['projector', VIEWPORTS.projector],
    ['phone', VIEWPORTS.phone],
  ] as const) {
    test(`axe finds nothing on a question step at ${name} size`, async ({ page }) => {
      test.setTimeout(90_000);
      await page.setViewportSize(viewport);
      await page.goto('./?lesson=why-handshake&step=5');
      await expect(lessonPanel(page).getByRole('button', { name: 'Reveal' })).toBeVisible(
        PANEL_LOADS,
      );
      await expectNoAxeViolations(page);
      await saveScreenshot(page, `lesson-question-${name}`);
    });
  }
});
