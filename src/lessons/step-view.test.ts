import { describe, expect, it } from 'vitest';
import { getPreset, runScenario } from '../sim';
import type { LessonStep } from './lesson';
import { viewStep } from './step-view';

// handshake-data: the SYN leaves at 10 ms, the request at 110, the response arrives at 210.
const preset = getPreset('handshake-data');
if (!preset) throw new Error('handshake-data');
const { trace, endTime } = runScenario(preset.scenario);

function timeQuestion(at: string | undefined): LessonStep {
  return {
    run: { scenario: 'handshake-data' },
    ...(at !== undefined ? { at } : {}),
    ask: { kind: 'time', about: 'fate server:DATA#1' },
    text: 'The request left at {when send client:DATA#1}; the client is {state client}.',
  };
}

describe('a question step', () => {
  it('pauses just before the moment it asks about, where the clock all but shows a time', () => {
    const view = viewStep(timeQuestion(undefined), trace, endTime);
    expect(view.t).toBeGreaterThan(209);
    expect(view.t).toBeLessThan(210);
    expect(view.question?.answer).toMatchObject({ type: 'number', correct: 210 });
  });

  it('pauses at its own earlier moment when it names one, asking the same question', () => {
    const view = viewStep(timeQuestion('send client:DATA#1'), trace, endTime);
    expect(view.t).toBe(110);
    expect(view.missing).toBe(false);
    expect(view.question?.answer).toMatchObject({ type: 'number', correct: 210 });
    expect(view.text.text).toBe('The request left at 110 ms; the client is ESTABLISHED.');
  });

  it('counts a pause that is not earlier than the moment asked about as missing', () => {
    expect(viewStep(timeQuestion('end'), trace, endTime).missing).toBe(true);
    expect(viewStep(timeQuestion('fate server:DATA#1'), trace, endTime).missing).toBe(true);
    expect(viewStep(timeQuestion('send client:FIN#9'), trace, endTime).missing).toBe(true);
  });
});

describe('a question about a timer', () => {
  // lost-syn: the client's SYN leaves at 10 ms with its retransmission timer; the timer fires
  // at 1,010 ms and, with the second SYN, is started again.
  const lost = getPreset('lost-syn');
  if (!lost) throw new Error('lost-syn');
  const run = runScenario(lost.scenario);
  const timerStep = (about: string): LessonStep => ({
    run: { scenario: 'lost-syn' },
    ask: { kind: 'timer', about },
    text: 'The client sends its SYN.',
  });

  it('pauses before the timer is started, while neither its countdown nor the clock tells its length', () => {
    const view = viewStep(timerStep('fire client retransmit#1'), run.trace, run.endTime);
    expect(view.t).toBeLessThan(10);
    expect(view.question?.answer).toMatchObject({ type: 'number', correct: 1000 });
    expect(view.question?.prompt).toBe(
      'The client starts its retransmission timer at t=10 ms. How many milliseconds will it run before it fires?',
    );
  });

  it('asks about a later run of the timer just before the firing that starts it again', () => {
    // syn-timeout: the sixth run lasts from 5,010 to 7,010 ms, the seventh, doubled, to 11,010.
    const syn = runScenario(getPreset('syn-timeout')!.scenario);
    const seventh = viewStep(
      { ...timerStep('fire client retransmit#7'), run: { scenario: 'syn-timeout' } },
      syn.trace,
      syn.endTime,
    );
    expect(seventh.t).toBeGreaterThan(7_009);
    expect(seventh.t).toBeLessThan(7_010);
    expect(seventh.question?.answer).toMatchObject({ type: 'number', correct: 4_000 });
  });

  it('is missing when the run has no such firing', () => {
    expect(viewStep(timerStep('fire client retransmit#2'), run.trace, run.endTime).missing).toBe(
      true,
    );
  });
});
