import { describe, expect, it } from 'vitest';
import { hashTuple } from './load-balancer';
import { checkpointFor, resumeScenario } from './run';
import { runScenario, validateScenario } from './index';
import type { Scenario } from './scenario';
import type { BalancerEvent, CallEvent, SendEvent, TraceEvent } from './trace';

const VIP = '10.0.0.100:80';
const CLIENTS = ['client', 'client-2', 'client-3'];

/** Three clients, two backends behind a balancer; `extra` overrides or adds fields. */
function json(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    until: 3000,
    endpoints: [
      { name: 'client', address: '10.0.0.1', port: 49152, isn: 1000 },
      { name: 'client-2', address: '10.0.0.2', port: 49153, isn: 2000 },
      { name: 'client-3', address: '10.0.0.3', port: 49154, isn: 3000 },
      { name: 'server', address: '10.0.1.11', port: 80, side: 'server', isn: 5000 },
      { name: 'server-2', address: '10.0.1.12', port: 80, side: 'server', isn: 7000 },
    ],
    balancer: {
      address: '10.0.0.100',
      internalAddress: '10.0.1.1',
      backends: ['server', 'server-2'],
      delay: 10,
      health: { interval: 500, timeout: 250, fall: 2, rise: 2 },
    },
    calls: [
      { at: 0, endpoint: 'server', call: 'listen' },
      { at: 0, endpoint: 'server-2', call: 'listen' },
      { at: 20, endpoint: 'client', call: 'connect', to: 'balancer' },
      { at: 40, endpoint: 'client-2', call: 'connect', to: 'balancer' },
      { at: 60, endpoint: 'client-3', call: 'connect', to: 'balancer' },
      { at: 300, endpoint: 'client', call: 'send', data: 'GET /' },
    ],
    ...extra,
  };
}

function scenario(extra: Record<string, unknown> = {}): Scenario {
  const result = validateScenario(json(extra));
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.scenario;
}

const sends = (trace: readonly TraceEvent[]) =>
  trace.filter((e): e is SendEvent => e.type === 'send');
const decisions = (trace: readonly TraceEvent[]) =>
  trace.filter((e): e is BalancerEvent => e.type === 'balancer');
const assigned = (trace: readonly TraceEvent[]) =>
  Object.fromEntries(
    decisions(trace).flatMap((e) => (e.action === 'assign' ? [[e.flow, e.backend]] : [])),
  );
const asyncCalls = (trace: readonly TraceEvent[], endpoint: string) =>
  trace.filter((e): e is CallEvent => e.type === 'call' && e.endpoint === endpoint && !!e.async);

describe('scheduling new flows', () => {
  it('round robin gives each new flow the next backend in turn, and says so', () => {
    const { trace } = runScenario(scenario());
    expect(assigned(trace)).toEqual({
      '10.0.0.1:49152': 'server',
      '10.0.0.2:49153': 'server-2',
      '10.0.0.3:49154': 'server',
    });
    const first = decisions(trace).find((e) => e.action === 'assign');
    expect(first?.why).toBe('round robin: server is next in turn');
  });

  it('a hash of the 4-tuple picks the backend, so a flow lands where its hash says', () => {
    const s = scenario({ balancer: { ...(json().balancer as object), schedule: 'hash' } });
    const { trace } = runScenario(s);
    const backends = ['server', 'server-2'];
    const expected = Object.fromEntries(
      ['10.0.0.1:49152', '10.0.0.2:49153', '10.0.0.3:49154'].map((flow) => [
        flow,
        backends[hashTuple(`${flow}-${VIP}`) % 2],
      ]),
    );
    expect(assigned(trace)).toEqual(expected);
    const why = decisions(trace).find((e) => e.action === 'assign')?.why;
    expect(why).toMatch(
      /^hash of the 4-tuple 10\.0\.0\.1:49152-10\.0\.0\.100:80 picks slot \d of 2/,
    );
  });
});

describe('the connection table', () => {
  it('keeps every segment of a flow on its backend, both ways', () => {
    const { trace } = runScenario(scenario());
    const toBackends = sends(trace).filter((s) => s.from === 'balancer' && !s.healthCheck);
    for (const s of toBackends.filter((s) => s.to.startsWith('server'))) {
      const flow = s.src;
      expect(s.to).toBe(assigned(trace)[flow]);
    }
    // The client's handshake ACK and its request follow its SYN to the server.
    const clientToServer = toBackends.filter((s) => s.src === '10.0.0.1:49152');
    expect(clientToServer.map((s) => s.to)).toEqual(['server', 'server', 'server']);
    expect(clientToServer.map((s) => s.flags.join())).toEqual(['SYN', 'ACK', 'PSH,ACK']);
  });

  it('a client only ever sees the virtual address; a backend sees the client itself', () => {
    const { trace } = runScenario(scenario());
    for (const s of sends(trace)) {
      if (CLIENTS.includes(s.to)) expect(s.src).toBe(VIP);
      if (CLIENTS.includes(s.from)) expect(s.dst).toBe(VIP);
      if (s.to === 'server' && !s.healthCheck) expect(s.dst).toBe('10.0.1.11:80');
    }
    const accepted = trace.filter((e): e is CallEvent => e.type === 'call' && e.call === 'accept');
    expect(accepted.map((e) => [e.endpoint, e.args.from])).toEqual([
      ['server', 'client'],
      ['server-2', 'client-2'],
      ['server', 'client-3'],
    ]);
  });

  it('a forwarded segment keeps every field but the rewritten address, and names what it was', () => {
    const { trace } = runScenario(scenario());
    const all = sends(trace);
    const inbound = all.find((s) => s.rewrite?.field === 'dst');
    const outbound = all.find((s) => s.rewrite?.field === 'src');
    const before = (s: SendEvent | undefined) => all.find((x) => x.id === s?.rewrite?.of);
    expect(inbound?.rewrite).toMatchObject({ by: 'balancer', was: VIP });
    expect(outbound?.rewrite).toMatchObject({ by: 'balancer', was: '10.0.1.11:80' });
    const same = (s: SendEvent | undefined) =>
      s && [s.flags, s.seq, s.ack, s.win, s.len, s.options, s.payload, s.retransmit];
    expect(same(inbound)).toEqual(same(before(inbound)));
    expect(same(outbound)).toEqual(same(before(outbound)));
    expect([before(inbound)?.dst, inbound?.dst]).toEqual([VIP, '10.0.1.11:80']);
    expect(inbound?.src).toBe(before(inbound)?.src);
    expect([before(outbound)?.src, outbound?.src]).toEqual(['10.0.1.11:80', VIP]);
    expect(outbound?.dst).toBe(before(outbound)?.dst);
  });
});

describe('health checks', () => {
  it('probe each backend with a SYN every interval; a SYN-ACK is answered with RST', () => {
    const { trace } = runScenario(scenario());
    const probes = sends(trace).filter((s) => s.healthCheck && s.to === 'server');
    expect(probes.map((s) => [s.t, s.flags.join(), s.src.split(':')[0]])).toEqual([
      [500, 'SYN', '10.0.1.1'],
      [520, 'RST', '10.0.1.1'],
      [1000, 'SYN', '10.0.1.1'],
      [1020, 'RST', '10.0.1.1'],
      [1500, 'SYN', '10.0.1.1'],
      [1520, 'RST', '10.0.1.1'],
      [2000, 'SYN', '10.0.1.1'],
      [2020, 'RST', '10.0.1.1'],
      [2500, 'SYN', '10.0.1.1'],
      [2520, 'RST', '10.0.1.1'],
      [3000, 'SYN', '10.0.1.1'],
    ]);
    expect(decisions(trace).filter((e) => e.action === 'health')).toEqual([]);
  });

  it('a silent backend is marked down after `fall` unanswered probes, not before', () => {
    const { trace } = runScenario(
      scenario({ outages: [{ endpoint: 'server', at: 700, how: 'silent' }] }),
    );
    const onServer = decisions(trace).filter(
      (e) => (e.action === 'probe' || e.action === 'health') && e.backend === 'server',
    );
    const outcome = (e: BalancerEvent) =>
      e.action === 'probe' ? e.result : e.action === 'health' ? e.health : e.action;
    expect(onServer.map((e) => [e.t, outcome(e)])).toEqual([
      [520, 'ok'],
      [1250, 'timeout'],
      [1750, 'timeout'],
      [1750, 'down'],
      [2250, 'timeout'],
      [2750, 'timeout'],
    ]);
  });

  it('segments of a flow whose backend is down are dropped at the balancer, with the reason', () => {
    const base = json();
    const { trace } = runScenario(
      scenario({
        outages: [{ endpoint: 'server', at: 700, how: 'silent' }],
        calls: [
          ...(base.calls as object[]),
          { at: 900, endpoint: 'client', call: 'send', data: 'GET /2' },
        ],
      }),
    );
    const refused = decisions(trace).find((e) => e.action === 'refuse');
    expect(refused).toMatchObject({ flow: '10.0.0.1:49152' });
    expect(refused?.why).toMatch(/server is marked down/);
    expect(trace).toContainEqual({
      t: refused?.t,
      type: 'drop',
      id: refused?.action === 'refuse' ? refused.id : -1,
      reason: 'balancer',
    });
  });

  it('a SYN retried after its backend is marked down is scheduled anew and lands on the other', () => {
    const { trace } = runScenario(
      scenario({
        outages: [{ endpoint: 'server', at: 700, how: 'silent' }],
        calls: [
          { at: 0, endpoint: 'server', call: 'listen' },
          { at: 0, endpoint: 'server-2', call: 'listen' },
          { at: 20, endpoint: 'client', call: 'connect', to: 'balancer' },
          { at: 40, endpoint: 'client-2', call: 'connect', to: 'balancer' },
          { at: 800, endpoint: 'client-3', call: 'connect', to: 'balancer' },
        ],
      }),
    );
    const forClient3 = decisions(trace).filter(
      (e) => e.action === 'assign' && e.flow === '10.0.0.3:49154',
    );
    expect(forClient3.map((e) => [e.t, e.action === 'assign' && e.backend])).toEqual([
      [850, 'server'],
      [1850, 'server-2'],
    ]);
    expect(forClient3[1]?.why).toMatch(/earlier backend server is marked down/);
    expect(asyncCalls(trace, 'client-3')).toMatchObject([{ call: 'connect', result: 'ok' }]);
  });

  it('a backend whose service dies answers RST: its client sees a reset, probes are refused', () => {
    const { trace } = runScenario(
      scenario({ outages: [{ endpoint: 'server', at: 200, how: 'reset' }] }),
    );
    expect(asyncCalls(trace, 'client').at(-1)).toMatchObject({ result: 'ECONNRESET' });
    const probes = decisions(trace).filter((e) => e.action === 'probe' && e.backend === 'server');
    expect(probes.slice(0, 2).map((e) => e.action === 'probe' && e.result)).toEqual([
      'refused',
      'refused',
    ]);
  });

  it('a backend that listens again is marked up after `rise` good probes', () => {
    const base = json();
    const { trace } = runScenario(
      scenario({
        until: 4000,
        outages: [{ endpoint: 'server', at: 200, how: 'reset' }],
        calls: [...(base.calls as object[]), { at: 1800, endpoint: 'server', call: 'listen' }],
      }),
    );
    const marks = decisions(trace).filter((e) => e.action === 'health');
    expect(marks.map((e) => [e.t, e.action === 'health' && e.health])).toEqual([
      [1020, 'down'],
      [2520, 'up'],
    ]);
  });
});

describe('snapshots', () => {
  it('a fork from a checkpoint equals the run from the start with the same intervention', () => {
    const s = scenario({ outages: [{ endpoint: 'server', at: 700, how: 'silent' }] });
    const full = runScenario(s, { checkpointEvery: 20 });
    const drop = { at: 905, kind: 'drop', id: 29 } as const;
    const checkpoint = checkpointFor(full.checkpoints ?? [], drop.at);
    if (!checkpoint) throw new Error('no checkpoint');
    const resumed = resumeScenario(s, checkpoint, full.trace, [drop]);
    expect(resumed.trace).toEqual(runScenario(s, { interventions: [drop] }).trace);
  });
});

describe('validation', () => {
  const errors = (extra: Record<string, unknown>) => {
    const r = validateScenario(json(extra));
    return r.ok ? [] : r.errors;
  };

  it('names each problem once, with its path', () => {
    expect(errors({ until: undefined })).toEqual([
      'until: a scenario with a balancer needs "until": its health checks never stop',
    ]);
    expect(
      errors({ balancer: { ...(json().balancer as object), backends: ['server', 'client'] } }),
    ).toEqual(['balancer.backends[1]: "client" must sit on the server side to be a backend']);
    expect(errors({ outages: [{ endpoint: 'client', at: 5 }] })).toEqual([
      'outages[0].endpoint: "client" is not one of the balancer\'s backends (server, server-2)',
    ]);
    expect(errors({ balancer: { ...(json().balancer as object), address: '10.0.0.1' } })).toEqual([
      'balancer.address: 10.0.0.1 is already the address of client',
    ]);
  });
});
