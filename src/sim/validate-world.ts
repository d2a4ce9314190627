/** Validation of the endpoints and the link. */
import {
  DEFAULT_LINK_DIRECTION,
  type EndpointOptions,
  type Link,
  type LinkDirection,
  type ScenarioEndpoint,
} from './scenario';
import { SCENARIO_LIMITS } from './limits';
import { PROFILE_NAMES } from './settings/lab-settings';
import {
  DELAY,
  PORT,
  PROBABILITY,
  UINT32,
  checkAddress,
  checkBoolean,
  checkEnum,
  checkNumber,
  child,
  expectObject,
  isObject,
  optionalNumber,
  show,
  type Json,
  type JsonObject,
  type Problems,
} from './validate-kit';
import { linuxHost, readSysctlChanges, type SysctlChanges } from './linux-sysctls';

const NAME = /^[a-z][a-z0-9-]*$/;

export function checkName(problems: Problems, path: string, value: Json): string | undefined {
  if (typeof value === 'string' && NAME.test(value)) return value;
  problems.add(path, `must be a lowercase name such as "client-2", got ${show(value)}`);
  return undefined;
}

function checkOptions(problems: Problems, path: string, value: Json): EndpointOptions {
  if (value === undefined) return {};
  if (!expectObject(problems, path, value, ['mss', 'wscale', 'sack', 'timestamps', 'fastOpen']))
    return {};
  const options: { -readonly [K in keyof EndpointOptions]: EndpointOptions[K] } = {};
  if (value.mss !== undefined) {
    const mss = checkNumber(problems, child(path, 'mss'), value.mss, {
      min: 88,
      max: 65495,
      integer: true,
    });
    if (mss !== undefined) options.mss = mss;
  }
  if (value.wscale === false) options.wscale = false;
  else if (value.wscale !== undefined) {
    // RFC 7323 §2.3: a shift above 14 is treated as 14; we refuse it so the scenario says what happens.
    const shift = checkNumber(problems, child(path, 'wscale'), value.wscale, {
      min: 0,
      max: 14,
      integer: true,
    });
    if (shift !== undefined) options.wscale = shift;
  }
  if (value.sack !== undefined)
    options.sack = checkBoolean(problems, child(path, 'sack'), value.sack, true);
  if (value.timestamps !== undefined) {
    options.timestamps = checkBoolean(problems, child(path, 'timestamps'), value.timestamps, true);
  }
  if (value.fastOpen !== undefined) {
    // The range of net.ipv4.tcp_fastopen, a C int (proc_dointvec).
    const bits = checkNumber(problems, child(path, 'fastOpen'), value.fastOpen, {
      min: 0,
      max: 2 ** 31 - 1,
      integer: true,
    });
    if (bits !== undefined) options.fastOpen = bits;
  }
  return options;
}

const ENDPOINT_KEYS = [
  'name',
  'address',
  'port',
  'profile',
  'side',
  'isn',
  'options',
  'synCookies',
  'sysctls',
  'autoRead',
  'autoAccept',
];

export function checkEndpoint(
  problems: Problems,
  path: string,
  value: Json,
): ScenarioEndpoint | undefined {
  if (!expectObject(problems, path, value, ENDPOINT_KEYS)) return undefined;
  const name = checkName(problems, child(path, 'name'), value.name);
  const address = checkAddress(problems, child(path, 'address'), value.address);
  const port = checkNumber(problems, child(path, 'port'), value.port, PORT);
  const profile =
    value.profile === undefined
      ? 'linux'
      : checkEnum(problems, child(path, 'profile'), value.profile, PROFILE_NAMES);
  const side =
    value.side === undefined
      ? name === 'server'
        ? 'server'
        : 'client'
      : checkEnum(problems, child(path, 'side'), value.side, ['client', 'server'] as const);
  let isn: number | 'random' | undefined = 'random';
  if (value.isn !== undefined && value.isn !== 'random') {
    isn = checkNumber(problems, child(path, 'isn'), value.isn, UINT32);
  }
  const options = checkOptions(problems, child(path, 'options'), value.options);
  const sysctls = checkSysctls(problems, path, value, profile);
  // A linux endpoint's SYN cookies are its tcp_syncookies (1, on, unless the scenario says).
  const cookiesSaid = checkBoolean(problems, child(path, 'synCookies'), value.synCookies, false);
  const synCookies = profile === 'linux' ? linuxHost(sysctls).synCookies !== 'never' : cookiesSaid;
  const autoRead = checkBoolean(problems, child(path, 'autoRead'), value.autoRead, true);
  const autoAccept = checkBoolean(problems, child(path, 'autoAccept'), value.autoAccept, true);
  if (!name || !address || port === undefined || !profile || !side || isn === undefined)
    return undefined;
  const endpoint: ScenarioEndpoint = {
    name,
    address,
    port,
    profile,
    side,
    isn,
    options,
    synCookies,
    sysctls,
    autoRead,
    autoAccept,
  };
  return endpoint;
}

/**
 * A linux endpoint's sysctls (linux-sysctls.ts), each named in its problem. `synCookies` given
 * without `sysctls.tcp_syncookies` says the same as tcp_syncookies 1 or 0; both must agree.
 */
function checkSysctls(
  problems: Problems,
  path: string,
  endpoint: JsonObject,
  profile: string | undefined,
): SysctlChanges {
  const at = child(path, 'sysctls');
  const { sysctls: value, synCookies } = endpoint;
  const given = value !== undefined && !(isObject(value) && Object.keys(value).length === 0);
  if (given && profile !== undefined && profile !== 'linux') {
    problems.add(at, `only a linux endpoint has Linux sysctls; this one is ${profile}`);
    return {};
  }
  if (profile !== 'linux') return {};
  const { changes, problems: found } =
    value === undefined ? { changes: {}, problems: [] } : readSysctlChanges(value);
  for (const { field, problem } of found) problems.add(field ? child(at, field) : at, problem);
  if (typeof synCookies !== 'boolean') return changes;
  const cookies = changes.tcp_syncookies;
  if (cookies === undefined) {
    // On is the kernel's own default (1), so only off is a change.
    return synCookies ? changes : { ...changes, tcp_syncookies: 0 };
  }
  if ((cookies !== 0) !== synCookies) {
    problems.add(
      child(path, 'synCookies'),
      `says ${String(synCookies)} but sysctls.tcp_syncookies is ${cookies}; give one of them`,
    );
  }
  return changes;
}

const DIRECTION_KEYS = Object.keys(DEFAULT_LINK_DIRECTION);

function checkDirection(problems: Problems, path: string, value: Json): LinkDirection {
  if (value === undefined) return DEFAULT_LINK_DIRECTION;
  if (!expectObject(problems, path, value, DIRECTION_KEYS)) return DEFAULT_LINK_DIRECTION;
  const d = DEFAULT_LINK_DIRECTION;
  const at = (key: string): string => child(path, key);
  const delay = optionalNumber(problems, at('delay'), value.delay, DELAY, d.delay);
  return {
    delay,
    jitter: optionalNumber(problems, at('jitter'), value.jitter, DELAY, d.jitter),
    loss: optionalNumber(problems, at('loss'), value.loss, PROBABILITY, d.loss),
    duplicate: optionalNumber(problems, at('duplicate'), value.duplicate, PROBABILITY, d.duplicate),
    reorder: optionalNumber(problems, at('reorder'), value.reorder, PROBABILITY, d.reorder),
    // By default a held-back segment waits one more propagation delay.
    reorderDelay: optionalNumber(problems, at('reorderDelay'), value.reorderDelay, DELAY, delay),
    bandwidth: checkBandwidth(problems, at('bandwidth'), value.bandwidth, d.bandwidth),
  };
}

/** 0 (unlimited) or a rate at which one segment serializes in a finite, sensible time. */
function checkBandwidth(problems: Problems, path: string, value: Json, fallback: number): number {
  if (value === 0) return 0;
  const { minBandwidth: min, maxBandwidth: max } = SCENARIO_LIMITS;
  const bandwidth = optionalNumber(problems, path, value, { min: 0, max }, fallback);
  if (bandwidth > 0 && bandwidth < min) {
    problems.add(
      path,
      `must be 0 (unlimited) or at least ${min} bits per second, got ${bandwidth}`,
    );
    return fallback;
  }
  return bandwidth;
}

export function checkLink(problems: Problems, path: string, value: Json): Link {
  if (value === undefined) return { c2s: DEFAULT_LINK_DIRECTION, s2c: DEFAULT_LINK_DIRECTION };
  if (!expectObject(problems, path, value, ['c2s', 's2c'], 'an object with c2s and s2c'))
    return { c2s: DEFAULT_LINK_DIRECTION, s2c: DEFAULT_LINK_DIRECTION };
  return {
    c2s: checkDirection(problems, child(path, 'c2s'), value.c2s),
    s2c: checkDirection(problems, child(path, 's2c'), value.s2c),
  };
}
