import { describe, expect, it, vi } from 'vitest';
import { course } from '../lessons';
import * as lessonKit from '../lessons/kit';
import { createLabStore, type LabStore } from './create-lab-store';
import { lessonActionDone, openStep, stepViewOf } from './slices/lesson';
import { createSimWorld } from './sim-world';

const world = createSimWorld();

function lab(): LabStore {
  const store = createLabStore({ world, preset: 'closed-port', lessons: lessonKit });
  store.subscribe(() => store.getState().holdForLesson());
  return store;
}

function stepIndex(id: string, test: (step: (typeof course)[number]['steps'][number]) => boolean) {
  const lesson = course.find((l) => l.id === id);
  const index = lesson?.steps.findIndex(test) ?? -1;
  if (index < 0) throw new Error(`no such step in ${id}`);
  return index;
}

describe('lessons in the store', () => {
  it('loads the course when a store without it opens a lesson, then opens the step', async () => {
    const store = createLabStore({ world, preset: 'closed-port' });
    expect(store.getState().lessonKit).toBeNull();
    store.getState().openLesson('random-isn', 0);
    await vi.waitFor(() => expect(store.getState().lesson?.id).toBe('random-isn'));
    expect(store.getState().lessonKit?.course).toBe(course);
    expect(store.getState().run.preset).toBe('handshake');
  });

  it('opens a step on its preset and settings, at its moment, and marks it seen', () => {
    const store = lab();
    store.getState().openLesson('random-isn', 0);
    const s = store.getState();
    expect([s.run.preset, s.run.isn]).toEqual(['handshake', 'random']);
    expect(s.t).toBe(10);
    expect(s.progress.lessons['random-isn']?.seen).toEqual([0]);
  });

  it('waits before a question and reveals it, scoring the answer once per step', () => {
    const store = lab();
    const ask = stepIndex('why-handshake', (s) => s.ask?.kind === 'ack');
    store.getState().openLesson('why-handshake', ask);
    const view = stepViewOf(lessonKit, store.getState().timeline, openStep(store.getState())!.step);
    expect(store.getState().t).toBe(view.t);
    store.getState().play();
    store.getState().tick(60_000);
    expect(store.getState().t).toBe(view.t);
    store.getState().revealLessonAnswer('701');
    expect(store.getState().lesson?.result).toEqual({ given: '701', right: true });
    expect(store.getState().t).toBe(60);
    store.getState().revealLessonAnswer('9');
    expect(store.getState().progress.lessons['why-handshake']?.answered).toEqual({ [ask]: false });
  });

  it('asks for an action, and knows when the run shows it done', () => {
    const store = lab();
    const act = stepIndex('loss', (s) => s.do !== undefined);
    store.getState().openLesson('loss', act);
    expect(lessonActionDone(store.getState())).toBe(false);
    store.getState().doLessonAction();
    expect(lessonActionDone(store.getState())).toBe(true);
    expect(store.getState().interventions).toHaveLength(1);
  });

  it("a presenter's next shows an unanswered question's answer first, unscored, then goes on", () => {
    const store = lab();
    const ask = stepIndex('why-handshake', (s) => s.ask?.kind === 'ack');
    store.getState().openLesson('why-handshake', ask);
    store.getState().presentNextLessonStep();
    expect(store.getState().lesson).toEqual({
      id: 'why-handshake',
      step: ask,
      result: { given: null, right: false },
    });
    // The playhead shows the moment asked about; nobody's answer is counted.
    expect(store.getState().t).toBe(60);
    expect(store.getState().progress.lessons['why-handshake']?.answered).toEqual({});
    store.getState().presentNextLessonStep();
    expect(store.getState().lesson?.step).toBe(ask + 1);
  });

  it("a presenter's next does a step's action before going on", () => {
    const store = lab();
    const act = stepIndex('loss', (s) => s.do !== undefined);
    store.getState().openLesson('loss', act);
    store.getState().presentNextLessonStep();
    expect(store.getState().lesson?.step).toBe(act);
    expect(lessonActionDone(store.getState())).toBe(true);
    store.getState().presentNextLessonStep();
    expect(store.getState().lesson?.step).toBe(act + 1);
  });

  it("a presenter's next stays on the closing screen", () => {
    const store = lab();
    const last = course[0]!.steps.length;
    store.getState().openLesson(course[0]!.id, last);
    store.getState().presentNextLessonStep();
    expect(store.getState().lesson?.step).toBe(last);
  });

  it('shows the closing screen past the last step and records the lesson finished', () => {
    const store = lab();
    const last = course[0]!.steps.length;
    store.getState().openLesson(course[0]!.id, last);
    expect(store.getState().lesson?.step).toBe(last);
    expect(store.getState().progress.lessons[course[0]!.id]?.finished).toBe(true);
    store.getState().leaveLesson();
    expect(store.getState().lesson).toBeNull();
  });

  it('a step whose run drops a segment opens that run with the drop (the half-open connection)', () => {
    const store = lab();
    const halfOpen = stepIndex('reset', (s) => s.run.drop !== undefined);
    store.getState().openLesson('reset', halfOpen);
    const s = store.getState();
    const dropped = s.timeline.events.filter((e) => e.type === 'drop' && e.reason === 'user');
    expect(dropped).toHaveLength(1);
    expect(s.interventions).toHaveLength(1);
    const open = openStep(s)!;
    const view = stepViewOf(open.kit, s.timeline, open.step);
    expect(view.missing).toBe(false);
    expect(view.text.text).toContain('The client is CLOSED');
    expect(view.text.text).toContain('the server is still ESTABLISHED');
  });

  it("asks only the lesson's own questions while a lesson is open; predict mode asks again after", () => {
    const store = lab();
    store.subscribe(() => store.getState().holdForPrediction());
    store.getState().setPredict(true);
    // Predict mode holds the run before its first step, the server's listen() at 0.
    expect(store.getState().t).toBe(0);
    store.getState().openLesson('why-handshake', 0);
    store.getState().play();
    store.getState().tick(60_000);
    // A text step holds nothing: the run plays to its end, past every step predict mode asks about.
    expect(store.getState().t).toBe(store.getState().timeline.endTime);
    store.getState().leaveLesson();
    store.getState().seek(0);
    store.getState().play();
    store.getState().tick(60_000);
    expect(store.getState().t).toBeLessThan(10);
  });

  it('ignores an unknown lesson', () => {
    const store = lab();
    store.getState().openLesson('no-such-lesson', 0);
    expect(store.getState().lesson).toBeNull();
  });
});
