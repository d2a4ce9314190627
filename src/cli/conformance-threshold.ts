/**
 * The committed pass-rate threshold (conformance/pass-rates.json): the lowest rate, in percent,
 * the whole run and each suite area may fall to. `npm test` fails below it, so fidelity only
 * goes up; `--update-threshold` writes the rates reached, to be committed when they rose.
 */
import { rateOf, type AreaTally } from './conformance-areas';

export const THRESHOLD_FILE = 'conformance/pass-rates.json';

export interface Threshold {
  readonly overall: number;
  readonly areas: Readonly<Record<string, number>>;
}

const ABOUT =
  'Lowest pass rate (percent) of the conformance run and of each suite area; npm test fails below it. After raising fidelity: npm run conformance -- conformance ../shared/conformance/packetdrill ../shared/conformance/corpus --update-threshold';

const isRate = (v: unknown): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 100;

/** Reads the file's text; a string is the one problem found, naming the field. */
export function parseThreshold(text: string): Threshold | string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'not a JSON object';
  const { overall, areas } = data as Record<string, unknown>;
  if (!isRate(overall)) return 'overall: must be a percentage from 0 to 100';
  if (typeof areas !== 'object' || areas === null || Array.isArray(areas)) {
    return 'areas: must be an object of area name to percentage';
  }
  for (const [name, rate] of Object.entries(areas)) {
    if (!isRate(rate)) return `areas."${name}": must be a percentage from 0 to 100`;
  }
  return { overall, areas: areas as Record<string, number> };
}

/**
 * The threshold raised to the rates a run reached, as the file's text. A rate never goes down
 * here: an area that fell keeps its old rate (the check reports it), and an area this run did
 * not include keeps its entry; the overall rate is taken only from a run of every area.
 */
export function raisedThresholdText(
  old: Threshold | null,
  tallies: readonly AreaTally[],
  overall: AreaTally,
): string {
  const areas: Record<string, number> = { ...old?.areas };
  for (const t of tallies) areas[t.area] = Math.max(areas[t.area] ?? 0, rateOf(t));
  const complete =
    old === null || Object.keys(old.areas).every((a) => tallies.some((t) => t.area === a));
  const reached = complete ? rateOf(overall) : 0;
  const sorted = Object.fromEntries(Object.entries(areas).sort(([a], [b]) => a.localeCompare(b)));
  const file = { about: ABOUT, overall: Math.max(old?.overall ?? 0, reached), areas: sorted };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export interface ThresholdCheck {
  /** One sentence per rate below its threshold. */
  readonly below: readonly string[];
  /** Areas the threshold names that this run did not include (their folder is absent). */
  readonly notRun: readonly string[];
  /** The remark for an area's row in the table. */
  readonly remark: (t: AreaTally) => string;
}

export function checkThreshold(
  threshold: Threshold,
  tallies: readonly AreaTally[],
  overall: AreaTally,
): ThresholdCheck {
  const ran = new Set(tallies.map((t) => t.area));
  const notRun = Object.keys(threshold.areas).filter((a) => !ran.has(a));
  const floorOf = (t: AreaTally): number | undefined =>
    t === overall ? threshold.overall : threshold.areas[t.area];
  const below: string[] = [];
  for (const t of tallies) {
    const floor = floorOf(t);
    if (floor !== undefined && rateOf(t) < floor) {
      below.push(`${t.area}: ${rateOf(t).toFixed(1)} % passed, below the threshold ${floor} %`);
    }
  }
  // The overall rate is only comparable when every area of the threshold was run.
  if (notRun.length === 0 && rateOf(overall) < threshold.overall) {
    below.push(
      `overall: ${rateOf(overall).toFixed(1)} % passed, below the threshold ${threshold.overall} %`,
    );
  }
  const remark = (t: AreaTally): string => {
    const floor = floorOf(t);
    if (floor === undefined) return 'no threshold yet';
    if (t === overall && notRun.length > 0) return `threshold ${floor} % (not comparable)`;
    return rateOf(t) < floor ? `BELOW threshold ${floor} %` : `threshold ${floor} %`;
  };
  return { below, notRun, remark };
}
