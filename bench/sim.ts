// Simulated world throughput and memory: a bulk transfer through the whole world (engine,
// link, event queue, trace). Measured, not asserted; the machine is shared, so speeds are
// medians of CPU-time samples (bench/engine.ts).
import {
  createHost,
  handleCall,
  handlePacket,
  handleTimeout,
  nextDeadline,
  type AppCall,
  type Host,
  type Output,
  type Packet,
  type SocketId,
} from '../src/engine';
import { runScenario, type Scenario } from '../src/sim';
import { bulkTransfer } from './bulk-transfer';
import { EventQueue } from '../src/sim/queue';
import { filler } from '../src/sim/filler';
import { endpointProfile } from '../src/sim/world';
import { median, sample } from './engine';
import type { BenchRow } from './types';

type Side = 0 | 1;
type LoopEvent =
  | { readonly kind: 'packet'; readonly to: Side; readonly packet: Packet }
  /** The host armed a timer for this time: it may have work then. */
  | { readonly kind: 'wake'; readonly side: Side }
  | { readonly kind: 'app'; readonly run: () => void };

/**
 * The engine alone on the same transfer as bulkTransfer: the same two hosts, the same 50 ms
 * FIFO link, the same event queue, and an application that acts as the world's default one
 * does (the server accepts and reads at once and closes at end of stream; the client's
 * blocking send hands over more bytes when its host says `writable`, then closes; a wake-up
 * for a timer re-armed since is passed over unhandled). No link model, faults, trace or hex:
 * the floor the world's own cost is measured against.
 * Returns the number of segments sent, which should equal the world's.
 */
export function engineAlone(scenario: Scenario, bytes: number): number {
  const specs = scenario.endpoints;
  const delay = scenario.link.c2s.delay;
  const hosts = specs.map((spec) =>
    createHost({
      address: spec.address,
      profile: endpointProfile(spec),
      isn: { mode: 'fixed', value: spec.isn === 'random' ? 0 : spec.isn },
    }),
  ) as [Host, Host];
  const queue = new EventQueue<LoopEvent>();
  let now = 0;
  let segments = 0;
  let client: SocketId = -1;
  let unsent: Uint8Array | null = null;
  let writable = false;

  const call = (side: Side, c: AppCall) => {
    const step = handleCall(hosts[side], c, now);
    absorb(side, step.outputs);
    return step.result;
  };
  const send = (data: Uint8Array) => {
    const result = call(0, { call: 'send', socket: client, data, handOver: true });
    const taken = result.result === 'ok' ? (result.bytes ?? data.length) : data.length;
    unsent = taken < data.length ? data.subarray(taken) : null;
    if (unsent === null) call(0, { call: 'close', socket: client });
  };
  // As in the world: packets and timers first, then the application's reactions, and the
  // scenario's `after` calls (send and close after established, close after eof) as events.
  // Two passes over the step's outputs, not a list of its reactions: the floor makes nothing
  // per step that the world does not.
  const absorb = (side: Side, outputs: readonly Output[]) => {
    for (let i = 0; i < outputs.length; i++) {
      const out = outputs[i] as Output;
      if (out.type === 'packet') {
        segments++;
        queue.push(now + delay, { kind: 'packet', to: side === 0 ? 1 : 0, packet: out.packet });
      } else if (out.type === 'timer') {
        if (out.action === 'set' && out.at !== undefined)
          queue.push(out.at, { kind: 'wake', side });
      }
    }
    for (let i = 0; i < outputs.length; i++) {
      const out = outputs[i] as Output;
      if (out.type === 'packet' || out.type === 'timer') continue;
      if (side === 1 && out.type === 'acceptable') {
        call(1, { call: 'accept', socket: out.listener });
      } else if (side === 1 && out.type === 'readable') {
        call(1, { call: 'receive', socket: out.socket });
      } else if (side === 1 && out.type === 'eof') {
        const socket = out.socket;
        queue.push(now, { kind: 'app', run: () => call(1, { call: 'close', socket }) });
      } else if (side === 0 && out.type === 'established') {
        queue.push(now, { kind: 'app', run: () => send(filler(bytes)) });
      } else if (side === 0 && out.type === 'writable') {
        writable = true;
      }
    }
  };

  call(1, { call: 'listen', port: specs[1]?.port ?? 80 });
  now = 1;
  const server = specs[1] as (typeof specs)[1];
  client =
    call(0, { call: 'connect', remote: server.address, remotePort: server.port }).socket ?? -1;
  for (let e = queue.pop(); e !== undefined; e = queue.pop()) {
    const event = e.item;
    now = e.time;
    if (event.kind === 'app') {
      event.run();
      continue;
    }
    if (event.kind === 'wake') {
      const due = nextDeadline(hosts[event.side]);
      if (due !== null && due <= now) absorb(event.side, handleTimeout(hosts[event.side], now));
      continue;
    }
    absorb(event.to, handlePacket(hosts[event.to], event.packet, now));
    const waiting: Uint8Array | null = unsent;
    if (writable && waiting !== null) {
      writable = false;
      send(waiting);
    }
  }
  return segments;
}

const gc = (globalThis as { gc?: () => void }).gc;

export async function benchSim(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];

  // Throughput: the world and the engine alone on the same transfer, in CPU time, samples of
  // each in turns so that the shared machine's load weighs on both alike (as bench/engine.ts).
  const bytes = 4_000_000;
  const scenario = bulkTransfer(bytes, 1460);
  const first = runScenario(scenario); // warm-up
  const events = first.trace.length;
  const segments = first.trace.filter((e) => e.type === 'send').length;
  const engineSegments = engineAlone(scenario, bytes);
  const worldRates: number[] = [];
  const engineRates: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < 9; i++) {
    const world = sample(() => (runScenario(scenario), segments));
    const engine = sample(() => engineAlone(scenario, bytes));
    worldRates.push(world);
    engineRates.push(engine);
    ratios.push(engine / world);
  }
  rows.push({
    name: 'sim: trace events per second (4 MB bulk transfer)',
    value: Math.round((median(worldRates) * events) / segments),
    unit: 'events/s',
    note: `median of 9, CPU time, ${events} events per run`,
  });
  rows.push({
    name: 'sim: segments per second through the world',
    value: Math.round(median(worldRates)),
    unit: 'seg/s',
    note: `engine + link + queue + trace, ${segments} segments`,
  });
  rows.push({
    name: 'sim: segments per second, engine alone, same transfer',
    value: Math.round(median(engineRates)),
    unit: 'seg/s',
    note: `same hosts, link delay and application, no world; ${engineSegments} segments`,
  });
  rows.push({
    name: 'sim: world time / engine-alone time',
    value: Math.round(median(ratios) * 100) / 100,
    unit: 'x',
    note: 'median of paired samples; target ≤ 1.5',
  });

  // Memory: a run of about 1,000,000 segments (a small 88-byte MSS makes many segments of a
  // modest transfer; equal payloads share one hex string, so the figure is mostly the events).
  const big = bulkTransfer(59_000_000, 88);
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const result = runScenario(big);
  gc?.();
  const held = process.memoryUsage().heapUsed - before;
  const bigSegments = result.trace.filter((e) => e.type === 'send').length;
  const measured = gc
    ? 'measured after global.gc()'
    : 'global.gc not exposed (run node with --expose-gc): includes garbage not yet collected';
  rows.push({
    name: `sim: heap held by a run of ${bigSegments.toLocaleString('en-US')} segments`,
    value: Math.round(held / 1024 / 1024),
    unit: 'MiB',
    note: `${result.trace.length.toLocaleString('en-US')} trace events; ${measured}`,
  });
  rows.push({
    name: 'sim: heap per segment (its send, deliver, data, timer events)',
    value: Math.round(held / bigSegments),
    unit: 'bytes',
    note: `${Math.round(held / result.trace.length)} bytes per trace event`,
  });
  return rows;
}
