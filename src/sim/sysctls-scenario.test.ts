/**
 * Per-endpoint Linux sysctls in a scenario: a linux endpoint runs the profile its sysctls derive
 * (linux-sysctls.ts, a Linux 6.x kernel by default), and a bad value is refused by name.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from './run';
import type { SendEvent, TraceEvent } from './trace';
import { validateScenario } from './validate';

const client = { name: 'client', address: '10.0.0.1', port: 49152, isn: 700 };
const server = { name: 'server', address: '10.0.0.2', port: 80, isn: 200 };
const connect = [
  { at: 0, endpoint: 'server', call: 'listen' },
  { at: 10, endpoint: 'client', call: 'connect', to: 'server' },
];
const everySynLost = [{ direction: 'c2s', match: 'SYN', nth: 'every', action: 'drop' }];

function errorsOf(json: unknown): string[] {
  const result = validateScenario(json);
  return result.ok ? [] : result.errors;
}

function traceOf(json: unknown): readonly TraceEvent[] {
  const result = validateScenario(json);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return runScenario(result.scenario).trace;
}

const synTimes = (trace: readonly TraceEvent[]): number[] =>
  trace
    .filter((e): e is SendEvent => e.type === 'send' && e.from === 'client')
    .map((e) => (e.t - 10) / 1000);

describe('scenario sysctls of a linux endpoint', () => {
  it('without any, a connect() to a silent peer follows Linux 6.x: linear, then doubling, ETIMEDOUT at 131 s', () => {
    const trace = traceOf({ endpoints: [client, server], faults: everySynLost, calls: connect });
    expect(synTimes(trace)).toEqual([0, 1, 2, 3, 4, 5, 7, 11, 19, 35, 67]);
  });

  it('tcp_syn_retries and tcp_syn_linear_timeouts set the SYN schedule', () => {
    const endpoints = [{ ...client, sysctls: { tcp_syn_retries: 2, tcp_syn_linear_timeouts: 0 } }];
    const trace = traceOf({
      endpoints: [...endpoints, server],
      faults: everySynLost,
      calls: connect,
    });
    expect(synTimes(trace)).toEqual([0, 1, 3]);
    const outcome = trace.find((e) => e.type === 'call' && e.call === 'connect' && e.async);
    expect(outcome).toMatchObject({ t: 7010, result: 'ETIMEDOUT' });
  });

  it('tcp_rmem sets the window of the SYN and the window scale', () => {
    const trace = traceOf({
      endpoints: [{ ...client, sysctls: { tcp_rmem: [4096, 540000, 15728640] } }, server],
      calls: connect,
    });
    const syn = trace.find((e): e is SendEvent => e.type === 'send');
    expect(syn?.win).toBe(65535);
    expect(syn?.options).toContainEqual({ kind: 'wscale', shift: 8 });
  });

  it('tcp_syncookies 2 answers even the first SYN with a cookie SYN-ACK that carries only the MSS', () => {
    const trace = traceOf({
      endpoints: [client, { ...server, sysctls: { tcp_syncookies: 2 } }],
      calls: connect,
    });
    const synAck = trace.find((e): e is SendEvent => e.type === 'send' && e.from === 'server');
    expect(synAck?.options).toEqual([{ kind: 'mss', value: 1460 }]);
    const established = trace.filter((e) => e.type === 'state' && e.to === 'ESTABLISHED');
    expect(established).toHaveLength(2);
  });

  it('names a bad value, an unknown sysctl, and sysctls on an endpoint that is not linux', () => {
    expect(
      errorsOf({
        endpoints: [
          { ...client, sysctls: { tcp_syn_retries: 0, tcp_rmem: [1, 2], tcp_foo: 1 } },
          { ...server, profile: 'freebsd', sysctls: { tcp_sack: 0 } },
        ],
      }),
    ).toEqual([
      'endpoints[0].sysctls.tcp_syn_retries: must be a whole number from 1 to 127',
      'endpoints[0].sysctls.tcp_rmem: must be three whole numbers (min, default, max) from 1 to 2147483647',
      expect.stringMatching(/^endpoints\[0\]\.sysctls\.tcp_foo: unknown sysctl \(expected one of/),
      'endpoints[1].sysctls: only a linux endpoint has Linux sysctls; this one is freebsd',
    ]);
  });

  it('synCookies alone sets tcp_syncookies; the two must not disagree', () => {
    const result = validateScenario({ endpoints: [client, { ...server, synCookies: false }] });
    expect(result.ok && result.scenario.endpoints[1]?.sysctls).toEqual({ tcp_syncookies: 0 });
    expect(
      errorsOf({
        endpoints: [client, { ...server, synCookies: false, sysctls: { tcp_syncookies: 2 } }],
      }),
    ).toEqual([
      'endpoints[1].synCookies: says false but sysctls.tcp_syncookies is 2; give one of them',
    ]);
  });
});
