/**
 * A learner's progress through the course, as the browser keeps it: versioned plain data. Stored
 * data that is missing, of another version or unreadable is replaced by empty progress with a
 * quiet note, and a lesson that no longer exists (or a step beyond its end) is dropped: nothing
 * read back can break the page.
 */
import type { Lesson } from './lesson';

export const PROGRESS_VERSION = 1;

export interface LessonProgress {
  /** Steps the learner has seen, 0-based, ascending. */
  readonly seen: readonly number[];
  /** Per question step (0-based), whether its last revealed answer was right. */
  readonly answered: Readonly<Record<number, boolean>>;
  /** The closing screen was reached. */
  readonly finished: boolean;
}

export interface Progress {
  readonly version: typeof PROGRESS_VERSION;
  readonly lessons: Readonly<Record<string, LessonProgress>>;
}

export const EMPTY_PROGRESS: Progress = { version: PROGRESS_VERSION, lessons: {} };

export const EMPTY_LESSON_PROGRESS: LessonProgress = {
  seen: [],
  answered: {},
  finished: false,
};

export interface ReadProgress {
  readonly progress: Progress;
  /** Set when stored data was there but could not be used. */
  readonly note: string | null;
}

const UNREADABLE = 'Saved lesson progress could not be read, so it starts afresh.';

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

function readLesson(value: unknown, lesson: Lesson): LessonProgress | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (!Array.isArray(v.seen) || typeof v.finished !== 'boolean') return undefined;
  if (typeof v.answered !== 'object' || v.answered === null || Array.isArray(v.answered)) {
    return undefined;
  }
  const inLesson = (step: number | undefined): step is number =>
    step !== undefined && step < lesson.steps.length;
  const seen = [...new Set(v.seen.map(count).filter(inLesson))].sort((a, b) => a - b);
  const answered: Record<number, boolean> = {};
  for (const [key, right] of Object.entries(v.answered as Record<string, unknown>)) {
    const step = /^\d+$/.test(key) ? Number(key) : undefined;
    if (!inLesson(step) || typeof right !== 'boolean') return undefined;
    answered[step] = right;
  }
  return { seen, answered, finished: v.finished };
}

/** How many of a lesson's questions were answered right, out of those answered. */
export function scoreOf(progress: LessonProgress): { right: number; asked: number } {
  const answers = Object.values(progress.answered);
  return { right: answers.filter(Boolean).length, asked: answers.length };
}

/** Progress from what storage held (null: nothing stored), against the course as it is now. */
export function readProgress(stored: string | null, course: readonly Lesson[]): ReadProgress {
  if (stored === null) return { progress: EMPTY_PROGRESS, note: null };
  let json: unknown;
  try {
    json = JSON.parse(stored);
  } catch {
    return { progress: EMPTY_PROGRESS, note: UNREADABLE };
  }
  if (typeof json !== 'object' || json === null)
    return { progress: EMPTY_PROGRESS, note: UNREADABLE };
  const data = json as Record<string, unknown>;
  if (data.version !== PROGRESS_VERSION) {
    return {
      progress: EMPTY_PROGRESS,
      note: 'Saved lesson progress is from another version of the lab, so it starts afresh.',
    };
  }
  if (typeof data.lessons !== 'object' || data.lessons === null) {
    return { progress: EMPTY_PROGRESS, note: UNREADABLE };
  }
  const stored_ = data.lessons as Record<string, unknown>;
  const lessons: Record<string, LessonProgress> = {};
  let dropped = false;
  for (const [id, value] of Object.entries(stored_)) {
    const lesson = course.find((l) => l.id === id);
    const read = lesson && readLesson(value, lesson);
    if (read === undefined) dropped = true;
    else lessons[id] = read;
  }
  return {
    progress: { version: PROGRESS_VERSION, lessons },
    note: dropped ? 'Part of the saved lesson progress could not be read and was left out.' : null,
  };
}

export function lessonProgress(progress: Progress, id: string): LessonProgress {
  return progress.lessons[id] ?? EMPTY_LESSON_PROGRESS;
}

/** The progress with one lesson's entry changed. */
export function withLesson(
  progress: Progress,
  id: string,
  change: (before: LessonProgress) => LessonProgress,
): Progress {
  return {
    ...progress,
    lessons: { ...progress.lessons, [id]: change(lessonProgress(progress, id)) },
  };
}
