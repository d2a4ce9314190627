/**
 * The real world: the lab's settings mapped onto a preset's scenario and run by the simulator.
 * A setting equal to the preset's own leaves the scenario untouched, so a preset with a different
 * link per direction keeps it until the user changes that setting.
 */
import {
  presets as simPresets,
  type Intervention as SimIntervention,
  type LinkDirection,
  type Preset,
  type Scenario,
  type ScenarioEndpoint,
} from '../sim';
import {
  IP_VERSIONS,
  ipVersionOf,
  ipVersionProblem,
  isnModeOf,
  readSysctlOverrides,
  withIpVersion,
  withIsnMode,
  type SysctlOverrides,
} from '../sim/settings';
import { checkpointedRunner } from './checkpoints';
import type {
  Intervention,
  IpVersion,
  LinkSettings,
  PresetSummary,
  ProfileName,
  RecordedRun,
  RunSettings,
  RunSource,
} from './world';

function profileOf(scenario: Scenario): ProfileName {
  return scenario.endpoints[0]?.profile ?? 'rfc';
}

export function presetDefaults(preset: Preset): RunSettings {
  const link = preset.scenario.link.c2s;
  return {
    preset: preset.name,
    seed: preset.scenario.seed,
    delay: link.delay,
    jitter: link.jitter,
    loss: Math.round(link.loss * 100 * 1000) / 1000,
    profile: profileOf(preset.scenario),
    isn: isnModeOf(preset.scenario.endpoints),
    ip: ipVersionOf(preset.scenario),
    sysctls: '',
  };
}

/** The preset as the lab lists it, with the IP versions it cannot run over and why. */
export function presetSummary(preset: Preset): PresetSummary {
  const ipProblems: Partial<Record<IpVersion, string>> = {};
  for (const version of IP_VERSIONS) {
    const problem = ipVersionProblem(preset.scenario, version);
    if (problem !== undefined) ipProblems[version] = problem;
  }
  const { name, title, description } = preset;
  return Object.keys(ipProblems).length > 0
    ? { name, title, description, ipProblems }
    : { name, title, description };
}

function linkPatch(link: Partial<LinkSettings>): Partial<LinkDirection> {
  return {
    ...(link.delay !== undefined ? { delay: link.delay } : {}),
    ...(link.jitter !== undefined ? { jitter: link.jitter } : {}),
    ...(link.loss !== undefined ? { loss: link.loss / 100 } : {}),
  };
}

/** Only the settings that differ from the preset's own, as the scenario spells them. */
export function scenarioFor(preset: Preset, settings: RunSettings): Scenario {
  const defaults = presetDefaults(preset);
  const scenario = preset.scenario;
  const changed: { -readonly [K in keyof LinkSettings]?: number } = {};
  for (const key of ['delay', 'jitter', 'loss'] as const) {
    if (settings[key] !== defaults[key]) changed[key] = settings[key];
  }
  const patch = linkPatch(changed);
  const isns =
    settings.isn !== defaults.isn
      ? withIsnMode(scenario.endpoints, settings.isn)
      : scenario.endpoints;
  const profiled =
    settings.profile !== defaults.profile
      ? isns.map((endpoint) => ({ ...endpoint, profile: settings.profile }))
      : isns;
  const endpoints = withSysctls(profiled, settings.sysctls);
  // A version the preset cannot run over was refused where it was asked for (the link's note,
  // the control, the host page's error); the preset's own runs.
  const ip =
    settings.ip !== defaults.ip && ipVersionProblem(scenario, settings.ip) === undefined
      ? settings.ip
      : defaults.ip;
  const addressed = withIpVersion({ ...scenario, endpoints }, ip);
  return {
    ...addressed,
    seed: settings.seed,
    link: { c2s: { ...scenario.link.c2s, ...patch }, s2c: { ...scenario.link.s2c, ...patch } },
  };
}

/**
 * The user's sysctl changes on top of each linux endpoint's own (later ones win); an endpoint
 * of another profile has no Linux sysctls and keeps its table.
 */
function withSysctls(endpoints: readonly ScenarioEndpoint[], text: string): ScenarioEndpoint[] {
  const read = text === '' ? { value: {} } : readSysctlOverrides(text);
  const overrides: SysctlOverrides = 'value' in read ? read.value : {};
  return endpoints.map((endpoint) => {
    const changes = overrides[endpoint.name];
    if (changes === undefined || endpoint.profile !== 'linux') return endpoint;
    return { ...endpoint, sysctls: { ...endpoint.sysctls, ...changes } };
  });
}

function toSimIntervention(intervention: Intervention): SimIntervention {
  if (intervention.kind === 'drop') return intervention;
  const patch = linkPatch(intervention.link);
  return { at: intervention.at, kind: 'link', link: { c2s: patch, s2c: patch } };
}

export function createSimWorld(
  available: readonly Preset[] = simPresets,
  options: { checkpointEvery?: number } = {},
): RunSource {
  const byName = new Map(available.map((p) => [p.name, p]));
  const find = (name: string): Preset => {
    const preset = byName.get(name) ?? available[0];
    if (!preset) throw new Error('The simulator offers no preset.');
    return preset;
  };
  const run = checkpointedRunner(options.checkpointEvery);
  return {
    presets: available.map(presetSummary),
    defaults: (name) => presetDefaults(find(name)),
    run: (settings, interventions): RecordedRun =>
      run(
        JSON.stringify(settings),
        scenarioFor(find(settings.preset), settings),
        interventions.map(toSimIntervention),
      ),
  };
}
