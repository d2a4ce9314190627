import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createLogger, loadConfigFromFile } from 'vite';
import { describe, expect, it } from 'vitest';
import { presets } from '../src/sim/presets/index.ts';
import { validateScenario } from '../src/sim/validate.ts';
import { brokenPresetsMessage, loadPresets, presetsFromFiles } from './vite-presets.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const presetText = (file: string) =>
  readFileSync(new URL(`../src/sim/presets/${file}`, import.meta.url), 'utf8');

describe('the presets the app is built with', () => {
  it('are the presets module gives, every one validated', async () => {
    const loaded = await loadPresets();
    expect(loaded.broken).toEqual([]);
    expect(loaded.presets).toEqual(presets);
  });

  it('leave out a broken preset file, name it and say what is wrong, and keep the others in order', () => {
    const handshake = JSON.parse(presetText('handshake.json')) as { scenario: object };
    const files: Record<string, string> = {
      'handshake.json': presetText('handshake.json'),
      'torn.json': '{ "name": "torn", ',
      'slow.json': JSON.stringify({
        name: 'slow',
        title: 'Slow',
        description: 'A link that is slow.',
        scenario: { ...handshake.scenario, seed: 'seven' },
      }),
      'lost-syn.json': presetText('lost-syn.json'),
    };
    const source = Object.keys(files)
      .map((file, i) => `import p${i} from './${file}';`)
      .join('\n');
    const loaded = presetsFromFiles(source, (file) => files[file] as string, validateScenario);
    expect(loaded.presets.map((p) => p.name)).toEqual(['handshake', 'lost-syn']);
    expect(loaded.presets[0]).toEqual(presets.find((p) => p.name === 'handshake'));
    expect(loaded.broken).toHaveLength(2);
    expect(loaded.broken[0]).toMatch(/^src\/sim\/presets\/torn\.json: not JSON \(/);
    expect(loaded.broken[1]).toMatch(/^src\/sim\/presets\/slow\.json \(preset slow\): seed: /);
    expect(brokenPresetsMessage(loaded.broken, 2)).toBe(
      [
        '2 presets are left out of the app (the other 2 load as usual):',
        `  ${loaded.broken[0]}`,
        `  ${loaded.broken[1]}`,
      ].join('\n'),
    );
  });
});

describe('the Vite config', () => {
  it('loads without a warning: it imports none of the simulator', async () => {
    const warnings: string[] = [];
    const logger = createLogger('warn');
    logger.warn = (message) => void warnings.push(message);
    logger.warnOnce = (message) => void warnings.push(message);
    const loaded = await loadConfigFromFile(
      { command: 'build', mode: 'production' },
      undefined,
      root,
      'warn',
      logger,
    );
    expect(loaded?.path).toMatch(/vite\.config\.ts$/);
    expect(warnings).toEqual([]);
  });
});
