/**
 * The course and the question makers (src/lessons/kit.ts), loaded when a lesson or Predict is
 * first used rather than with the first view. A store is given the kit (`LabStoreInit.lessons`,
 * or `ensureLessons`); the loaded module is kept here, so every store of the page shares it.
 */
import type * as Kit from '../lessons/kit';

export type LessonKit = typeof Kit;

let loaded: LessonKit | undefined;

/** The kit if it has been loaded (a link that opens a lesson loads it before the first view). */
export function loadedLessonKit(): LessonKit | undefined {
  return loaded;
}

export async function loadLessonKit(): Promise<LessonKit> {
  loaded ??= await import('../lessons/kit');
  return loaded;
}

/**
 * Each lesson's name and last step, for the link's `lesson` and `step`: the step after the last
 * one is the lesson's closing screen, which has a link too. Unknown without the kit.
 */
export function lessonSteps(
  kit: LessonKit | null | undefined,
): ReadonlyMap<string, number> | undefined {
  if (kit === null || kit === undefined) return undefined;
  return new Map(kit.course.map((lesson) => [lesson.id, lesson.steps.length + 1]));
}
