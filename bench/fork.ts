/**
 * Fork latency: the time from a user dropping a segment in the middle of a 10,000-segment run
 * to the recomputed future being ready in the store (the new timeline built), as the store
 * does it (restore the latest checkpoint before the drop, replay from there) and, for
 * comparison, by re-running the scenario from the start as the store did before checkpoints.
 */
import { createLabStore } from '../src/store/create-lab-store';
import { buildTimeline } from '../src/store/timeline';
import { createSimWorld } from '../src/store/sim-world';
import { isInFlight, lastEventAtOrBefore } from '../src/store/world-at';
import { runScenario, type Preset } from '../src/sim';
import { bulkTransfer } from './sim';
import type { BenchRow } from './types';

const SAMPLES = 20;

/**
 * CPU time of this process in milliseconds: the machine is shared, so wall time mostly
 * measures the scheduler (docs/engine.md, "Performance").
 */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

export async function benchFork(): Promise<BenchRow[]> {
  // 10,000 segments, as issue 13 asks: 9,073 data segments (MSS 1,460) and 927 ACKs.
  const scenario = bulkTransfer(13_137_000, 1460);
  const preset: Preset = { name: 'bulk', title: 'Bulk', description: 'bench', scenario };
  const store = createLabStore({ world: createSimWorld([preset]) });
  const first = store.getState().timeline;
  const segments = first.spans.length;
  const times: number[] = [];
  const rerunTimes: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    // Segments spread over the middle fifth of the run, each dropped half-way along its link.
    const { timeline } = store.getState();
    const target = timeline.spans[Math.floor(timeline.spans.length * (0.4 + (0.2 * i) / SAMPLES))];
    if (!target) throw new Error('no segment in the middle of the run');
    const t = (target.sentAt + target.endAt) / 2;
    store.getState().seek(t);
    const cursor = lastEventAtOrBefore(timeline, t);
    const span = timeline.spans.find((s) => isInFlight(s, t, cursor));
    if (!span) throw new Error(`nothing in flight at ${t}`);
    const start = cpuMs();
    store.getState().dropSegment(span.id);
    times.push(cpuMs() - start);
    if (store.getState().timeline === timeline) throw new Error('the drop changed nothing');
    // The same fork computed from the start, as before checkpoints.
    const interventions = store
      .getState()
      .interventions.flatMap((x) => (x.kind === 'drop' ? [{ ...x }] : []));
    const before = cpuMs();
    buildTimeline(runScenario(scenario, { interventions }));
    rerunTimes.push(cpuMs() - before);
  }
  const first3 = times.slice(0, 3);
  const note = `${segments.toLocaleString('en-US')} segments, ${SAMPLES} drops mid-run, CPU time`;
  return [
    {
      name: 'fork: drop mid-run → new future in the store, median',
      value: Math.round(median(times) * 10) / 10,
      unit: 'ms',
      note: `${note}; target < 50`,
    },
    {
      name: 'fork: drop mid-run → new future in the store, worst',
      value: Math.round(Math.max(...times) * 10) / 10,
      unit: 'ms',
    },
    {
      // The first drops of a process run code V8 compiled for a run without loss, and compile
      // it again (docs/engine.md, "Performance"); the later ones show the fork's own cost.
      name: 'fork: drops 1–3, mean',
      value: Math.round(((first3[0] ?? 0) + (first3[1] ?? 0) + (first3[2] ?? 0)) / 0.3) / 10,
      unit: 'ms',
      note: `each ${first3.map((x) => Math.round(x)).join(' / ')} ms`,
    },
    {
      name: 'fork: drops 11–20, median',
      value: Math.round(median(times.slice(10)) * 10) / 10,
      unit: 'ms',
    },
    {
      name: 'fork: re-running from the start instead, median',
      value: Math.round(median(rerunTimes) * 10) / 10,
      unit: 'ms',
      note: 'how the store forked before checkpoints',
    },
  ];
}
