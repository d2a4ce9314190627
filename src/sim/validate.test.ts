import { describe, expect, it } from 'vitest';
import { validateScenario } from './validate';

const endpoints = [
  { name: 'client', address: '10.0.0.1', port: 49152 },
  { name: 'server', address: '10.0.0.2', port: 80 },
];

function errorsOf(json: unknown): string[] {
  const result = validateScenario(json);
  return result.ok ? [] : result.errors;
}

describe('validateScenario', () => {
  it('fills in every default of a minimal scenario', () => {
    const result = validateScenario({ endpoints });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const { scenario } = result;
    expect(scenario.seed).toBe(1);
    expect(scenario.link.c2s).toMatchObject({ delay: 50, loss: 0, jitter: 0, bandwidth: 0 });
    expect(scenario.endpoints[0]).toMatchObject({
      profile: 'linux',
      side: 'client',
      isn: 'random',
    });
    expect(scenario.endpoints[1]).toMatchObject({ side: 'server', autoRead: true });
    expect(scenario.calls).toEqual([]);
  });

  it('names the field path and the value for an out-of-range probability', () => {
    expect(errorsOf({ endpoints, link: { c2s: { loss: 1.5 } } })).toEqual([
      'link.c2s.loss: must be between 0 and 1, got 1.5',
    ]);
  });

  it('rejects a negative delay', () => {
    expect(errorsOf({ endpoints, link: { s2c: { delay: -5 } } })).toEqual([
      'link.s2c.delay: must be between 0 and 60000, got -5',
    ]);
  });

  it('reports unknown fields, so a typo does not pass silently', () => {
    expect(errorsOf({ endpoints, link: { c2s: { los: 0.1 } } })[0]).toMatch(
      /^link\.c2s\.los: unknown field/,
    );
  });

  it('checks addresses, ports and duplicate names', () => {
    const errors = errorsOf({
      endpoints: [
        { name: 'client', address: '10.0.0.300', port: 0 },
        { name: 'client', address: '10.0.0.2', port: 80 },
      ],
    });
    expect(errors).toContain(
      'endpoints[0].address: must be an IPv4 address such as "10.0.0.1" or an IPv6 address such as "2001:db8::1", got "10.0.0.300"',
    );
    expect(errors).toContain('endpoints[0].port: must be between 1 and 65535, got 0');
    expect(errors).toContain('endpoints[1]: the name "client" is used twice');
  });

  it('checks calls: the endpoint, the call, its arguments and its timing', () => {
    const errors = errorsOf({
      endpoints,
      calls: [
        { endpoint: 'nobody', call: 'listen' },
        { endpoint: 'client', call: 'dance' },
        { endpoint: 'client', call: 'connect', to: 'client' },
        { endpoint: 'client', call: 'close', at: 5, after: { event: 'established' } },
        { endpoint: 'server', call: 'close', after: { event: 'tea' } },
      ],
    });
    expect(errors).toEqual([
      'calls[0].endpoint: no endpoint is named "nobody" (have client, server)',
      'calls[1].call: must be one of listen, connect, accept, send, receive, close, shutdown, abort, got "dance"',
      'calls[2].to: an endpoint cannot connect to itself',
      'calls[3]: give either "at" or "after", not both',
      'calls[4].after.event: must be one of established, data, eof, closed, error, accepted, got "tea"',
    ]);
  });

  it('checks accept() and the local port of a connect', () => {
    const errors = errorsOf({
      endpoints,
      calls: [
        { endpoint: 'server', call: 'accept' },
        { endpoint: 'server', call: 'accept', peer: 'client' },
        { endpoint: 'client', call: 'connect', to: 'server', port: 70000 },
      ],
    });
    expect(errors).toEqual([
      'calls[0].call: "accept" needs the endpoint\'s autoAccept to be false (server accepts by itself)',
      'calls[1].peer: unknown field (expected one of call, endpoint, at, after)',
      'calls[1].call: "accept" needs the endpoint\'s autoAccept to be false (server accepts by itself)',
      'calls[2].port: must be between 1 and 65535, got 70000',
    ]);
    const quiet = [endpoints[0], { ...endpoints[1], autoAccept: false }];
    expect(
      errorsOf({
        endpoints: quiet,
        calls: [
          { endpoint: 'server', call: 'accept', at: 500 },
          { endpoint: 'client', call: 'connect', to: 'server', port: 49153 },
        ],
      }),
    ).toEqual([]);
  });

  it('checks faults and firewall rules', () => {
    const errors = errorsOf({
      endpoints,
      faults: [
        { direction: 'up', match: 'SYN' },
        { direction: 'c2s', match: 'SYN', nth: 0 },
      ],
      firewall: [{ action: 'maybe' }],
    });
    expect(errors).toEqual([
      'faults[0].direction: must be one of c2s, s2c, got "up"',
      'faults[1].nth: must be between 1 and 500000, got 0',
      'firewall[0].action: must be one of drop, reject, got "maybe"',
    ]);
  });

  it('refuses something that is not an object', () => {
    expect(errorsOf([1, 2])).toEqual(['(scenario): must be a JSON object, got an array']);
    expect(errorsOf({})).toEqual(['endpoints: must be a non-empty list, got nothing']);
  });
});
