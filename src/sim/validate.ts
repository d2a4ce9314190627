/**
 * validateScenario: untrusted JSON in, a complete `Scenario` (every default filled in) or a
 * list of messages out. Hand-written on purpose (no schema library): each message names the
 * field path and the problem, and a bad scenario never reaches the engine.
 */
import { DEFAULT_MAX_STEPS, type Scenario, type ScenarioEndpoint } from './scenario';
import { checkTimedCall } from './validate-calls';
import {
  NON_NEGATIVE,
  Problems,
  UINT32,
  checkArray,
  child,
  isObject,
  optionalNumber,
  rejectUnknownKeys,
  show,
} from './validate-kit';
import { checkFault, checkFirewallRule, checkInjection } from './validate-faults';
import { checkEndpoint, checkLink } from './validate-world';

export type ValidationResult =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly errors: string[] };

const SCENARIO_KEYS = [
  'seed',
  'until',
  'maxSteps',
  'endpoints',
  'link',
  'faults',
  'firewall',
  'inject',
  'calls',
];

export function validateScenario(json: unknown): ValidationResult {
  const problems = new Problems();
  if (!isObject(json)) {
    problems.add('', `must be a JSON object, got ${show(json)}`);
    return { ok: false, errors: problems.messages };
  }
  rejectUnknownKeys(problems, '', json, SCENARIO_KEYS);
  const seed = optionalNumber(problems, 'seed', json.seed, UINT32, 1);
  const until =
    json.until === undefined
      ? undefined
      : optionalNumber(problems, 'until', json.until, NON_NEGATIVE, 0);
  const maxSteps = optionalNumber(
    problems,
    'maxSteps',
    json.maxSteps,
    { min: 1, integer: true },
    DEFAULT_MAX_STEPS,
  );

  const endpoints = checkEndpoints(problems, json.endpoints);
  const names = endpoints.map((e) => e.name);
  const link = checkLink(problems, 'link', json.link);
  const faults = checkArray(problems, 'faults', json.faults).flatMap(
    (f, i) => checkFault(problems, child('faults', i), f) ?? [],
  );
  const firewall = checkArray(problems, 'firewall', json.firewall).flatMap(
    (r, i) => checkFirewallRule(problems, child('firewall', i), r) ?? [],
  );
  const inject = checkArray(problems, 'inject', json.inject).flatMap(
    (r, i) => checkInjection(problems, child('inject', i), r, names) ?? [],
  );
  const calls = checkArray(problems, 'calls', json.calls).flatMap(
    (c, i) => checkTimedCall(problems, child('calls', i), c, endpoints) ?? [],
  );

  if (problems.messages.length > 0) return { ok: false, errors: problems.messages };
  const scenario: Scenario = { seed, maxSteps, endpoints, link, faults, firewall, inject, calls };
  return { ok: true, scenario: until === undefined ? scenario : { ...scenario, until } };
}

function checkEndpoints(problems: Problems, value: unknown): ScenarioEndpoint[] {
  if (!Array.isArray(value) || value.length === 0) {
    problems.add('endpoints', `must be a non-empty list, got ${show(value)}`);
    return [];
  }
  const checked = value.map((e, i) => checkEndpoint(problems, child('endpoints', i), e));
  // Names and addresses must be unique even when another field of an entry is wrong.
  value.forEach((raw: unknown, i) => {
    const earlier = value.slice(0, i) as unknown[];
    const field = (entry: unknown, key: string): unknown =>
      typeof entry === 'object' && entry !== null
        ? (entry as Record<string, unknown>)[key]
        : undefined;
    const name = field(raw, 'name');
    const address = field(raw, 'address');
    if (typeof name === 'string' && earlier.some((e) => field(e, 'name') === name)) {
      problems.add(child('endpoints', i), `the name "${name}" is used twice`);
    }
    if (typeof address === 'string' && earlier.some((e) => field(e, 'address') === address)) {
      problems.add(
        child('endpoints', i),
        `the address ${address} is used twice (one host per address)`,
      );
    }
  });
  const endpoints = checked.filter((e): e is ScenarioEndpoint => e !== undefined);
  return endpoints;
}
