/**
 * A long, regular conversation for measuring the visualizer: `segments` data segments and their
 * ACKs crossing a 50 ms link every few milliseconds, two trace events per segment (send and
 * deliver), after an ESTABLISHED state change on each side. Numbers are plausible, not simulated:
 * the benches measure drawing and seeking, not TCP.
 */
import type { TraceEvent } from '../src/sim/trace';
import type { RecordedRun, RunSource } from '../src/store/world';

const DELAY = 50;
const GAP = 4;

export function syntheticRun(segments: number): RecordedRun {
  const trace: TraceEvent[] = [
    {
      t: 0,
      type: 'state',
      endpoint: 'client',
      from: 'SYN-SENT',
      to: 'ESTABLISHED',
      cause: 'bench',
    },
    {
      t: 0,
      type: 'state',
      endpoint: 'server',
      from: 'SYN-RECEIVED',
      to: 'ESTABLISHED',
      cause: 'bench',
    },
  ];
  const pending: { t: number; id: number }[] = [];
  for (let id = 1; id <= segments; id++) {
    const t = id * GAP;
    while (pending.length > 0 && (pending[0]?.t ?? Infinity) <= t) {
      const arrival = pending.shift()!;
      trace.push({ t: arrival.t, type: 'deliver', id: arrival.id });
    }
    const fromClient = id % 2 === 1;
    trace.push({
      t,
      type: 'send',
      id,
      from: fromClient ? 'client' : 'server',
      to: fromClient ? 'server' : 'client',
      src: fromClient ? '10.0.0.1:49152' : '10.0.0.2:80',
      dst: fromClient ? '10.0.0.2:80' : '10.0.0.1:49152',
      flags: fromClient ? ['PSH', 'ACK'] : ['ACK'],
      seq: fromClient ? 701 + 100 * id : 201,
      ack: fromClient ? 201 : 801 + 100 * id,
      len: fromClient ? 100 : 0,
      win: 64240,
      options: [],
      retransmit: 0,
      payload: '',
      arrivesAt: t + DELAY,
    });
    pending.push({ t: t + DELAY, id });
  }
  for (const arrival of pending) trace.push({ t: arrival.t, type: 'deliver', id: arrival.id });
  return {
    trace,
    stop: 'idle',
    endpoints: [
      { name: 'client', address: '10.0.0.1', port: 49152, profile: 'rfc' },
      { name: 'server', address: '10.0.0.2', port: 80, profile: 'rfc' },
    ],
    endTime: trace[trace.length - 1]?.t ?? 0,
  };
}

/** A World that always returns the same synthetic run. */
export function syntheticWorld(segments: number): RunSource {
  const run = syntheticRun(segments);
  return {
    presets: [{ name: 'bulk', title: `${segments} segments`, description: 'Synthetic.' }],
    defaults: (preset) => ({
      preset,
      seed: 1,
      delay: DELAY,
      jitter: 0,
      loss: 0,
      profile: 'rfc',
      isn: 'textbook',
      ip: 'ipv4',
      sysctls: '',
    }),
    run: () => run,
  };
}
