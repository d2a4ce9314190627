/**
 * The query parameters that make every view a link (issue: embedding and sharing). Each parameter
 * is parsed on its own: a malformed or unknown one is ignored with a note the page shows, and
 * every other parameter still applies. Nothing read from the URL is ever run or inserted as HTML.
 */

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
  /** The playhead in virtual milliseconds. */
  t?: number;
  /** The selected segment's id. */
  segment?: number;
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

/** The order parameters are written in, so the same view always gives the same link. */
export const URL_PARAM_NAMES: readonly UrlParamName[] = [
  'scenario',
  'lesson',
  'step',
  'seed',
  'delay',
  'jitter',
  'loss',
  'profile',
  'isn',
  't',
  'segment',
  'theme',
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
];

/**
 * Parameters only an embedded lab reads (docs/embedding.md). The full page names each in a note
 * and leaves it out of its own link.
 */
export const EMBED_ONLY_PARAMS = [
  'controls',
  'autoplay',
  'loop',
  'predict',
  'start',
  'end',
  'origins',
] as const satisfies readonly UrlParamName[];

/** Which page reads the link: the full page or an embed. */
export type PageKind = 'full' | 'embed';

/** Languages the interface is written in. */
export const SUPPORTED_LANGUAGES: readonly string[] = ['en'];

export interface ParsedUrl {
  state: UrlState;
  /** One sentence per ignored parameter, naming it and the problem. */
  notes: string[];
}

type Parser = (raw: string) => { value: unknown } | { problem: string };

function numberIn(min: number, max: number, integer: boolean, unit = ''): Parser {
  return (raw) => {
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value)) return { problem: `expected a number` };
    if (integer && !Number.isInteger(value)) return { problem: `expected a whole number` };
    if (value < min || value > max) {
      return { problem: `expected a number from ${min} to ${max}${unit}` };
    }
    return { value };
  };
}

function oneOf(choices: readonly string[], aliases: Record<string, string> = {}): Parser {
  return (raw) => {
    const value = aliases[raw] ?? raw;
    return choices.includes(value) ? { value } : { problem: `expected ${choices.join(', ')}` };
  };
}

const flag: Parser = (raw) => {
  if (['', '1', 'true', 'yes', 'on'].includes(raw)) return { value: true };
  if (['0', 'false', 'no', 'off'].includes(raw)) return { value: false };
  return { problem: 'expected 1 or 0' };
};

/** A speed from 1/1000 to 1 (real time), written as a fraction "1/10" or a decimal "0.1". */
const fractionOfRealTime: Parser = (raw) => {
  const fraction = /^1\/(\d{1,4})$/.exec(raw.trim());
  const value = fraction ? 1 / Number(fraction[1]) : raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(value) || value < 1 / 1000 || value > 1) {
    return { problem: 'expected a fraction of real time from 1/1000 to 1, such as 1/10' };
  }
  return { value };
};

/** Up to 16 web origins, each exactly as a browser writes one (scheme://host[:port], no path). */
const originList: Parser = (raw) => {
  const items = raw.split(',').map((item) => item.trim());
  if (items.length > 16) return { problem: 'expected at most 16 origins' };
  for (const item of items) {
    let origin: string;
    try {
      const url = new URL(item);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('scheme');
      origin = url.origin;
    } catch {
      return { problem: 'expected origins such as https://course.example, separated by commas' };
    }
    if (origin !== item) {
      return { problem: `expected an origin without path or slash, such as ${quote(origin)}` };
    }
  }
  return { value: items };
};

const PARSERS: Record<UrlParamName, Parser> = {
  scenario: (raw) =>
    /^[a-z0-9][a-z0-9-]{0,63}$/.test(raw) ? { value: raw } : { problem: 'expected a preset name' },
  lesson: (raw) =>
    /^[a-z0-9][a-z0-9-]{0,63}$/.test(raw) ? { value: raw } : { problem: 'expected a lesson name' },
  step: numberIn(1, 1000, true),
  seed: numberIn(0, 4294967295, true),
  delay: numberIn(0, 10000, false, ' ms'),
  jitter: numberIn(0, 5000, false, ' ms'),
  loss: numberIn(0, 100, false, ' %'),
  profile: oneOf(['rfc', 'linux', 'freebsd']),
  isn: oneOf(['textbook', 'random']),
  t: numberIn(0, 1e9, false, ' ms'),
  segment: numberIn(1, 1e9, true),
  theme: oneOf(['light', 'dark', 'system'], { auto: 'system' }),
  lang: (raw) =>
    SUPPORTED_LANGUAGES.includes(raw.toLowerCase().split('-')[0] ?? '')
      ? { value: raw.toLowerCase() }
      : { problem: `only ${SUPPORTED_LANGUAGES.join(', ')} is available` },
  controls: oneOf(['full', 'minimal', 'none']),
  autoplay: flag,
  loop: flag,
  speed: fractionOfRealTime,
  narration: flag,
  predict: flag,
  start: numberIn(0, 1e9, false, ' ms'),
  end: numberIn(0, 1e9, false, ' ms'),
  origins: originList,
};

/** Shortens what a note quotes, so a hostile URL cannot flood the page. */
function quote(raw: string): string {
  const clean = [...raw].filter((char) => char >= ' ' && char !== '\u007f').join('');
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
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
    const parsed = PARSERS[name](raw);
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
    if (Array.isArray(value)) params.set(name, value.join(','));
    else params.set(name, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  }
  return params.toString();
}
