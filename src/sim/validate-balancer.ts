/** Validation of the load balancer and the outages of its backends. */
import { SCENARIO_LIMITS } from './limits';
import type { Balancer, HealthCheck, Outage, ScenarioEndpoint } from './scenario';
import {
  DELAY,
  PORT,
  TIME,
  checkAddress,
  checkArray,
  checkEnum,
  checkString,
  child,
  expectObject,
  optionalNumber,
  type Json,
  type Problems,
} from './validate-kit';
import { checkName } from './validate-world';

const BALANCER_KEYS = [
  'name',
  'address',
  'port',
  'internalAddress',
  'backends',
  'schedule',
  'delay',
  'health',
];

/** keepalived's delay_loop and HAProxy's `inter` are seconds; a lab run wants them shorter. */
export const DEFAULT_HEALTH: HealthCheck = { interval: 500, timeout: 250, fall: 2, rise: 2 };

const COUNT = { min: 1, max: 100, integer: true };
const INTERVAL = { min: 10, max: SCENARIO_LIMITS.maxDelayMs };

function checkHealth(problems: Problems, path: string, value: Json): HealthCheck {
  if (value === undefined) return DEFAULT_HEALTH;
  if (!expectObject(problems, path, value, ['interval', 'timeout', 'fall', 'rise']))
    return DEFAULT_HEALTH;
  const d = DEFAULT_HEALTH;
  const interval = optionalNumber(
    problems,
    child(path, 'interval'),
    value.interval,
    INTERVAL,
    d.interval,
  );
  const timeout = optionalNumber(
    problems,
    child(path, 'timeout'),
    value.timeout,
    INTERVAL,
    d.timeout,
  );
  if (timeout > interval) {
    problems.add(
      child(path, 'timeout'),
      `must not exceed the interval (${interval} ms): one probe per backend is out at a time`,
    );
  }
  return {
    interval,
    timeout,
    fall: optionalNumber(problems, child(path, 'fall'), value.fall, COUNT, d.fall),
    rise: optionalNumber(problems, child(path, 'rise'), value.rise, COUNT, d.rise),
  };
}

export function checkBalancer(
  problems: Problems,
  path: string,
  value: Json,
  endpoints: readonly ScenarioEndpoint[],
): Balancer | undefined {
  if (value === undefined) return undefined;
  if (!expectObject(problems, path, value, BALANCER_KEYS)) return undefined;
  const name =
    value.name === undefined ? 'balancer' : checkName(problems, child(path, 'name'), value.name);
  if (name !== undefined && endpoints.some((e) => e.name === name)) {
    problems.add(child(path, 'name'), `"${name}" is already an endpoint's name`);
  }
  const address = checkAddress(problems, child(path, 'address'), value.address);
  const port = optionalNumber(problems, child(path, 'port'), value.port, PORT, 80);
  const internalAddress = checkAddress(
    problems,
    child(path, 'internalAddress'),
    value.internalAddress,
  );
  for (const [key, a] of [
    ['address', address],
    ['internalAddress', internalAddress],
  ] as const) {
    const owner = endpoints.find((e) => e.address === a);
    if (owner) problems.add(child(path, key), `${a} is already the address of ${owner.name}`);
  }
  if (address !== undefined && address === internalAddress) {
    problems.add(child(path, 'internalAddress'), 'must differ from the virtual address');
  }
  const backends = checkBackends(problems, child(path, 'backends'), value.backends, endpoints);
  const schedule =
    value.schedule === undefined
      ? 'round-robin'
      : checkEnum(problems, child(path, 'schedule'), value.schedule, [
          'round-robin',
          'hash',
        ] as const);
  const delay = optionalNumber(problems, child(path, 'delay'), value.delay, DELAY, 5);
  const health = checkHealth(problems, child(path, 'health'), value.health);
  if (!name || !address || !internalAddress || !backends || !schedule) return undefined;
  return { name, address, port, internalAddress, backends, schedule, delay, health };
}

function checkBackends(
  problems: Problems,
  path: string,
  value: Json,
  endpoints: readonly ScenarioEndpoint[],
): string[] | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    problems.add(path, 'must list at least one endpoint name');
    return undefined;
  }
  const names: string[] = [];
  value.forEach((raw: Json, i) => {
    const name = checkString(problems, child(path, i), raw);
    if (name === undefined) return;
    const endpoint = endpoints.find((e) => e.name === name);
    if (!endpoint) problems.add(child(path, i), `no endpoint is named "${name}"`);
    else if (endpoint.side !== 'server') {
      problems.add(child(path, i), `"${name}" must sit on the server side to be a backend`);
    } else if (names.includes(name)) problems.add(child(path, i), `"${name}" is listed twice`);
    else names.push(name);
  });
  return names.length === value.length ? names : undefined;
}

export function checkOutages(
  problems: Problems,
  value: Json,
  balancer: Balancer | undefined,
): Outage[] {
  const outages: Outage[] = [];
  checkArray(problems, 'outages', value, 100).forEach((raw, i) => {
    const path = child('outages', i);
    if (!expectObject(problems, path, raw, ['endpoint', 'at', 'how'])) return;
    const endpoint = checkString(problems, child(path, 'endpoint'), raw.endpoint);
    if (endpoint !== undefined && !balancer?.backends.includes(endpoint)) {
      problems.add(
        child(path, 'endpoint'),
        balancer
          ? `"${endpoint}" is not one of the balancer's backends (${balancer.backends.join(', ')})`
          : 'an outage takes down a backend of the balancer, and the scenario has no balancer',
      );
      return;
    }
    const at = optionalNumber(problems, child(path, 'at'), raw.at, TIME, 0);
    const how =
      raw.how === undefined
        ? 'silent'
        : checkEnum(problems, child(path, 'how'), raw.how, ['silent', 'reset'] as const);
    if (endpoint !== undefined && how) outages.push({ endpoint, at, how });
  });
  return outages;
}
