/**
 * The fork bench's procedure, shared by its Node rows (bench/fork.ts, CPU time) and its page in
 * Chromium (bench/fork-harness): a 10,000-segment bulk transfer in a store, then 20 segments
 * spread over the middle fifth of the run dropped one after another, each added to the ones
 * before, and after each the same fork computed from the start.
 */
import { createLabStore } from '../src/store/create-lab-store';
import { buildTimeline } from '../src/store/timeline';
import { createSimWorld } from '../src/store/sim-world';
import { isInFlight, lastEventAtOrBefore } from '../src/store/world-at';
import { runScenario, type Preset } from '../src/sim';
import { bulkTransfer } from './bulk-transfer';

export const SAMPLES = 20;

/** A store holding the run, ready to drop segments one after another. */
export interface ForkDrops {
  /** Segment journeys in the run before the first drop. */
  readonly segments: number;
  /**
   * Drops the `index`th segment (0 to SAMPLES − 1): the milliseconds each of `clocks` counted
   * from the drop to the new future in the store.
   */
  drop(index: number, clocks: readonly (() => number)[]): number[];
  /** Milliseconds by `clock` to compute the last drop's fork by re-running from the start. */
  rerun(clock: () => number): number;
}

export function forkDrops(): ForkDrops {
  // 10,000 segments, as issue 13 asks: 9,073 data segments (MSS 1,460) and 927 ACKs.
  const scenario = bulkTransfer(13_137_000, 1460);
  const preset: Preset = { name: 'bulk', title: 'Bulk', description: 'bench', scenario };
  const store = createLabStore({ world: createSimWorld([preset]) });
  return {
    segments: store.getState().timeline.spans.length,
    drop: (i, clocks) => {
      // Segments spread over the middle fifth of the run, each dropped half-way along its link.
      const { timeline } = store.getState();
      const at = Math.floor(timeline.spans.length * (0.4 + (0.2 * i) / SAMPLES));
      const target = timeline.spans[at];
      if (!target) throw new Error('no segment in the middle of the run');
      const t = (target.sentAt + target.endAt) / 2;
      store.getState().seek(t);
      const cursor = lastEventAtOrBefore(timeline, t);
      const span = timeline.spans.find((s) => isInFlight(s, t, cursor));
      if (!span) throw new Error(`nothing in flight at ${t}`);
      const start = clocks.map((clock) => clock());
      store.getState().dropSegment(span.id);
      const end = clocks.map((clock) => clock());
      if (store.getState().timeline === timeline) throw new Error('the drop changed nothing');
      return end.map((e, k) => e - (start[k] as number));
    },
    rerun: (clock) => {
      // The same fork computed from the start, as before checkpoints.
      const interventions = store
        .getState()
        .interventions.flatMap((x) => (x.kind === 'drop' ? [{ ...x }] : []));
      const before = clock();
      buildTimeline(runScenario(scenario, { interventions }));
      return clock() - before;
    },
  };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}
