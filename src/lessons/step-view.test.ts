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
