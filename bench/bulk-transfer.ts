// The bulk transfer the world and fork benches run. Its own module: the fork bench's Chromium
// page (bench/fork-harness) imports it without the Node-only benches beside it.
import { validateScenario, type Scenario } from '../src/sim';

/**
 * A client sending `bytes` to a server over a 50 ms link; `mss` sets the segment size. The
 * memory figure needs a run far past what a user's scenario may ask (SCENARIO_LIMITS): the
 * scenario is validated with bounded values, then the bench raises its budget and its send.
 */
export function bulkTransfer(bytes: number, mss: number): Scenario {
  const result = validateScenario({
    endpoints: [
      { name: 'client', address: '10.0.0.1', port: 49152, isn: 700, options: { mss } },
      { name: 'server', address: '10.0.0.2', port: 80, isn: 200, options: { mss } },
    ],
    calls: [
      { at: 0, endpoint: 'server', call: 'listen' },
      { at: 1, endpoint: 'client', call: 'connect', to: 'server' },
      { endpoint: 'client', after: { event: 'established' }, call: 'send', bytes: 1 },
      { endpoint: 'client', after: { event: 'established' }, call: 'close' },
      { endpoint: 'server', after: { event: 'eof' }, call: 'close' },
    ],
  });
  if (!result.ok) throw new Error(result.errors.join('; '));
  const calls = result.scenario.calls.map((c) => (c.call === 'send' ? { ...c, bytes } : c));
  return { ...result.scenario, maxSteps: 100_000_000, calls };
}
