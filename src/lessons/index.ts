/** Lessons and predict-mode questions: data plus pure functions of a trace (docs/lessons.md). */
export { course, getLesson } from './course';
export type { Lesson, LessonAction, LessonQuestion, LessonRun, LessonStep } from './lesson';
export { validateLesson, type LessonValidation } from './validate-lesson';
export { askAbout, describeEvent } from './ask';
export { predictSteps, type PredictStep } from './predict';
export { holdTimeBefore } from './hold';
export { answerText, isRight, QUESTION_KINDS } from './question';
export type { Answer, Question, QuestionKind } from './question';
export { actionDone, segmentIdOf, viewStep, type StepView } from './step-view';
export { renderTemplate, checkTemplate, type Rendered } from './template';
export {
  EMPTY_PROGRESS,
  PROGRESS_VERSION,
  lessonProgress,
  readProgress,
  scoreOf,
  withLesson,
  type LessonProgress,
  type Progress,
  type ReadProgress,
} from './progress';
