import { describe, expect, it } from 'vitest';
import { course } from './course';
import { EMPTY_PROGRESS, PROGRESS_VERSION, readProgress, scoreOf, withLesson } from './progress';

const first = course[0]!;

describe('stored lesson progress', () => {
  it('reads back what was saved', () => {
    const saved = withLesson(EMPTY_PROGRESS, first.id, (p) => ({
      ...p,
      seen: [0, 1],
      answered: { 4: true, 5: false },
    }));
    const read = readProgress(JSON.stringify(saved), course);
    expect(read).toEqual({ progress: saved, note: null });
    expect(scoreOf(read.progress.lessons[first.id]!)).toEqual({ right: 1, asked: 2 });
  });

  it('starts empty and silent when nothing is stored', () => {
    expect(readProgress(null, course)).toEqual({ progress: EMPTY_PROGRESS, note: null });
  });

  it('ignores corrupt data and data of another version, with a quiet note', () => {
    for (const stored of [
      '{not json',
      '42',
      'null',
      JSON.stringify({ version: PROGRESS_VERSION }),
    ]) {
      const read = readProgress(stored, course);
      expect(read.progress).toEqual(EMPTY_PROGRESS);
      expect(read.note).toMatch(/could not be read/);
    }
    const old = readProgress(JSON.stringify({ version: 0, lessons: {} }), course);
    expect(old.progress).toEqual(EMPTY_PROGRESS);
    expect(old.note).toMatch(/another version/);
  });

  it('keeps the lessons it can read and leaves out the rest', () => {
    const stored = JSON.stringify({
      version: PROGRESS_VERSION,
      lessons: {
        [first.id]: { seen: [0, 999, -1, 'x'], answered: {}, finished: false },
        'no-such-lesson': { seen: [], answered: {}, finished: true },
        [course[1]!.id]: { seen: [], answered: { 0: 'yes' }, finished: false },
      },
    });
    const read = readProgress(stored, course);
    expect(read.progress.lessons).toEqual({
      [first.id]: { seen: [0], answered: {}, finished: false },
    });
    expect(read.note).toMatch(/left out/);
  });
});
