/**
 * Between the lab's store and its link: the view a URL describes, and the URL a view writes.
 * A link names the scenario and only the run settings that differ from the scenario's own, so it
 * stays short and still reproduces the run (same settings and seed ⇒ the same trace, DESIGN.md).
 */
import type { LabState, LabStore, RunSettings, World } from '../../store';
import type { UrlState } from './url-params';

const RUN_KEYS = ['seed', 'delay', 'jitter', 'loss', 'profile', 'isn'] as const;

/** Parameters the lab does not hold in its store; a view keeps them as its link gave them. */
export const KEPT_KEYS = [
  'lang',
  'controls',
  'autoplay',
  'loop',
  'speed',
  'narration',
  'predict',
  'start',
  'end',
  'origins',
] as const satisfies readonly (keyof UrlState)[];

export type KeptParams = Pick<UrlState, (typeof KEPT_KEYS)[number]>;

export function keptParams(url: UrlState): KeptParams {
  const kept: Record<string, unknown> = {};
  for (const key of KEPT_KEYS) if (url[key] !== undefined) kept[key] = url[key];
  return kept as KeptParams;
}

/**
 * The link of the view on screen. The playhead is written in whole milliseconds (a link does not
 * need sub-millisecond precision, and a shorter number reads better). A run forked in the middle
 * (a dropped segment, a link change at the playhead) is written with the settings the controls
 * show: the link restores them from the start (docs/embedding.md, "What a link keeps").
 */
export function urlStateOfLab(
  state: Pick<LabState, 'run' | 't' | 'selectedId' | 'theme'> & Partial<Pick<LabState, 'lesson'>>,
  world: Pick<World, 'defaults'>,
  kept: KeptParams = {},
): UrlState {
  // A lesson step is its own link: the step sets the run and the moment.
  if (state.lesson) {
    const theme = state.theme !== 'system' ? { theme: state.theme } : {};
    return { lesson: state.lesson.id, step: state.lesson.step + 1, ...theme, ...kept };
  }
  const defaults = world.defaults(state.run.preset);
  const url: Record<string, unknown> = { scenario: state.run.preset };
  for (const key of RUN_KEYS) if (state.run[key] !== defaults[key]) url[key] = state.run[key];
  const t = Math.round(state.t);
  if (t > 0) url.t = t;
  if (state.selectedId !== null) url.segment = state.selectedId;
  if (state.theme !== 'system') url.theme = state.theme;
  return { ...(url as UrlState), ...kept };
}

/** The run settings a URL asks for: the scenario's own, with the URL's values on top. */
export function runSettingsOfUrl(url: UrlState, world: World): RunSettings {
  const preset = url.scenario ?? world.presets[0]?.name ?? '';
  const run: Record<string, unknown> = { ...world.defaults(preset) };
  for (const key of RUN_KEYS) if (url[key] !== undefined) run[key] = url[key];
  return run as unknown as RunSettings;
}

function sameRun(a: RunSettings, b: RunSettings): boolean {
  return a.preset === b.preset && RUN_KEYS.every((key) => a[key] === b[key]);
}

/**
 * Brings an open lab to the view a URL describes (Back and Forward). The run is re-run only when
 * its settings differ or the run was forked; the playhead, selection and theme then follow.
 * Absent parameters mean the app's defaults, exactly as when the page first opens.
 */
export function applyUrlState(store: LabStore, world: World, url: UrlState): void {
  store.getState().setTheme(url.theme ?? 'system');
  if (url.lesson !== undefined) {
    store.getState().openLesson(url.lesson, (url.step ?? 1) - 1);
    return;
  }
  store.getState().leaveLesson();
  const target = runSettingsOfUrl(url, world);
  const current = store.getState();
  current.pause();
  if (!sameRun(current.run, target) || current.interventions.length > 0) {
    store.getState().choosePreset(target.preset);
    const defaults = world.defaults(target.preset);
    const patch: Record<string, unknown> = {};
    for (const key of RUN_KEYS) if (target[key] !== defaults[key]) patch[key] = target[key];
    // At t = 0 a settings change re-runs the whole scenario (no fork).
    if (Object.keys(patch).length > 0) store.getState().changeRunSettings(patch);
  }
  store.getState().seek(url.t ?? 0);
  const segment = url.segment;
  store
    .getState()
    .select(
      segment !== undefined && store.getState().timeline.spanById.has(segment) ? segment : null,
    );
  store.getState().setTheme(url.theme ?? 'system');
}
