// The application calls a server makes when it does not accept by itself (autoAccept false),
// and the local port of a connect: docs/scenarios.md, "Calls".
import { describe, expect, it } from 'vitest';
import { runScenario, validateScenario } from './index';
import type { CallEvent, DataEvent, SendEvent, TraceEvent } from './trace';

function run(calls: unknown[], serverExtra: Record<string, unknown> = { autoAccept: false }) {
  const checked = validateScenario({
    endpoints: [
      { name: 'client', address: '10.0.0.1', port: 49152, isn: 700 },
      { name: 'server', address: '10.0.0.2', port: 80, isn: 200, ...serverExtra },
    ],
    calls,
  });
  if (!checked.ok) throw new Error(checked.errors.join('; '));
  return runScenario(checked.scenario).trace;
}

const accepts = (t: readonly TraceEvent[]) =>
  t.filter((e): e is CallEvent => e.type === 'call' && e.call === 'accept');
const reads = (t: readonly TraceEvent[], who: string) =>
  t.filter((e): e is DataEvent => e.type === 'data' && e.endpoint === who && e.len > 0);
const serverEstablished = (t: readonly TraceEvent[]) =>
  t.find((e) => e.type === 'state' && e.endpoint === 'server' && e.to === 'ESTABLISHED')?.t;

describe('accept()', () => {
  const request = [
    { at: 0, endpoint: 'server', call: 'listen' },
    { at: 10, endpoint: 'client', call: 'connect', to: 'server' },
    { endpoint: 'client', after: { event: 'established' }, call: 'send', data: 'GET /' },
  ];

  it('waits for a connection when the accept queue is empty, and returns with the next one', () => {
    const trace = run([...request, { at: 0, endpoint: 'server', call: 'accept' }]);
    expect(accepts(trace)).toEqual([
      expect.objectContaining({ t: serverEstablished(trace), args: { from: 'client' } }),
    ]);
  });

  it('leaves the connection to the kernel until then: the request is acknowledged, read later', () => {
    const trace = run([...request, { at: 1000, endpoint: 'server', call: 'accept' }]);
    expect(accepts(trace).map((e) => e.t)).toEqual([1000]);
    const ackOfRequest = trace.find(
      (e): e is SendEvent => e.type === 'send' && e.from === 'server' && e.ack === 706,
    );
    expect(ackOfRequest?.t).toBe(160);
    expect(reads(trace, 'server').map((e) => e.t)).toEqual([1000]);
  });

  it('without a call, a connection stays in the accept queue and nothing reads it', () => {
    const trace = run(request);
    expect(accepts(trace)).toEqual([]);
    expect(reads(trace, 'server')).toEqual([]);
    expect(trace.filter((e) => e.type === 'queue').at(-1)).toMatchObject({
      accept: ['10.0.0.1:49152'],
    });
  });

  it('on an endpoint that is not listening reports EINVAL', () => {
    const trace = run([{ at: 5, endpoint: 'server', call: 'accept' }]);
    expect(accepts(trace)).toEqual([expect.objectContaining({ t: 5, result: 'EINVAL' })]);
  });
});

describe('connect() from a given local port', () => {
  it('opens a second connection to the same server from another port', () => {
    const trace = run(
      [
        { at: 0, endpoint: 'server', call: 'listen' },
        { at: 10, endpoint: 'client', call: 'connect', to: 'server' },
        { at: 20, endpoint: 'client', call: 'connect', to: 'server', port: 50000 },
      ],
      {},
    );
    const syns = trace.filter((e): e is SendEvent => e.type === 'send' && e.flags.join() === 'SYN');
    expect(syns.map((s) => s.src)).toEqual(['10.0.0.1:49152', '10.0.0.1:50000']);
    const calls = trace.filter(
      (e): e is CallEvent => e.type === 'call' && e.call === 'connect' && !e.async,
    );
    expect(calls.map((c) => c.args.port)).toEqual([undefined, '50000']);
    expect(accepts(trace)).toHaveLength(2);
  });
});
