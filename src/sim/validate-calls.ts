/** Validation of the application's calls: what each one needs and when it happens. */
import {
  CALL_NAMES,
  TRIGGER_EVENTS,
  type ScenarioCall,
  type ScenarioEndpoint,
  type TimedCall,
  type Trigger,
} from './scenario';
import { FastOpenBits, ipFamily } from '../engine';
import { profiles } from '../engine';
import { SCENARIO_LIMITS } from './limits';
import {
  NTH,
  PORT,
  TIME,
  checkBoolean,
  checkEnum,
  checkNumber,
  checkString,
  child,
  expectObject,
  isObject,
  optionalNumber,
  rejectUnknownKeys,
  show,
  type Json,
  type JsonObject,
  type Problems,
} from './validate-kit';

const CALL_KEYS: Record<ScenarioCall['call'], readonly string[]> = {
  listen: ['port', 'backlog', 'fastOpen'],
  connect: ['to', 'data', 'port'],
  accept: [],
  send: ['data', 'bytes', 'peer'],
  receive: ['peer'],
  close: ['peer'],
  shutdown: ['how', 'peer'],
  abort: ['peer'],
};

function checkEndpointName(
  problems: Problems,
  path: string,
  value: Json,
  endpoints: readonly ScenarioEndpoint[],
): string | undefined {
  const name = checkString(problems, path, value);
  if (name === undefined) return undefined;
  if (!endpoints.some((e) => e.name === name)) {
    problems.add(
      path,
      `no endpoint is named "${name}" (have ${endpoints.map((e) => e.name).join(', ')})`,
    );
    return undefined;
  }
  return name;
}

/** The Fast Open bits of the endpoint `self`: its options', else its profile's. */
function fastOpenBits(
  endpoints: readonly ScenarioEndpoint[],
  self: string | undefined,
): number | undefined {
  const ep = endpoints.find((e) => e.name === self);
  if (!ep) return undefined;
  return ep.options.fastOpen ?? profiles[ep.profile].fastOpen;
}

const hexBits = (bits: number) => `0x${bits.toString(16)}`;

/**
 * The call itself (without endpoint and timing), as an intervention or a scenario entry
 * carries it. `self` is the calling endpoint, so a connect to oneself can be refused.
 */
export function checkCallBody(
  problems: Problems,
  path: string,
  value: JsonObject,
  endpoints: readonly ScenarioEndpoint[],
  self: string | undefined,
  extraKeys: readonly string[],
  /** Names a connect may aim at besides the endpoints: a load balancer's virtual address. */
  connectTargets: readonly string[] = [],
): ScenarioCall | undefined {
  const name = checkEnum(problems, child(path, 'call'), value.call, CALL_NAMES);
  if (!name) return undefined;
  rejectUnknownKeys(problems, path, value, ['call', ...extraKeys, ...CALL_KEYS[name]]);
  const peer =
    value.peer === undefined
      ? undefined
      : checkEndpointName(problems, child(path, 'peer'), value.peer, endpoints);
  const withPeer = peer === undefined ? {} : { peer };
  switch (name) {
    case 'listen': {
      const port =
        value.port === undefined
          ? undefined
          : checkNumber(problems, child(path, 'port'), value.port, PORT);
      const backlog =
        value.backlog === undefined
          ? undefined
          : checkNumber(problems, child(path, 'backlog'), value.backlog, {
              min: 0,
              max: 65535,
              integer: true,
            });
      const fastOpen = checkBoolean(problems, child(path, 'fastOpen'), value.fastOpen, false);
      // RFC 7413 §4.2.2 on Linux: TCP_FASTOPEN counts only with the server bit of tcp_fastopen.
      const bits = fastOpenBits(endpoints, self);
      if (fastOpen && bits !== undefined && !(bits & FastOpenBits.SERVER)) {
        problems.add(
          child(path, 'fastOpen'),
          `the endpoint's Fast Open bits (${hexBits(bits)}) have no server bit 0x2; set its options.fastOpen to 0x3`,
        );
      }
      return {
        call: 'listen',
        ...(port === undefined ? {} : { port }),
        ...(backlog === undefined ? {} : { backlog }),
        ...(fastOpen ? { fastOpen } : {}),
      };
    }
    case 'connect': {
      const to =
        typeof value.to === 'string' && connectTargets.includes(value.to)
          ? value.to
          : checkEndpointName(problems, child(path, 'to'), value.to, endpoints);
      if (to !== undefined && to === self)
        problems.add(child(path, 'to'), 'an endpoint cannot connect to itself');
      const mixed = mixedFamilies(endpoints, self, to);
      if (mixed !== undefined) problems.add(child(path, 'to'), mixed);
      // Data with the connect is Fast Open's sendto(MSG_FASTOPEN) (RFC 7413 §4.2.1).
      const data =
        value.data === undefined
          ? undefined
          : checkString(problems, child(path, 'data'), value.data);
      if (data === '') problems.add(child(path, 'data'), 'must not be empty');
      const bits = fastOpenBits(endpoints, self);
      if (data && bits !== undefined && !(bits & FastOpenBits.CLIENT)) {
        // Linux tcp_sendmsg_fastopen(): EOPNOTSUPP without the client bit.
        problems.add(
          child(path, 'data'),
          `data with connect is Fast Open, and the endpoint's Fast Open bits (${hexBits(bits)}) have no client bit 0x1; set its options.fastOpen to 0x1`,
        );
      }
      const port =
        value.port === undefined
          ? undefined
          : checkNumber(problems, child(path, 'port'), value.port, PORT);
      if (to === undefined) return undefined;
      return {
        call: 'connect',
        to,
        ...(data ? { data } : {}),
        ...(port === undefined ? {} : { port }),
      };
    }
    case 'accept': {
      const ep = endpoints.find((e) => e.name === self);
      // With autoAccept the application already accepts every connection as it is ready.
      if (ep?.autoAccept === true) {
        problems.add(
          child(path, 'call'),
          `"accept" needs the endpoint's autoAccept to be false (${ep.name} accepts by itself)`,
        );
      }
      return { call: 'accept' };
    }
    case 'send': {
      if (value.data !== undefined && value.bytes !== undefined) {
        problems.add(path, 'give either "data" or "bytes", not both');
        return undefined;
      }
      if (value.bytes !== undefined) {
        // "bytes": n sends n filler bytes (a bulk transfer without spelling it out).
        const bytes = checkNumber(problems, child(path, 'bytes'), value.bytes, {
          min: 1,
          max: SCENARIO_LIMITS.maxSendBytes,
          integer: true,
        });
        return bytes === undefined ? undefined : { call: 'send', bytes, ...withPeer };
      }
      const data = checkString(problems, child(path, 'data'), value.data);
      if (data === '') problems.add(child(path, 'data'), 'must not be empty');
      return data ? { call: 'send', data, ...withPeer } : undefined;
    }
    case 'shutdown': {
      const how =
        value.how === undefined
          ? 'write'
          : checkEnum(problems, child(path, 'how'), value.how, ['write', 'read', 'both'] as const);
      return how ? { call: 'shutdown', how, ...withPeer } : undefined;
    }
    case 'receive':
    case 'close':
    case 'abort':
      return { call: name, ...withPeer };
  }
}

function checkTrigger(
  problems: Problems,
  path: string,
  value: Json,
  endpoints: readonly ScenarioEndpoint[],
  self: string,
): Trigger | undefined {
  const keys = ['event', 'endpoint', 'nth', 'delay'];
  const shape = 'an object such as {"event": "established"}';
  if (!expectObject(problems, path, value, keys, shape)) return undefined;
  const event = checkEnum(problems, child(path, 'event'), value.event, TRIGGER_EVENTS);
  const endpoint =
    value.endpoint === undefined
      ? self
      : checkEndpointName(problems, child(path, 'endpoint'), value.endpoint, endpoints);
  const nth = optionalNumber(problems, child(path, 'nth'), value.nth, NTH, 1);
  const delay = optionalNumber(problems, child(path, 'delay'), value.delay, TIME, 0);
  if (!event || !endpoint) return undefined;
  return { event, endpoint, nth, delay };
}

export function checkTimedCall(
  problems: Problems,
  path: string,
  value: Json,
  endpoints: readonly ScenarioEndpoint[],
  connectTargets: readonly string[] = [],
): TimedCall | undefined {
  if (!isObject(value)) {
    problems.add(path, `must be an object, got ${show(value)}`);
    return undefined;
  }
  const endpoint = checkEndpointName(problems, child(path, 'endpoint'), value.endpoint, endpoints);
  const body = checkCallBody(
    problems,
    path,
    value,
    endpoints,
    endpoint,
    ['endpoint', 'at', 'after'],
    connectTargets,
  );
  if (value.at !== undefined && value.after !== undefined) {
    problems.add(path, 'give either "at" or "after", not both');
    return undefined;
  }
  if (!endpoint || !body) return undefined;
  if (value.after !== undefined) {
    const after = checkTrigger(problems, child(path, 'after'), value.after, endpoints, endpoint);
    return after ? { ...body, endpoint, after } : undefined;
  }
  const at = optionalNumber(problems, child(path, 'at'), value.at, TIME, 0);
  return { ...body, endpoint, at };
}

/**
 * A connection runs over one IP family: an IPv4 host cannot reach an IPv6 address (a dual
 * stack host would use an address of the peer's family, which a scenario endpoint, having
 * one address, does not have). Undefined when the two are of one family.
 */
function mixedFamilies(
  endpoints: readonly ScenarioEndpoint[],
  self: string | undefined,
  to: string | undefined,
): string | undefined {
  const from = endpoints.find((e) => e.name === self);
  const peer = endpoints.find((e) => e.name === to);
  if (!from || !peer || ipFamily(from.address) === ipFamily(peer.address)) return undefined;
  const describe = (e: ScenarioEndpoint) =>
    `${e.name}'s address ${e.address} is IPv${ipFamily(e.address)}`;
  return `${describe(from)} and ${describe(peer)}; a connection runs over one IP family, so give both endpoints addresses of the same family`;
}
