import { describe, expect, it } from 'vitest';
import { validateLesson } from './validate-lesson';

const SCENARIOS = ['handshake', 'lost-syn'];

function lesson(steps: unknown[], extra: Record<string, unknown> = {}) {
  return { id: 'one', title: 'One', goal: 'Explain one thing.', steps, ...extra };
}

const STEP = { run: { scenario: 'handshake' }, at: 'send client:SYN#1', text: 'ISN {isn client}.' };

function errors(json: unknown): string[] {
  const result = validateLesson(json, SCENARIOS);
  return result.ok ? [] : result.errors;
}

describe('validateLesson', () => {
  it('accepts a lesson with a text step, a question and an action', () => {
    const result = validateLesson(
      lesson([
        STEP,
        {
          run: { scenario: 'lost-syn', profile: 'rfc' },
          ask: { kind: 'timer', about: 'fire client retransmit#1' },
          text: 'Lost.',
        },
        {
          run: { scenario: 'handshake' },
          at: 'send server:SYN-ACK#1',
          do: { drop: 'server:SYN-ACK#1' },
          text: 'Drop it.',
        },
      ]),
      SCENARIOS,
    );
    expect(result.ok).toBe(true);
  });

  it('names the field and the problem', () => {
    expect(errors(lesson([{ ...STEP, run: { scenario: 'nope' } }]))).toEqual([
      'steps[0].run.scenario: there is no preset named "nope"',
    ]);
    expect(errors(lesson([{ ...STEP, at: 'send client:SYNACK#1' }]))).toEqual([
      'steps[0].at: unknown segment kind "SYNACK" (expected one of SYN, SYN-ACK, ACK, FIN, RST, DATA)',
    ]);
    expect(errors(lesson([{ ...STEP, text: 'ISN {isn}.' }]))).toEqual([
      'steps[0].text: {isn}: "isn" expects one endpoint name',
    ]);
    expect(errors(lesson([{ ...STEP, text: 'It is {colour client}.' }]))[0]).toMatch(
      /^steps\[0\]\.text: \{colour client\}: unknown placeholder "colour"/,
    );
    expect(errors(lesson([{ ...STEP, run: { scenario: 'handshake', loss: 120 } }]))).toEqual([
      'steps[0].run.loss: must be between 0 and 100, got 120',
    ]);
    expect(errors(lesson([STEP], { id: 'Bad Id' }))).toEqual([
      'id: must be lowercase words joined by hyphens, got "Bad Id"',
    ]);
    expect(errors(lesson([]))).toEqual(['steps: must have at least one step']);
    expect(errors([])).toEqual(['(lesson): must be a JSON object, got an array']);
  });

  it('checks that a question is about a moment of its kind', () => {
    expect(
      errors(lesson([{ ...STEP, ask: { kind: 'state', about: 'send client:SYN#1' } }])),
    ).toEqual(['steps[0].ask.about: a state question is about a moment of state, got "send"']);
    expect(errors(lesson([{ ...STEP, ask: { kind: 'guess', about: 'start' } }]))).toEqual([
      'steps[0].ask.kind: must be one of flags, seq, ack, retransmission, count, state, fate, timer, connect, time, got "guess"',
    ]);
  });

  it('accepts a time question about a read, but not about a call or a duplicate copy', () => {
    expect(errors(lesson([{ ...STEP, ask: { kind: 'time', about: 'read client#6' } }]))).toEqual(
      [],
    );
    expect(
      errors(lesson([{ ...STEP, ask: { kind: 'time', about: 'call client connect#2' } }])),
    ).toEqual([
      'steps[0].ask.about: a time question is about a moment of send or fate or state or fire or connect or read, got "call"',
    ]);
    expect(errors(lesson([{ ...STEP, at: 'copy client:DATA' }]))).toEqual([]);
    expect(errors(lesson([{ ...STEP, at: 'read client' }]))).toEqual([]);
    expect(errors(lesson([{ ...STEP, at: 'call client' }]))).toEqual([
      'steps[0].at: "call" takes 2 word(s) after it, got "call client"',
    ]);
  });

  it('rejects unknown fields and a step that both asks and acts', () => {
    expect(errors(lesson([{ ...STEP, note: 'x' }]))[0]).toMatch(/^steps\[0\]\.note: unknown field/);
    expect(
      errors(
        lesson([{ ...STEP, ask: { kind: 'flags', about: 'send client:SYN#1' }, do: { loss: 30 } }]),
      ),
    ).toEqual(['steps[0]: a step either asks a question or asks for an action, not both']);
    expect(errors(lesson([{ ...STEP, do: { loss: 30, drop: 'SYN' } }]))).toEqual([
      'steps[0].do: must name exactly one action: drop or loss',
    ]);
  });
});
