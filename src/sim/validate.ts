/**
 * validateScenario: untrusted JSON in, a complete `Scenario` (every default filled in) or a
 * list of messages out. Hand-written on purpose (no schema library): each message names the
 * field path and the problem, and a bad scenario never reaches the engine.
 */
import { canonicalAddress } from '../engine';
import { SCENARIO_LIMITS } from './limits';
import {
  DEFAULT_MAX_STEPS,
  type Injection,
  type Scenario,
  type ScenarioEndpoint,
} from './scenario';
import { checkTimedCall } from './validate-calls';
import {
  Problems,
  TIME,
  UINT32,
  checkArray,
  child,
  isObject,
  optionalNumber,
  rejectUnknownKeys,
  show,
} from './validate-kit';
import {
  checkFault,
  checkFirewallRule,
  checkInjection,
  checkOverlappingSources,
} from './validate-faults';
import { checkEndpoint, checkLink } from './validate-world';
import { checkBalancer, checkOutages } from './validate-balancer';

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
  'balancer',
  'outages',
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
    json.until === undefined ? undefined : optionalNumber(problems, 'until', json.until, TIME, 0);
  const maxSteps = optionalNumber(
    problems,
    'maxSteps',
    json.maxSteps,
    { min: 1, max: SCENARIO_LIMITS.maxSteps, integer: true },
    DEFAULT_MAX_STEPS,
  );

  const L = SCENARIO_LIMITS;
  const endpoints = checkEndpoints(problems, json.endpoints);
  const link = checkLink(problems, 'link', json.link);
  const faults = checkArray(problems, 'faults', json.faults, L.maxFaults).flatMap(
    (f, i) => checkFault(problems, child('faults', i), f) ?? [],
  );
  const firewall = checkArray(problems, 'firewall', json.firewall, L.maxFirewallRules).flatMap(
    (r, i) => checkFirewallRule(problems, child('firewall', i), r) ?? [],
  );
  const inject = checkInjections(problems, json.inject, endpoints);
  const balancer = checkBalancer(problems, 'balancer', json.balancer, endpoints);
  const outages = checkOutages(problems, json.outages, balancer);
  if (balancer && until === undefined) {
    // Health checks go on for as long as the balancer runs, so the run would never fall idle.
    problems.add('until', 'a scenario with a balancer needs "until": its health checks never stop');
  }
  // A client's connect may name the balancer even when a field of it is wrong: one message each.
  const named = isObject(json.balancer) ? (json.balancer.name ?? 'balancer') : undefined;
  const targets = typeof named === 'string' ? [named] : [];
  const calls = checkArray(problems, 'calls', json.calls, L.maxCalls).flatMap(
    (c, i) => checkTimedCall(problems, child('calls', i), c, endpoints, targets) ?? [],
  );

  if (problems.messages.length > 0) return { ok: false, errors: problems.messages };
  const base: Scenario = { seed, maxSteps, endpoints, link, faults, firewall, inject, calls };
  const withBalancer: Scenario = balancer ? { ...base, balancer, outages } : base;
  return { ok: true, scenario: until === undefined ? withBalancer : { ...withBalancer, until } };
}

function checkEndpoints(problems: Problems, value: unknown): ScenarioEndpoint[] {
  if (!Array.isArray(value) || value.length === 0) {
    problems.add('endpoints', `must be a non-empty list, got ${show(value)}`);
    return [];
  }
  const max = SCENARIO_LIMITS.maxEndpoints;
  if (value.length > max) {
    problems.add('endpoints', `must have at most ${max} entries, got ${value.length}`);
    return [];
  }
  const checked = value.map((e, i) => checkEndpoint(problems, child('endpoints', i), e));
  // Names and addresses must be unique even when another field of an entry is wrong; one
  // pass with the names and addresses seen so far.
  const names = new Set<unknown>();
  const addresses = new Set<unknown>();
  value.forEach((raw: unknown, i) => {
    const entry = isObject(raw) ? raw : {};
    const { name } = entry;
    // Two spellings of one IPv6 address are one address.
    const address =
      typeof entry.address === 'string'
        ? (canonicalAddress(entry.address) ?? entry.address)
        : entry.address;
    if (typeof name === 'string' && names.has(name)) {
      problems.add(child('endpoints', i), `the name "${name}" is used twice`);
    }
    if (typeof address === 'string' && addresses.has(address)) {
      problems.add(
        child('endpoints', i),
        `the address ${address} is used twice (one host per address)`,
      );
    }
    names.add(name);
    addresses.add(address);
  });
  return checked.filter((e): e is ScenarioEndpoint => e !== undefined);
}

/**
 * The injections, each on its own, then against each other (no shared source), then their
 * total: every spoofed packet is one source.
 */
function checkInjections(
  problems: Problems,
  value: unknown,
  endpoints: readonly ScenarioEndpoint[],
): Injection[] {
  const L = SCENARIO_LIMITS;
  const checked = checkArray(problems, 'inject', value, L.maxInjections).map((r, i) =>
    checkInjection(problems, child('inject', i), r, endpoints),
  );
  checkOverlappingSources(problems, 'inject', checked);
  const inject = checked.filter((injection) => injection !== undefined);
  const total = inject.reduce((sum, injection) => sum + injection.count, 0);
  if (total > L.maxInjectedPackets) {
    problems.add(
      'inject',
      `the injections send ${total} packets together; at most ${L.maxInjectedPackets}`,
    );
  }
  return inject;
}
