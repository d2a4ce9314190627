// A Vite plugin: the app receives the presets already validated. src/sim/presets validates each
// preset's JSON when it loads (filling in every default), which put the scenario validator into
// the first view for data that never changes after the build. Here the build runs that same
// module in Node (through Vite's module runner, when the build asks for it: the config itself
// imports none of the simulator, so loading the config stays quick and clean) and emits its
// result as data. A preset file that does not validate stops nothing: the app is built (or
// served) without it, and one message names the file and what is wrong with it. `npm run sim`
// and the unit tests use the module as written, as the dev server does while every preset is
// sound.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { runnerImport, type InlineConfig, type Plugin } from 'vite';
import type { Preset } from '../src/sim/presets/index.ts';
import type { ValidationResult } from '../src/sim/validate.ts';

const PRESETS_MODULE = fileURLToPath(new URL('../src/sim/presets/index.ts', import.meta.url));
const VALIDATE_MODULE = fileURLToPath(new URL('../src/sim/validate.ts', import.meta.url));
/** The module runner's own config: none of the project's plugins (this one among them). */
const RUNNER: InlineConfig = { configFile: false, logLevel: 'silent' };

export interface LoadedPresets {
  readonly presets: readonly Preset[];
  /** One line per preset file left out: the file, then what is wrong with it. */
  readonly broken: readonly string[];
}

/**
 * Each preset file the module imports, in its order (the scenario picker's), validated on its
 * own: where the module stops at the first broken file, this keeps every sound one. The preset
 * is built as the module builds it (src/sim/presets/index.ts, `load`).
 */
export function presetsFromFiles(
  moduleSource: string,
  readPreset: (file: string) => string,
  validateScenario: (json: unknown) => ValidationResult,
): LoadedPresets {
  const presets: Preset[] = [];
  const broken: string[] = [];
  for (const [, file] of moduleSource.matchAll(/^import \w+ from '\.\/([\w.-]+\.json)';$/gm)) {
    const where = `src/sim/presets/${file}`;
    let json: { name?: unknown; title?: unknown; description?: unknown; scenario?: unknown };
    try {
      json = JSON.parse(readPreset(file as string)) as typeof json;
    } catch (error) {
      broken.push(`${where}: not JSON (${(error as Error).message})`);
      continue;
    }
    const { name, title, description } = json;
    if (typeof name !== 'string' || typeof title !== 'string' || typeof description !== 'string') {
      broken.push(`${where}: needs a name, a title and a description, each a string`);
      continue;
    }
    const result = validateScenario(json.scenario);
    if (!result.ok) {
      broken.push(`${where} (preset ${name}): ${result.errors.join('; ')}`);
      continue;
    }
    presets.push({ name, title, description, scenario: result.scenario });
  }
  return { presets, broken };
}

/** The presets as the module gives them, or, when one is broken, every sound one. */
export async function loadPresets(): Promise<LoadedPresets> {
  try {
    const { module } = await runnerImport<{ presets: readonly Preset[] }>(PRESETS_MODULE, RUNNER);
    return { presets: module.presets, broken: [] };
  } catch {
    const { module } = await runnerImport<{
      validateScenario: (json: unknown) => ValidationResult;
    }>(VALIDATE_MODULE, RUNNER);
    const folder = new URL('../src/sim/presets/', import.meta.url);
    return presetsFromFiles(
      readFileSync(PRESETS_MODULE, 'utf8'),
      (file) => readFileSync(new URL(file, folder), 'utf8'),
      module.validateScenario,
    );
  }
}

/** The one message for the presets left out. */
export function brokenPresetsMessage(broken: readonly string[], kept: number): string {
  return [
    `${broken.length === 1 ? 'A preset is' : `${broken.length} presets are`} left out of the app (the other ${kept} load as usual):`,
    ...broken.map((line) => `  ${line}`),
  ].join('\n');
}

/** Messages already given: the page and its run worker are built apart, and it is said once. */
const told = new Set<string>();
/**
 * The presets loaded once for the page and its run worker (running the simulator's modules
 * takes seconds on a busy machine); loaded again after a file of the simulator changes.
 */
let loading: Promise<LoadedPresets> | undefined;

export function validatedPresets(): Plugin {
  let serving = false;
  return {
    name: 'handshake-lab:validated-presets',
    enforce: 'pre',
    configResolved(config) {
      serving = config.command === 'serve';
    },
    // The unit tests run the module as written: a broken preset fails them, loudly.
    apply: () => process.env['VITEST'] === undefined,
    watchChange(id) {
      if (id.includes('/src/sim/')) loading = undefined;
    },
    async load(id) {
      if (id !== PRESETS_MODULE) return null;
      loading ??= loadPresets();
      const { presets, broken } = await loading;
      const message = brokenPresetsMessage(broken, presets.length);
      if (broken.length > 0 && !told.has(message)) {
        told.add(message);
        this.warn(message);
      }
      // The dev server runs the module as written while it can.
      if (serving && broken.length === 0) return null;
      const json = JSON.stringify(presets);
      // The presets must survive JSON unchanged (no undefined field, no Infinity), or the app
      // would run other scenarios than the tests.
      if (!isDeepStrictEqual(JSON.parse(json), presets)) {
        this.error('src/sim/presets: a validated preset does not survive JSON unchanged');
      }
      return [
        `export const presets = JSON.parse(${JSON.stringify(json)});`,
        'export function getPreset(name) { return presets.find((p) => p.name === name); }',
      ].join('\n');
    },
  };
}
