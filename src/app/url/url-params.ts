/**
 * The query parameters that make every view a link. Each parameter is a setting declared in
 * src/sim/settings (its name, range and grammar), parsed on its own: a malformed or unknown one is
 * ignored with a note the page shows, and every other parameter still applies. Nothing read from
 * the URL is ever run or inserted as HTML.
 */
import {
  LAB_SETTINGS,
  SUPPORTED_LANGUAGES,
  labSetting,
  quote,
  readText,
  writeText,
  type ForkStep,
  type LabSetting,
  type LabSettingName,
} from '../../sim/settings';

export type Theme = 'light' | 'dark' | 'system';
export type Controls = 'full' | 'minimal' | 'none';

/** What a URL can say. Every field is optional: an absent one keeps the app's default. */
export interface UrlState {
  scenario?: string;
  /** A lesson of the course (docs/lessons.md), and its step counted from 1. */
  lesson?: string;
  step?: number;
  seed?: number;
  /** One-way link delay in milliseconds. */
  delay?: number;
  jitter?: number;
  /** Loss in percent (0 to 100), as the Loss (%) control shows it. */
  loss?: number;
  profile?: 'rfc' | 'linux' | 'freebsd';
  isn?: 'textbook' | 'random';
  /** The IP version: an IPv4 preset over IPv6 has its addresses mapped into 2001:db8::/32. */
  ip?: 'ipv4' | 'ipv6';
  /** Linux sysctls changed per endpoint, in canonical text (`client.tcp_syn_retries:2`). */
  sysctls?: string;
  /** The playhead in virtual milliseconds. */
  t?: number;
  /** The selected segment's id. */
  segment?: number;
  /** What the user did mid-run (segments dropped, link changes): the fork a link reproduces. */
  fork?: ForkStep[];
  numbers?: 'absolute' | 'relative';
  /** The time axis: compressed breaks or true scale. */
  axis?: 'compressed' | 'true';
  /** Text size: large for a projector. */
  text?: 'normal' | 'large';
  theme?: Theme;
  lang?: string;
  controls?: Controls;
  autoplay?: boolean;
  loop?: boolean;
  /** Playback speed as a fraction of real time (`speed=1/10` or `speed=0.1`). */
  speed?: number;
  /** Embeds: the current narration sentence as a caption under the diagram. */
  narration?: boolean;
  /** Embeds: predict-then-reveal, a question before each visible step (docs/embedding.md). */
  predict?: boolean;
  /** Embeds: the moment playback starts from and returns to when it loops (ms). */
  start?: number;
  end?: number;
  /**
   * Embeds: the parent origins allowed to drive the lab over postMessage, comma-separated
   * (`origins=https://a.example,https://b.example`). Absent: any parent may.
   */
  origins?: string[];
}

export type UrlParamName = keyof UrlState;

/** Every parameter a link may hold is a declared setting, and every setting has a parameter. */
type SameNames<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const NAMES_AGREE: SameNames<UrlParamName, LabSettingName> = true;
void NAMES_AGREE;

/** The order parameters are written in, so the same view always gives the same link. */
export const URL_PARAM_NAMES: readonly UrlParamName[] = LAB_SETTINGS.map((s) => s.name);

/**
 * Parameters only an embedded lab reads (docs/embedding.md). The full page names each in a note
 * and leaves it out of its own link.
 */
export const EMBED_ONLY_PARAMS: readonly UrlParamName[] = (LAB_SETTINGS as readonly LabSetting[])
  .filter((s) => s.embedOnly)
  .map((s) => s.name as UrlParamName);

/** Which page reads the link: the full page or an embed. */
export type PageKind = 'full' | 'embed';

export { SUPPORTED_LANGUAGES };

export interface ParsedUrl {
  state: UrlState;
  /** One sentence per ignored parameter, naming it and the problem. */
  notes: string[];
}

function isParamName(name: string): name is UrlParamName {
  return (URL_PARAM_NAMES as readonly string[]).includes(name);
}

/**
 * Reads a query string. `knownScenarios` lists the preset names; a scenario outside it is
 * ignored with a note, and so is a lesson outside `knownLessons` (name → its last step) or a
 * step it does not have. A repeated parameter keeps its last value, as links edited by hand expect.
 * On the full page (`page: 'full'`) the embed-only parameters are ignored with a note.
 */
export function parseUrlState(
  search: string,
  knownScenarios?: readonly string[],
  page: PageKind = 'embed',
  knownLessons?: ReadonlyMap<string, number>,
): ParsedUrl {
  const state: Record<string, unknown> = {};
  const notes: string[] = [];
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search);
  } catch {
    return { state: {}, notes: ['Ignored the link’s parameters: they could not be read.'] };
  }
  for (const [name, raw] of params) {
    if (!isParamName(name)) {
      notes.push(`Ignored unknown parameter “${quote(name)}”.`);
      continue;
    }
    if (page === 'full' && (EMBED_ONLY_PARAMS as readonly string[]).includes(name)) {
      notes.push(`Ignored ${name}=${quote(raw)}: only an embedded lab uses it.`);
      continue;
    }
    const parsed = readText(labSetting(name).kind, raw);
    if ('problem' in parsed) {
      notes.push(`Ignored ${name}=${quote(raw)}: ${parsed.problem}.`);
      continue;
    }
    if (name === 'scenario' && knownScenarios && !knownScenarios.includes(raw)) {
      notes.push(`Ignored scenario=${quote(raw)}: there is no such scenario.`);
      continue;
    }
    if (name === 'lesson' && knownLessons && !knownLessons.has(raw)) {
      notes.push(`Ignored lesson=${quote(raw)}: there is no such lesson.`);
      continue;
    }
    state[name] = parsed.value;
  }
  const result = state as UrlState;
  checkStep(result, notes, knownLessons);
  if (result.start !== undefined && result.end !== undefined && result.end <= result.start) {
    notes.push(`Ignored end=${result.end}: it must come after start=${result.start}.`);
    delete result.end;
  }
  return { state: result, notes };
}

/** A step needs a lesson, and one that has that many steps. */
function checkStep(
  state: UrlState,
  notes: string[],
  knownLessons: ReadonlyMap<string, number> | undefined,
): void {
  if (state.step === undefined) return;
  if (state.lesson === undefined) {
    notes.push(`Ignored step=${state.step}: a step needs a lesson.`);
    delete state.step;
    return;
  }
  const steps = knownLessons?.get(state.lesson);
  if (steps !== undefined && state.step > steps) {
    notes.push(`Ignored step=${state.step}: the lesson “${state.lesson}” ends at step ${steps}.`);
    delete state.step;
  }
}

/** Writes a state as a query string (without "?"), in a fixed order, leaving out what is absent. */
export function serializeUrlState(state: UrlState): string {
  const params = new URLSearchParams();
  for (const name of URL_PARAM_NAMES) {
    const value = state[name];
    if (value === undefined) continue;
    params.set(name, writeText(labSetting(name).kind, value));
  }
  return params.toString();
}
