/**
 * Between the lab's store and its link: the view a URL describes, and the URL a view writes.
 * A link names the scenario and only the run settings that differ from the scenario's own, so it
 * stays short and still reproduces the run (same settings and seed ⇒ the same trace, DESIGN.md).
 */
import {
  RUN_SETTING_KEYS as RUN_KEYS,
  type Intervention,
  type LabState,
  type LabStore,
  type RunSettings,
  type RunSource,
} from '../../store';
import { ipVersionNote } from './link-notes';
import type { UrlState } from './url-params';

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

/** What of the lab's state a link describes. */
export type LinkedView = Pick<LabState, 'run' | 't' | 'selectedId' | 'theme'> &
  Partial<
    Pick<LabState, 'lesson' | 'base' | 'interventions' | 'numbering' | 'timeAxis' | 'largeType'>
  >;

/** The view settings a link keeps (numbers, time axis, text size, theme), each only when not the default. */
function viewParams(state: LinkedView): UrlState {
  return {
    ...(state.numbering !== undefined && state.numbering !== 'absolute'
      ? { numbers: state.numbering }
      : {}),
    ...(state.timeAxis !== undefined && state.timeAxis !== 'compressed'
      ? { axis: state.timeAxis }
      : {}),
    ...(state.largeType ? { text: 'large' as const } : {}),
    ...(state.theme !== 'system' ? { theme: state.theme } : {}),
  };
}

/**
 * The playhead as a link writes it: whole milliseconds (a shorter number reads better), except
 * where rounding would put it before the last fork, which must show as done.
 */
function playheadOf(t: number, fork: readonly Intervention[]): number {
  const rounded = Math.round(t);
  const last = fork.at(-1)?.at ?? 0;
  return rounded < last && t >= last ? t : rounded;
}

/**
 * The link of the view on screen. A run forked in the middle (a dropped segment, a link change at
 * the playhead) is written as the settings it started with plus its `fork`, so the link
 * reproduces the fork exactly (docs/embedding.md, "What a link keeps").
 */
export function urlStateOfLab(
  state: LinkedView,
  world: Pick<RunSource, 'defaults'>,
  kept: KeptParams = {},
): UrlState {
  // A lesson step is its own link: the step sets the run and the moment.
  if (state.lesson) {
    return { lesson: state.lesson.id, step: state.lesson.step + 1, ...viewParams(state), ...kept };
  }
  const fork = state.interventions ?? [];
  const settings = fork.length > 0 && state.base ? state.base : state.run;
  const defaults = world.defaults(settings.preset);
  const url: Record<string, unknown> = { scenario: settings.preset };
  for (const key of RUN_KEYS) if (settings[key] !== defaults[key]) url[key] = settings[key];
  const t = playheadOf(state.t, fork);
  if (t > 0) url.t = t;
  if (state.selectedId !== null) url.segment = state.selectedId;
  if (fork.length > 0) url.fork = fork;
  return { ...(url as UrlState), ...viewParams(state), ...kept };
}

/**
 * Why the URL's scenario cannot run over the IP version the URL asks for (an IPv6-only preset
 * asked for IPv4), or undefined when it can or the URL asks for none.
 */
export function urlIpProblem(url: UrlState, world: Pick<RunSource, 'presets'>): string | undefined {
  if (url.ip === undefined) return undefined;
  const preset = world.presets.find((p) => p.name === url.scenario) ?? world.presets[0];
  const problem = preset?.ipProblems?.[url.ip];
  return problem === undefined ? undefined : ipVersionNote(url.ip, preset?.name ?? '', problem);
}

/** The run settings a URL asks for: the scenario's own, with the URL's values on top. */
export function runSettingsOfUrl(url: UrlState, world: RunSource): RunSettings {
  const preset = url.scenario ?? world.presets[0]?.name ?? '';
  const run: Record<string, unknown> = { ...world.defaults(preset) };
  const keys =
    urlIpProblem(url, world) === undefined ? RUN_KEYS : RUN_KEYS.filter((k) => k !== 'ip');
  for (const key of keys) if (url[key] !== undefined) run[key] = url[key];
  return run as unknown as RunSettings;
}

function sameRun(a: RunSettings, b: RunSettings): boolean {
  return a.preset === b.preset && RUN_KEYS.every((key) => a[key] === b[key]);
}

function sameFork(a: readonly Intervention[], b: readonly Intervention[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The view settings a URL asks for; absent ones are the app's defaults, as on a fresh page. */
function applyViewParams(store: LabStore, url: UrlState): void {
  const state = store.getState();
  state.setTheme(url.theme ?? 'system');
  state.setNumbering(url.numbers ?? 'absolute');
  const axis = url.axis ?? 'compressed';
  if (state.timeAxis !== axis) state.setTimeAxis(axis);
  state.setLargeType(url.text === 'large');
}

/**
 * Brings an open lab to the view a URL describes (Back and Forward). The run is re-run only when
 * its settings or its fork differ, and then once, as one undo entry (openRun); the playhead,
 * selection and view settings then follow. Absent parameters mean the app's defaults, exactly as
 * when the page first opens.
 */
export function applyUrlState(store: LabStore, world: RunSource, url: UrlState): void {
  if (url.lesson !== undefined) {
    store.getState().openLesson(url.lesson, (url.step ?? 1) - 1);
    applyViewParams(store, url);
    return;
  }
  store.getState().leaveLesson();
  const target = runSettingsOfUrl(url, world);
  const fork = url.fork ?? [];
  const current = store.getState();
  current.pause();
  if (!sameRun(current.base, target) || !sameFork(current.interventions, fork)) {
    store.getState().openRun(target, fork);
  }
  store.getState().seek(url.t ?? 0);
  const segment = url.segment;
  store
    .getState()
    .select(
      segment !== undefined && store.getState().timeline.spanById[segment] !== undefined
        ? segment
        : null,
    );
  applyViewParams(store, url);
}
