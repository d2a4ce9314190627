/**
 * What the store needs of the course to open lessons and ask predict-mode questions: the course
 * itself and the functions that read a run for it. It is one module so that the page can load it
 * when a lesson or Predict is first used (src/store/lesson-kit.ts): a page that opens neither
 * does not carry the course, its validation or the question makers.
 */
export { course, getLesson } from './course';
export { actionDone, segmentIdOf, viewStep } from './step-view';
export { predictSteps } from './predict';
