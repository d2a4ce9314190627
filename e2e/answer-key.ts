/**
 * The answer key the end-to-end walks use: each lesson step's kind and right answer, and predict
 * mode's questions on one preset, computed in Node from the same lessons and simulator the app
 * runs (run with tsx, which reads the course's JSON files; printed as JSON). The answers
 * themselves are checked against the trace by src/lessons/answers.test.ts.
 */
import type { SendEvent } from '../src/sim/trace';
import { course, predictSteps, segmentIdOf, viewStep, type Answer } from '../src/lessons';
import { createSimWorld } from '../src/store/sim-world';

export type KeyedStep =
  | { readonly type: 'text' }
  | { readonly type: 'action' }
  | { readonly type: 'question'; readonly answer: Answer };

const world = createSimWorld();

function stepKey(step: (typeof course)[number]['steps'][number]): KeyedStep {
  if (step.do !== undefined) return { type: 'action' };
  if (step.ask === undefined) return { type: 'text' };
  const { scenario, drop, ...settings } = step.run;
  const run = { ...world.defaults(scenario), ...settings };
  let result = world.run(run, []);
  if (drop !== undefined) {
    const id = segmentIdOf(result.trace, drop);
    const sent = result.trace.find((e): e is SendEvent => e.type === 'send' && e.id === id);
    if (id !== undefined && sent?.arrivesAt !== undefined) {
      result = world.run(run, [{ at: (sent.t + sent.arrivesAt) / 2, kind: 'drop', id }]);
    }
  }
  const question = viewStep(step, result.trace, result.endTime).question;
  if (question === undefined) throw new Error('a lesson question is missing from its run');
  return { type: 'question', answer: question.answer };
}

const preset = process.argv[2] ?? 'handshake';
const predictRun = world.run(world.defaults(preset), []);

console.log(
  JSON.stringify({
    lessons: course.map((lesson) => ({
      id: lesson.id,
      title: lesson.title,
      steps: lesson.steps.map(stepKey),
    })),
    predict: predictSteps(predictRun.trace).flatMap((s) => (s.question ? [s.question.answer] : [])),
  }),
);
