/**
 * The store for the full page, opened at the view the URL describes (scenario, link settings,
 * profile, ISNs, the fork a user made, view settings, playhead and selected segment); anything
 * absent keeps the preset's own. The simulator runs once, whatever the link holds.
 */
import { createLabStore, type LabStore, type RunSource } from '../store';
import { lessonSteps, loadedLessonKit } from '../store/lesson-kit';
import { createSimWorld } from '../store/sim-world';
import { createRunComputer } from './compute/run-computer';
import { missingSegmentNote, pastEndNote, unusedDropNote } from './url/link-notes';
import { parseUrlState, type PageKind, type UrlState } from './url/url-params';
import { urlIpProblem } from './url/lab-url';

export interface PageStore {
  store: LabStore;
  world: RunSource;
  /** Everything the URL said that the page could read (embeds read their options here). */
  url: UrlState;
  /** One sentence per ignored parameter. */
  notes: string[];
}

/**
 * The name of the performance mark each simulator run leaves: the browser's own profiler shows
 * when the lab re-ran, and the end-to-end tests count that a link opens with one run.
 */
export const SIMULATOR_RUN_MARK = 'handshake-lab:simulator-run';

function markingRuns(world: RunSource): RunSource {
  return {
    ...world,
    run: (settings, interventions) => {
      if (typeof performance !== 'undefined') performance.mark(SIMULATOR_RUN_MARK);
      return world.run(settings, interventions);
    },
  };
}

/**
 * Whether a link opens a lesson or predict mode: the page loads the lesson kit before its first
 * view then (src/app/main.tsx), so the lesson's step or the first question is the first thing
 * shown, and the link's lesson and step are checked against the course.
 */
export function linkUsesLessons(search: string): boolean {
  try {
    const params = new URLSearchParams(search);
    return params.has('lesson') || params.has('predict');
  } catch {
    return false;
  }
}

export function createPageStore(search: string, page: PageKind = 'full'): PageStore {
  const world = markingRuns(createSimWorld());
  const lessons = loadedLessonKit();
  const { state: url, notes } = parseUrlState(
    search,
    world.presets.map((p) => p.name),
    page,
    lessonSteps(lessons),
  );
  const ipProblem = urlIpProblem(url, world);
  if (ipProblem !== undefined) notes.push(ipProblem);
  const store = createLabStore({
    world,
    ...(url.scenario !== undefined ? { preset: url.scenario } : {}),
    run: {
      ...(url.seed !== undefined ? { seed: url.seed } : {}),
      ...(url.delay !== undefined ? { delay: url.delay } : {}),
      ...(url.jitter !== undefined ? { jitter: url.jitter } : {}),
      ...(url.loss !== undefined ? { loss: url.loss } : {}),
      ...(url.profile !== undefined ? { profile: url.profile } : {}),
      ...(url.isn !== undefined ? { isn: url.isn } : {}),
      ...(url.ip !== undefined && ipProblem === undefined ? { ip: url.ip } : {}),
      ...(url.sysctls !== undefined ? { sysctls: url.sysctls } : {}),
    },
    ...(url.fork !== undefined ? { interventions: url.fork } : {}),
    ...(url.theme !== undefined ? { theme: url.theme } : {}),
    computer: createRunComputer(),
    ...(url.numbers !== undefined ? { numbering: url.numbers } : {}),
    ...(url.axis !== undefined ? { timeAxis: url.axis } : {}),
    ...(url.text !== undefined ? { largeType: url.text === 'large' } : {}),
    ...(lessons !== undefined ? { lessons } : {}),
  });
  for (const step of url.fork ?? []) {
    // A drop the world could not make (the segment was not in flight) changes nothing: say so.
    if (step.kind !== 'drop') continue;
    const span = store.getState().timeline.spanById[step.id];
    if (span?.dropReason !== 'user') notes.push(unusedDropNote(step.at, step.id));
  }
  if (url.t !== undefined) {
    const { endTime } = store.getState().timeline;
    if (url.t > endTime) notes.push(pastEndNote(url.t, endTime));
    store.getState().seek(url.t);
  }
  if (url.speed !== undefined) store.getState().setSpeed(url.speed);
  if (url.segment !== undefined) {
    if (store.getState().timeline.spanById[url.segment] !== undefined)
      store.getState().select(url.segment);
    else notes.push(missingSegmentNote(url.segment));
  }
  if (url.lesson !== undefined) store.getState().openLesson(url.lesson, (url.step ?? 1) - 1);
  return { store, world, url, notes };
}
