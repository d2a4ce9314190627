import { describe, expect, it } from 'vitest';
import { runScenario, validateScenario } from './index';
import type { Scenario } from './scenario';
import type { CallEvent, SendEvent, TraceEvent } from './trace';

function scenario(json: Record<string, unknown>): Scenario {
  const result = validateScenario({
    endpoints: [
      { name: 'client', address: '10.0.0.1', port: 49152, isn: 700 },
      { name: 'server', address: '10.0.0.2', port: 80, isn: 200 },
    ],
    calls: [
      { at: 0, endpoint: 'server', call: 'listen' },
      { at: 10, endpoint: 'client', call: 'connect', to: 'server' },
    ],
    ...json,
  });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.scenario;
}

const sends = (trace: readonly TraceEvent[]) =>
  trace.filter((e): e is SendEvent => e.type === 'send');
const calls = (trace: readonly TraceEvent[]) =>
  trace.filter((e): e is CallEvent => e.type === 'call');

describe('the simulated world', () => {
  it('a rejecting firewall forges RST,ACK seq 0 ack 701 half-way and connect() is refused', () => {
    const { trace } = runScenario(
      scenario({ firewall: [{ direction: 'c2s', port: 80, action: 'reject' }] }),
    );
    const reset = sends(trace).find((s) => s.forgedBy === 'firewall');
    expect(reset).toMatchObject({ t: 35, from: 'server', to: 'client', flags: ['RST', 'ACK'] });
    expect(reset).toMatchObject({ seq: 0, ack: 701, win: 0, arrivesAt: 60 });
    expect(trace).toContainEqual({
      t: 35,
      type: 'drop',
      id: 1,
      reason: 'firewall',
      rule: 'rule 1: reject every segment c2s to port 80',
    });
    expect(calls(trace).at(-1)).toMatchObject({
      call: 'connect',
      result: 'ECONNREFUSED',
      async: true,
    });
  });

  it('a lost segment has no arrivesAt and vanishes half-way', () => {
    const { trace } = runScenario(
      scenario({ faults: [{ direction: 'c2s', match: 'SYN', nth: 1, action: 'drop' }] }),
    );
    const syn = sends(trace)[0];
    expect(syn?.arrivesAt).toBeUndefined();
    expect(syn?.dropsAt).toBe(35);
    expect(trace).toContainEqual({ t: 35, type: 'drop', id: 1, reason: 'rule' });
  });

  it('links each retransmission to the first transmission of the same segment', () => {
    const { trace } = runScenario(
      scenario({
        faults: [{ direction: 'c2s', match: 'SYN', nth: 'every', action: 'drop' }],
        until: 3500,
      }),
    );
    const syns = sends(trace);
    expect(syns.map((s) => [s.retransmit, s.original])).toEqual([
      [0, undefined],
      [1, 1],
      [2, 1],
      [3, 1],
    ]);
  });

  it('a duplicated segment is delivered twice, the copy marked', () => {
    const { trace } = runScenario(
      scenario({
        faults: [{ direction: 's2c', match: 'SYN-ACK', nth: 1, action: 'duplicate', by: 5 }],
      }),
    );
    expect(trace).toContainEqual({ t: 60, type: 'duplicate', id: 2, arrivesAt: 115 });
    expect(trace).toContainEqual({ t: 110, type: 'deliver', id: 2 });
    expect(trace).toContainEqual({ t: 115, type: 'deliver', id: 2, duplicate: true });
  });

  it('a server serves several clients, one accepted connection each', () => {
    const result = validateScenario({
      endpoints: [
        { name: 'client', address: '10.0.0.1', port: 49152 },
        { name: 'client-2', address: '10.0.0.3', port: 49152 },
        { name: 'server', address: '10.0.0.2', port: 80 },
      ],
      calls: [
        { at: 0, endpoint: 'server', call: 'listen' },
        { at: 10, endpoint: 'client', call: 'connect', to: 'server' },
        { at: 20, endpoint: 'client-2', call: 'connect', to: 'server' },
        {
          endpoint: 'server',
          after: { event: 'accepted', nth: 2 },
          call: 'send',
          data: 'hi 2',
          peer: 'client-2',
        },
      ],
    });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const { trace } = runScenario(result.scenario);
    const accepts = calls(trace).filter((c) => c.call === 'accept');
    expect(accepts.map((a) => a.args.from)).toEqual(['client', 'client-2']);
    expect(trace).toContainEqual(
      expect.objectContaining({ type: 'data', endpoint: 'client-2', len: 4 }),
    );
    expect(trace.some((e) => e.type === 'data' && e.endpoint === 'client')).toBe(false);
  });

  it('replies to spoofed sources are dropped as unreachable', () => {
    const { trace, endpoints } = runScenario(
      scenario({
        inject: [{ at: 0, count: 2, interval: 1, to: 'server', fromAddress: '198.51.100.1' }],
        calls: [{ at: 0, endpoint: 'server', call: 'listen' }],
        until: 500,
      }),
    );
    const fromAttacker = sends(trace).filter((s) => s.from === 'attacker');
    expect(fromAttacker.map((s) => s.src)).toEqual(['198.51.100.1:1024', '198.51.100.2:1024']);
    const synAcks = sends(trace).filter((s) => s.to === 'attacker');
    expect(synAcks).toHaveLength(2);
    for (const s of synAcks) {
      expect(trace).toContainEqual({
        t: s.arrivesAt,
        type: 'drop',
        id: s.id,
        reason: 'unreachable',
      });
    }
    expect(endpoints.map((e) => e.profile)).toEqual(['linux', 'linux', 'spoofed']);
  });

  it('a call on an endpoint without a connection reports ENOTCONN', () => {
    const { trace } = runScenario(
      scenario({ calls: [{ at: 0, endpoint: 'client', call: 'close' }] }),
    );
    expect(calls(trace)).toEqual([
      { t: 0, type: 'call', endpoint: 'client', call: 'close', args: {}, result: 'ENOTCONN' },
    ]);
  });
});
