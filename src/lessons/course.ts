/**
 * The course: the lessons in the order a learner takes them. Each is a JSON file in course/,
 * validated when this module loads (a broken lesson is a bug, so it fails loudly here rather
 * than in front of a learner).
 */
import { presets } from '../sim/presets';
import whyHandshake from './course/why-handshake.json';
import states from './course/states.json';
import randomIsn from './course/random-isn.json';
import dataOnThird from './course/data-on-third.json';
import loss from './course/loss.json';
import sequenceNumbers from './course/sequence-numbers.json';
import closing from './course/closing.json';
import reset from './course/reset.json';
import synFlood from './course/syn-flood.json';
import web from './course/web.json';
import type { Lesson } from './lesson';
import { validateLesson } from './validate-lesson';

const FILES: readonly unknown[] = [
  whyHandshake,
  states,
  randomIsn,
  dataOnThird,
  loss,
  sequenceNumbers,
  closing,
  reset,
  synFlood,
  web,
];

const SCENARIOS = presets.map((p) => p.name);

function load(file: unknown, at: number): Lesson {
  const result = validateLesson(file, SCENARIOS);
  if (!result.ok) throw new Error(`lesson ${at + 1}: ${result.errors.join('; ')}`);
  return result.lesson;
}

export const course: readonly Lesson[] = FILES.map(load);

export function getLesson(id: string): Lesson | undefined {
  return course.find((lesson) => lesson.id === id);
}
