// Presenter keys: a clicker's PageDown and PageUp step the run wherever focus is, and a step
// goes to the next thing a viewer can see change.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { clientState, openLab, serverState, VIEWPORTS } from './support';

const time = (page: Page) => page.getByRole('slider', { name: 'Time' });

/** The lab at `query`, as the projector shows it. */
const open = (page: Page, query: string) => openLab(page, query, VIEWPORTS.projector);

/** The playhead, read from the Time slider's value. */
const playhead = async (page: Page) => Number(await time(page).inputValue());

/** The moment shown: the playhead and the sentence of the event at it (several share an instant). */
const moment = async (page: Page) => {
  const sentence = await page
    .getByRole('region', { name: 'What is happening' })
    .locator('[aria-live]')
    .textContent();
  return `${await playhead(page)} ${sentence}`;
};

/** PageDown steps forward and PageUp back, and the control keeps its value. */
async function expectClickerSteps(page: Page, control: Locator, value: () => Promise<string>) {
  const kept = await value();
  const start = await moment(page);
  const before = await playhead(page);
  await page.keyboard.press('PageDown');
  await expect.poll(() => moment(page)).not.toBe(start);
  expect(await playhead(page)).toBeGreaterThanOrEqual(before);
  const after = await moment(page);
  await page.keyboard.press('PageDown');
  await expect.poll(() => moment(page)).not.toBe(after);
  await page.keyboard.press('PageUp');
  await expect.poll(() => moment(page)).toBe(after);
  expect(await value()).toBe(kept);
  await expect(control).toBeVisible();
}

test.describe('a clicker steps the run whatever control was used last', () => {
  // Each loads the page, changes a control (a changed delay re-runs the scenario) and steps three
  // times: on a busy two-core machine that takes longer than the default 30 s.
  test.describe.configure({ timeout: 60_000 });

  test('after choosing in the Scenario select', async ({ page }) => {
    const watched = await open(page, '?scenario=handshake');
    const scenario = page.getByLabel('Scenario');
    await scenario.selectOption('lost-syn-ack');
    await expect(scenario).toHaveValue('lost-syn-ack');
    await expectClickerSteps(page, scenario, () => scenario.inputValue());
    await expect(scenario).toHaveValue('lost-syn-ack');
    expect(watched.problems).toEqual([]);
  });

  test('after choosing in the Profile select, End still ends the run', async ({ page }) => {
    await open(page, '?scenario=handshake');
    const profile = page.getByLabel('Profile', { exact: true });
    await profile.selectOption('linux');
    await expectClickerSteps(page, profile, () => profile.inputValue());
    await page.keyboard.press('End');
    await expect(clientState(page)).toHaveText('ESTABLISHED');
    await expect(profile).toHaveValue('linux');
  });

  test('after a click on the Time slider', async ({ page }) => {
    await open(page, '?scenario=handshake');
    const slider = time(page);
    const box = await slider.boundingBox();
    if (!box) throw new Error('no Time slider');
    await page.mouse.click(box.x + box.width * 0.3, box.y + box.height / 2);
    await expect.poll(() => playhead(page)).toBeGreaterThan(0);
    // The clicked moment lies between two steps; PageDown goes to the next one.
    await expectClickerSteps(page, slider, async () => 'unchanged');
    // → after a mouse click steps the run too (not 1 % of the slider).
    const here = await playhead(page);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => playhead(page)).toBeGreaterThan(here);
  });

  test('in the Delay field, after typing a value', async ({ page }) => {
    await open(page, '?scenario=handshake');
    const delay = page.getByLabel('Delay (ms)');
    await delay.fill('80');
    await delay.press('Enter');
    await expect(delay).toHaveValue('80');
    await expect(delay).toBeFocused();
    await expectClickerSteps(page, delay, () => delay.inputValue());
    // Keys typed in the field stay there: → moves the caret, not the run.
    const here = await playhead(page);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Home');
    expect(await playhead(page)).toBe(here);
  });

  test('after a click on a transport button; Space then plays', async ({ page }) => {
    await open(page, '?scenario=handshake');
    const reset = page.getByRole('button', { name: 'Reset' });
    await page.getByRole('button', { name: 'Next step' }).click();
    await reset.click();
    await expect(reset).toBeFocused();
    await expectClickerSteps(page, reset, async () => 'a button');
    await page.keyboard.press('Space');
    await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
    await page.keyboard.press('b');
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  });
});

test('from CLOSED and LISTEN to both ESTABLISHED in the handshake takes 4 to 6 presses', async ({
  page,
}) => {
  await open(page, '?scenario=handshake');
  await expect(clientState(page)).toHaveText('CLOSED');
  let presses = 0;
  const established = async () =>
    (await clientState(page).textContent()) === 'ESTABLISHED' &&
    (await serverState(page).textContent()) === 'ESTABLISHED';
  while (!(await established()) && presses < 20) {
    const before = await moment(page);
    await page.keyboard.press('PageDown');
    presses += 1;
    await expect.poll(() => moment(page)).not.toBe(before);
  }
  await expect(serverState(page)).toHaveText('ESTABLISHED');
  expect(presses).toBeGreaterThanOrEqual(4);
  expect(presses).toBeLessThanOrEqual(6);
});

test('Shift steps through every event; the event buttons do the same', async ({ page }) => {
  await open(page, '?scenario=handshake');
  // The client's connect() at 10 ms: a call, its state change, the SYN and its timer, one step.
  await page.keyboard.press('PageDown');
  await page.keyboard.press('PageDown');
  await expect(clientState(page)).toHaveText('SYN-SENT');
  const stepped = await playhead(page);
  await page.keyboard.press('Home');
  let fine = 0;
  while ((await clientState(page).textContent()) !== 'SYN-SENT' && fine < 10) {
    await page.keyboard.press('Shift+ArrowRight');
    fine += 1;
  }
  expect(fine).toBeGreaterThan(2);
  expect(await playhead(page)).toBe(stepped);
  await page.getByRole('button', { name: 'Previous event' }).click();
  await expect(clientState(page)).toHaveText('CLOSED');
  await page.getByRole('button', { name: 'Next event' }).click();
  await expect(clientState(page)).toHaveText('SYN-SENT');
});

test('a keyboard user still operates every control', async ({ page }) => {
  await open(page, '?scenario=handshake');
  // The Speed slider, reached by Tab: its own arrow keys move it.
  const speed = page.getByRole('slider', { name: 'Speed' });
  await speed.focus();
  await page.keyboard.press('ArrowRight');
  await expect(speed).toHaveAttribute('aria-valuetext', '1/20× real time');
  expect(await playhead(page)).toBe(0);
  // A select browsed with the arrow keys keeps the focus while the user chooses.
  const numbers = page.getByLabel('Numbers');
  await numbers.focus();
  await page.keyboard.press('ArrowDown');
  await expect(numbers).toHaveValue('relative');
  await expect(numbers).toBeFocused();
});
