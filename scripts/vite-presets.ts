// A Vite build plugin: the built app carries the presets already validated. src/sim/presets
// validates each preset's JSON when it loads (filling in every default), which put the scenario
// validator into the first view for data that never changes after the build. Here the build runs
// that same module in Node and emits its result as data, so a broken preset still fails loudly:
// the build stops with the validator's message. `npm run sim`, the tests and the dev server use
// the module as written.
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { Plugin } from 'vite';
import { presets } from '../src/sim/presets/index.ts';

const PRESETS_MODULE = fileURLToPath(new URL('../src/sim/presets/index.ts', import.meta.url));

export function validatedPresets(): Plugin {
  return {
    name: 'handshake-lab:validated-presets',
    apply: 'build',
    enforce: 'pre',
    load(id) {
      if (id !== PRESETS_MODULE) return null;
      const json = JSON.stringify(presets);
      // The presets must survive JSON unchanged (no undefined field, no Infinity), or the app
      // would run other scenarios than the tests.
      if (!isDeepStrictEqual(JSON.parse(json), presets)) {
        throw new Error('src/sim/presets: a validated preset does not survive JSON unchanged');
      }
      return [
        `export const presets = JSON.parse(${JSON.stringify(json)});`,
        'export function getPreset(name) { return presets.find((p) => p.name === name); }',
      ].join('\n');
    },
  };
}
