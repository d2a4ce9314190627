/*
 * Every question's answer, derived again from the trace by code of this test's own (not the code
 * that asks, src/lessons/ask.ts), and compared with what the app reveals: for every step of every
 * lesson, and for predict mode on every preset under the rfc and linux profiles with textbook
 * and random ISNs.
 */
import { describe, expect, it } from 'vitest';
import type { SendEvent, TraceEvent } from '../sim/trace';
import { createSimWorld } from '../store/sim-world';
import type { ProfileName, RunSettings } from '../store/world';
import { flagsLabel } from '../ui/format/segment-label';
import { course } from './course';
import type { LessonStep } from './lesson';
import { STATES } from './moment';
import { predictSteps } from './predict';
import { answerText, isRight, type Question, type QuestionKind } from './question';
import { segmentIdOf, viewStep } from './step-view';

/** How much sequence space a segment occupies: its bytes plus one for SYN and one for FIN. */
function occupied(s: SendEvent): number {
  return s.len + (s.flags.includes('SYN') ? 1 : 0) + (s.flags.includes('FIN') ? 1 : 0);
}

/** Sends from the same sender to the same receiver starting at the same sequence number. */
function sameSpace(trace: readonly TraceEvent[], s: SendEvent): SendEvent[] {
  return trace.filter(
    (e): e is SendEvent =>
      e.type === 'send' && e.from === s.from && e.to === s.to && e.seq === s.seq && occupied(e) > 0,
  );
}

function deriveAnswer(
  kind: QuestionKind,
  trace: readonly TraceEvent[],
  index: number,
): string | number {
  const e = trace[index];
  if (e === undefined) throw new Error(`no event at ${index}`);
  const send = (): SendEvent => {
    if (e.type !== 'send') throw new Error(`${kind} asked about a ${e.type}`);
    return e;
  };
  switch (kind) {
    case 'flags':
      return flagsLabel(send().flags);
    case 'seq':
      return send().seq;
    case 'ack':
      return send().ack;
    case 'retransmission': {
      const s = send();
      const before = sameSpace(trace.slice(0, index), s);
      return occupied(s) > 0 && before.length > 0 ? 'A retransmission' : 'A first transmission';
    }
    case 'count':
      return sameSpace(trace, send()).length;
    case 'state':
      if (e.type !== 'state') throw new Error('state asked about another event');
      return e.to;
    case 'fate': {
      if (e.type !== 'deliver' && e.type !== 'drop') throw new Error('fate of a non-segment');
      const lost = trace.some((x) => x.type === 'drop' && x.id === e.id);
      return lost ? 'It is lost' : 'It arrives';
    }
    case 'timer': {
      if (e.type !== 'timer' || e.action !== 'fire')
        throw new Error('timer asked about another event');
      let setAt: number | undefined;
      for (const x of trace.slice(0, index)) {
        if (x.type === 'timer' && x.endpoint === e.endpoint && x.timer === e.timer) {
          setAt = x.action === 'set' ? x.t : undefined;
        }
      }
      if (setAt === undefined) throw new Error('a timer fired that was never set');
      return Math.round((e.t - setAt) * 1000) / 1000;
    }
    case 'connect':
      if (e.type !== 'call' || e.call !== 'connect')
        throw new Error('connect asked about another event');
      return e.result === 'ok' ? '0 (connected)' : e.result;
    case 'time':
      return Math.round(e.t * 1000) / 1000;
  }
}

const world = createSimWorld();

/** What the app reveals, checked against the derived answer: right is right, wrong is wrong. */
function expectRevealMatches(question: Question, trace: readonly TraceEvent[], where: string) {
  const derived = deriveAnswer(question.kind, trace, question.index);
  const answer = question.answer;
  const shown = answer.type === 'choice' ? answer.correct : answer.correct;
  expect(shown, `${where}: ${question.prompt}`).toBe(derived);
  expect(isRight(answer, String(derived)), where).toBe(true);
  const wrong =
    answer.type === 'choice'
      ? answer.choices.find((c) => c !== answer.correct)
      : String(answer.correct + answer.tolerance + 1_000_003);
  expect(wrong, `${where}: a question needs a wrong answer to offer`).toBeDefined();
  expect(isRight(answer, wrong ?? ''), where).toBe(false);
  if (answer.type === 'choice') expect(answer.choices).toContain(answer.correct);
  expect(answerText(answer)).toContain(String(derived));
}

function lessonRun(step: LessonStep) {
  const { scenario, drop, ...settings } = step.run;
  const run: RunSettings = { ...world.defaults(scenario), ...settings };
  const first = world.run(run, []);
  if (drop === undefined) return first;
  const id = segmentIdOf(first.trace, drop);
  const sent = first.trace.find((e): e is SendEvent => e.type === 'send' && e.id === id);
  if (id === undefined || sent?.arrivesAt === undefined) throw new Error(`cannot drop ${drop}`);
  return world.run(run, [{ at: (sent.t + sent.arrivesAt) / 2, kind: 'drop', id }]);
}

describe('the course', () => {
  it('has the ten lessons, each ending with three to five questions', () => {
    expect(course).toHaveLength(10);
    for (const lesson of course) {
      const asks = lesson.steps.filter((s) => s.ask !== undefined).length;
      expect(asks, lesson.id).toBeGreaterThanOrEqual(3);
      expect(asks, lesson.id).toBeLessThanOrEqual(5);
      const firstAsk = lesson.steps.findIndex((s) => s.ask !== undefined);
      expect(
        lesson.steps.slice(firstAsk).every((s) => s.ask !== undefined),
        lesson.id,
      ).toBe(true);
    }
  });

  // A number typed into a lesson would go wrong under another profile, seed or ISN: facts of the
  // run are placeholders. What is left once placeholders, RFC sections and state names are gone
  // is general knowledge, listed here, or the loss a step asks the learner to set.
  const GENERAL = ['2×MSL', '32 bits', '2^32', 'HTTP/1.0', 'HTTP/1.1', 'ISN + 1'];
  it('states no fact of a run as a typed number', () => {
    const states = new RegExp(`\\b(${STATES.join('|')})\\b`, 'g');
    for (const lesson of course) {
      const texts = [lesson.title, lesson.goal, ...lesson.steps.map((s) => s.text)];
      texts.forEach((text, i) => {
        const action = lesson.steps[i - 2]?.do;
        const allowed = action && 'loss' in action ? [...GENERAL, `${action.loss} %`] : GENERAL;
        let rest = text
          .replace(/\{[^{}]*\}/g, '')
          .replace(/RFC \d+( §[\d.]+)?/g, '')
          .replace(/§[\d.]+/g, '')
          .replace(states, '');
        for (const known of allowed) rest = rest.split(known).join('');
        expect(rest, `${lesson.id} text ${i}`).not.toMatch(/\d/);
      });
    }
  });

  for (const lesson of course) {
    it(`${lesson.id}: every step's moment, facts and question are in its run, answered from the trace`, () => {
      lesson.steps.forEach((step, i) => {
        const where = `${lesson.id} step ${i + 1}`;
        const run = lessonRun(step);
        const view = viewStep(step, run.trace, run.endTime);
        expect(view.missing, where).toBe(false);
        expect(view.text.missing, where).toEqual([]);
        expect(Number.isFinite(view.t) && view.t >= 0 && view.t <= run.endTime, where).toBe(true);
        if (step.ask === undefined) return;
        const question = view.question;
        if (question === undefined) throw new Error(`${where}: no question`);
        expect(question.kind).toBe(step.ask.kind);
        // The run waits before the moment asked about: nothing of the answer is on screen yet.
        expect(view.t, where).toBeLessThan((run.trace[question.index] as TraceEvent).t);
        expectRevealMatches(question, run.trace, where);
      });
    });
  }
});

const SETTINGS: readonly { profile: ProfileName; isn: 'textbook' | 'random' }[] = [
  { profile: 'rfc', isn: 'textbook' },
  { profile: 'rfc', isn: 'random' },
  { profile: 'linux', isn: 'textbook' },
  { profile: 'linux', isn: 'random' },
];

describe('predict mode on every preset', () => {
  for (const preset of world.presets) {
    it(`${preset.name}: one question per visible step that has one, answered from the trace`, () => {
      for (const settings of SETTINGS) {
        const run = world.run({ ...world.defaults(preset.name), ...settings }, []);
        const steps = predictSteps(run.trace);
        const asked = steps.filter((s) => s.question !== undefined);
        // Every run shows something to predict: at the least, the first state change.
        expect(asked.length, `${preset.name} ${settings.profile} ${settings.isn}`).toBeGreaterThan(
          0,
        );
        for (const step of asked) {
          const question = step.question as Question;
          const where = `${preset.name} ${settings.profile} ${settings.isn} t=${step.t}`;
          expect(question.index, where).toBeGreaterThanOrEqual(step.first);
          expect(question.index, where).toBeLessThanOrEqual(step.last);
          // It waits before anything of its step is shown; a segment's fate, as the segment
          // leaves (held later, its arrow is nearly across or stopped half-way).
          expect(step.holdCursor, where).toBeLessThan(step.first);
          if (step.t > 0) expect(step.holdT, where).toBeLessThan(step.t);
          // A timer's length is on screen from the moment it is set (narration, countdown).
          expect(question.kind, where).not.toBe('timer');
          const asked = run.trace[question.index] as TraceEvent;
          if (question.kind === 'fate' && 'id' in asked) {
            const sent = run.trace.find((e) => e.type === 'send' && e.id === asked.id);
            expect(step.holdT, where).toBeLessThanOrEqual(sent?.t ?? -1);
          }
          expectRevealMatches(question, run.trace, where);
        }
      }
    });
  }
});
