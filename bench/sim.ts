// Simulated world throughput and memory: a bulk transfer through the whole world (engine,
// link, event queue, trace). Measured, not asserted; the machine is shared, so speeds are
// medians of several runs.
import { runScenario, validateScenario, type Scenario } from '../src/sim';
import type { BenchRow } from './types';

/** A client sending `bytes` to a server over a 50 ms link; `mss` sets the segment size. */
function bulkTransfer(bytes: number, mss: number): Scenario {
  const result = validateScenario({
    maxSteps: 100_000_000,
    endpoints: [
      { name: 'client', address: '10.0.0.1', port: 49152, isn: 700, options: { mss } },
      { name: 'server', address: '10.0.0.2', port: 80, isn: 200, options: { mss } },
    ],
    calls: [
      { at: 0, endpoint: 'server', call: 'listen' },
      { at: 1, endpoint: 'client', call: 'connect', to: 'server' },
      { endpoint: 'client', after: { event: 'established' }, call: 'send', bytes },
      { endpoint: 'client', after: { event: 'established' }, call: 'close' },
      { endpoint: 'server', after: { event: 'eof' }, call: 'close' },
    ],
  });
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.scenario;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const gc = (globalThis as { gc?: () => void }).gc;

export async function benchSim(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];

  // Throughput: trace events written per second of wall time.
  const scenario = bulkTransfer(4_000_000, 1460);
  runScenario(scenario); // warm-up
  const rates: number[] = [];
  const segmentRates: number[] = [];
  let events = 0;
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    const result = runScenario(scenario);
    const seconds = (performance.now() - start) / 1000;
    events = result.trace.length;
    rates.push(events / seconds);
    segmentRates.push(result.trace.filter((e) => e.type === 'send').length / seconds);
  }
  rows.push({
    name: 'sim: trace events per second (4 MB bulk transfer)',
    value: Math.round(median(rates)),
    unit: 'events/s',
    note: `median of 5 runs, ${events} events per run`,
  });
  rows.push({
    name: 'sim: segments per second through the world',
    value: Math.round(median(segmentRates)),
    unit: 'seg/s',
    note: 'engine + link + queue + trace',
  });

  // Memory: a run of about 1,000,000 segments (small 88-byte MSS keeps the payload modest;
  // the trace keeps every payload as hex, so the figure grows with the segment size).
  const big = bulkTransfer(59_000_000, 88);
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const result = runScenario(big);
  gc?.();
  const after = process.memoryUsage().heapUsed;
  const segments = result.trace.filter((e) => e.type === 'send').length;
  rows.push({
    name: `sim: heap held by a run of ${segments.toLocaleString('en-US')} segments`,
    value: Math.round((after - before) / 1024 / 1024),
    unit: 'MiB',
    note: gc
      ? `${result.trace.length.toLocaleString('en-US')} trace events; measured after global.gc()`
      : 'global.gc not exposed (run node with --expose-gc): includes garbage not yet collected',
  });
  return rows;
}
