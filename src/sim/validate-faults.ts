/** Validation of the faults, the firewall rules and the injections (spoofed sources). */
import { ipFamily, type IpFamily } from '../engine';
import { addressNumber, addressOfNumber, lastAddressNumber } from './address-range';
import { SCENARIO_LIMITS } from './limits';
import {
  SEGMENT_KINDS,
  type Fault,
  type FirewallRule,
  type Injection,
  type ScenarioEndpoint,
} from './scenario';
import {
  DELAY,
  NTH,
  PORT,
  TIME,
  checkAddress,
  checkArray,
  checkEnum,
  checkNumber,
  checkString,
  child,
  expectObject,
  optionalNumber,
  type Json,
  type Problems,
} from './validate-kit';
import { checkName } from './validate-world';

export function checkFault(problems: Problems, path: string, value: Json): Fault | undefined {
  if (!expectObject(problems, path, value, ['direction', 'match', 'nth', 'action', 'by']))
    return undefined;
  const direction = checkEnum(problems, child(path, 'direction'), value.direction, [
    'c2s',
    's2c',
  ] as const);
  const match = checkEnum(problems, child(path, 'match'), value.match, SEGMENT_KINDS);
  let nth: number | 'every' | undefined = 1;
  if (value.nth === 'every') nth = 'every';
  else if (value.nth !== undefined) {
    nth = checkNumber(problems, child(path, 'nth'), value.nth, NTH);
  }
  const action =
    value.action === undefined
      ? 'drop'
      : checkEnum(problems, child(path, 'action'), value.action, [
          'drop',
          'delay',
          'duplicate',
        ] as const);
  let by = 0;
  if (action === 'delay' && value.by === undefined) {
    problems.add(child(path, 'by'), 'a delay fault needs "by" (milliseconds)');
  } else {
    by = optionalNumber(problems, child(path, 'by'), value.by, DELAY, 0);
  }
  if (!direction || !match || nth === undefined || !action) return undefined;
  return { direction, match, nth, action, by };
}

export function checkFirewallRule(
  problems: Problems,
  path: string,
  value: Json,
): FirewallRule | undefined {
  if (!expectObject(problems, path, value, ['direction', 'port', 'match', 'action']))
    return undefined;
  const direction =
    value.direction === undefined
      ? 'c2s'
      : checkEnum(problems, child(path, 'direction'), value.direction, ['c2s', 's2c'] as const);
  const action = checkEnum(problems, child(path, 'action'), value.action, [
    'drop',
    'reject',
  ] as const);
  const port =
    value.port === undefined
      ? undefined
      : checkNumber(problems, child(path, 'port'), value.port, PORT);
  const match =
    value.match === undefined
      ? undefined
      : checkEnum(problems, child(path, 'match'), value.match, SEGMENT_KINDS);
  if (!direction || !action) return undefined;
  return {
    direction,
    action,
    ...(port === undefined ? {} : { port }),
    ...(match === undefined ? {} : { match }),
  };
}

const INJECTION_KEYS = [
  'name',
  'at',
  'count',
  'interval',
  'to',
  'fromAddress',
  'fromPort',
  'flags',
];

export function checkInjection(
  problems: Problems,
  path: string,
  value: Json,
  endpoints: readonly ScenarioEndpoint[],
): Injection | undefined {
  if (!expectObject(problems, path, value, INJECTION_KEYS)) return undefined;
  const endpointNames = endpoints.map((e) => e.name);
  const name =
    value.name === undefined ? 'attacker' : checkName(problems, child(path, 'name'), value.name);
  if (name && endpointNames.includes(name)) {
    problems.add(child(path, 'name'), `"${name}" is already an endpoint's name`);
  }
  const at = optionalNumber(problems, child(path, 'at'), value.at, TIME, 0);
  const count = checkNumber(problems, child(path, 'count'), value.count, {
    min: 1,
    max: SCENARIO_LIMITS.maxInjectedPackets,
    integer: true,
  });
  const interval = optionalNumber(problems, child(path, 'interval'), value.interval, DELAY, 0);
  const to = checkString(problems, child(path, 'to'), value.to);
  if (to !== undefined && !endpointNames.includes(to)) {
    problems.add(child(path, 'to'), `no endpoint is named "${to}"`);
  }
  const fromAddress = checkAddress(problems, child(path, 'fromAddress'), value.fromAddress);
  if (fromAddress !== undefined && count !== undefined) {
    checkSpoofedRange(problems, child(path, 'fromAddress'), fromAddress, count, endpoints);
  }
  if (fromAddress !== undefined) {
    const target = endpoints.find((e) => e.name === to);
    checkSourceFamily(problems, child(path, 'fromAddress'), fromAddress, target);
  }
  const fromPort = optionalNumber(problems, child(path, 'fromPort'), value.fromPort, PORT, 1024);
  const flags =
    value.flags === undefined
      ? ['SYN' as const]
      : checkFlags(problems, child(path, 'flags'), value.flags);
  if (!name || count === undefined || !to || !fromAddress || !flags) return undefined;
  return { name, at, count, interval, to, fromAddress, fromPort, flags };
}

function checkFlags(problems: Problems, path: string, value: Json): Injection['flags'] | undefined {
  const list = checkArray(problems, path, value, 4);
  const flags: ('SYN' | 'ACK' | 'RST' | 'FIN')[] = [];
  list.forEach((item, i) => {
    const flag = checkEnum(problems, child(path, i), item, ['SYN', 'ACK', 'RST', 'FIN'] as const);
    if (flag) flags.push(flag);
  });
  if (flags.length === 0) {
    problems.add(path, 'must name at least one flag');
    return undefined;
  }
  return flags;
}

/**
 * The spoofed sources are `count` consecutive addresses from `from`. They must stay inside
 * their family's space (no wrap past 255.255.255.255 or ffff:...:ffff) and be nobody's real
 * address: a source that is an endpoint's address would take that endpoint's name in the
 * trace and its replies.
 */
function checkSpoofedRange(
  problems: Problems,
  path: string,
  from: string,
  count: number,
  endpoints: readonly ScenarioEndpoint[],
): void {
  const family = ipFamily(from);
  const first = addressNumber(from);
  const last = first + BigInt(count - 1);
  const top = lastAddressNumber(family);
  if (last > top) {
    problems.add(
      path,
      `${count} sources from ${from} would run past ${addressOfNumber(top, family)}`,
    );
    return;
  }
  for (const endpoint of endpoints) {
    if (ipFamily(endpoint.address) !== family) continue;
    const address = addressNumber(endpoint.address);
    if (address >= first && address <= last) {
      problems.add(
        path,
        `the spoofed sources ${from} to ${addressOfNumber(last, family)} include ${endpoint.name}'s address ${endpoint.address}`,
      );
    }
  }
}

/** The spoofed packets go to `target`: their source must be of its address's family. */
function checkSourceFamily(
  problems: Problems,
  path: string,
  from: string,
  target: ScenarioEndpoint | undefined,
): void {
  if (target === undefined || ipFamily(target.address) === ipFamily(from)) return;
  problems.add(
    path,
    `${from} is IPv${ipFamily(from)} but the target ${target.name}'s address ${target.address} is IPv${ipFamily(target.address)}; a packet's source and destination are of one family`,
  );
}

/**
 * Two injections may not share a spoofed source: the trace names each source after its
 * injection, and a shared one would answer to whichever injection claimed it first.
 * `injections[i]` is undefined where inject[i] was already refused.
 */
export function checkOverlappingSources(
  problems: Problems,
  path: string,
  injections: readonly (Injection | undefined)[],
): void {
  const ranges = injections.map((injection) => {
    if (!injection) return undefined;
    const first = addressNumber(injection.fromAddress);
    const family = ipFamily(injection.fromAddress);
    return { family, first, last: first + BigInt(injection.count - 1) };
  });
  const show = (range: { family: IpFamily }, n: bigint) => addressOfNumber(n, range.family);
  ranges.forEach((range, i) => {
    if (!range) return;
    const earlier = ranges.findIndex(
      (r, j) =>
        j < i && r && r.family === range.family && r.first <= range.last && range.first <= r.last,
    );
    const other = ranges[earlier];
    if (earlier < 0 || !other) return;
    problems.add(
      child(child(path, i), 'fromAddress'),
      `the spoofed sources ${show(range, range.first)} to ${show(range, range.last)} overlap ${path}[${earlier}]'s ${show(other, other.first)} to ${show(other, other.last)}`,
    );
  });
}
