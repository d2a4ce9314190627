/** Validation of the faults, the firewall rules and the injections (spoofed sources). */
import { SEGMENT_KINDS, type Fault, type FirewallRule, type Injection } from './scenario';
import {
  NON_NEGATIVE,
  PORT,
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
    nth = checkNumber(problems, child(path, 'nth'), value.nth, { min: 1, integer: true });
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
    by = optionalNumber(problems, child(path, 'by'), value.by, NON_NEGATIVE, 0);
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
  endpointNames: readonly string[],
): Injection | undefined {
  if (!expectObject(problems, path, value, INJECTION_KEYS)) return undefined;
  const name =
    value.name === undefined ? 'attacker' : checkName(problems, child(path, 'name'), value.name);
  if (name && endpointNames.includes(name)) {
    problems.add(child(path, 'name'), `"${name}" is already an endpoint's name`);
  }
  const at = optionalNumber(problems, child(path, 'at'), value.at, NON_NEGATIVE, 0);
  const count = checkNumber(problems, child(path, 'count'), value.count, {
    min: 1,
    max: 100000,
    integer: true,
  });
  const interval = optionalNumber(
    problems,
    child(path, 'interval'),
    value.interval,
    NON_NEGATIVE,
    0,
  );
  const to = checkString(problems, child(path, 'to'), value.to);
  if (to !== undefined && !endpointNames.includes(to)) {
    problems.add(child(path, 'to'), `no endpoint is named "${to}"`);
  }
  const fromAddress = checkAddress(problems, child(path, 'fromAddress'), value.fromAddress);
  const fromPort = optionalNumber(problems, child(path, 'fromPort'), value.fromPort, PORT, 1024);
  const flags =
    value.flags === undefined
      ? ['SYN' as const]
      : checkFlags(problems, child(path, 'flags'), value.flags);
  if (!name || count === undefined || !to || !fromAddress || !flags) return undefined;
  return { name, at, count, interval, to, fromAddress, fromPort, flags };
}

function checkFlags(problems: Problems, path: string, value: Json): Injection['flags'] | undefined {
  const list = checkArray(problems, path, value);
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
