/**
 * The presets: scenarios with a title and a paragraph saying what each teaches. Each one is a
 * JSON file beside this module, validated when the module loads (a broken preset is a bug,
 * so it fails loudly here rather than in front of a learner).
 */
import type { Scenario } from '../scenario';
import { validateScenario } from '../validate';
import handshake from './handshake.json';

export interface Preset {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly scenario: Scenario;
}

interface PresetFile {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly scenario: unknown;
}

const FILES: readonly PresetFile[] = [handshake];

function load(file: PresetFile): Preset {
  const result = validateScenario(file.scenario);
  if (!result.ok) throw new Error(`preset ${file.name}: ${result.errors.join('; ')}`);
  return {
    name: file.name,
    title: file.title,
    description: file.description,
    scenario: result.scenario,
  };
}

export const presets: readonly Preset[] = FILES.map(load);

export function getPreset(name: string): Preset | undefined {
  return presets.find((p) => p.name === name);
}
