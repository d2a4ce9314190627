/**
 * Runs with checkpoints (DESIGN.md, "One run", step 5): every run keeps snapshots of its world
 * taken every so many steps, so a user's intervention in the middle of a run restores the
 * latest snapshot before that moment and computes only the new future, and asking again for a
 * run already made costs nothing. The past before the intervention is the same either way:
 * resuming from a snapshot gives the byte-identical trace of a run from the start.
 */
import {
  checkpointFor,
  resumeScenario,
  runScenario,
  type Intervention,
  type RunResult,
  type Scenario,
  type TraceEvent,
  type WorldSnapshot,
} from '../sim';

/**
 * Steps between snapshots: a fork replays at most this many steps before its moment. A snapshot
 * copies the hosts, the event queue and the application model (a retransmission's first
 * transmission is found in the trace, first-transmissions.ts); the replay is small beside the
 * new future a fork computes, and 256 read no faster than 512 on a 7,500-segment transfer.
 */
export const CHECKPOINT_EVERY = 512;

interface Checkpoint {
  readonly snapshot: WorldSnapshot;
  /** The interventions already scheduled in the snapshot's world. */
  readonly interventions: readonly Intervention[];
  /** The trace of the run it was taken in (the snapshot keeps only its length). */
  readonly trace: readonly TraceEvent[];
}

interface Made {
  readonly key: string;
  readonly interventions: readonly Intervention[];
  readonly result: RunResult;
  readonly checkpoints: readonly Checkpoint[];
}

const same = (a: Intervention, b: Intervention): boolean => JSON.stringify(a) === JSON.stringify(b);

function extends_(base: readonly Intervention[], list: readonly Intervention[]): boolean {
  return base.length <= list.length && base.every((x, i) => same(x, list[i] as Intervention));
}

/**
 * A runner that remembers its last run and that run's checkpoints. `key` names everything
 * that makes the scenario (settings); interventions are compared one by one.
 */
export function checkpointedRunner(
  every: number = CHECKPOINT_EVERY,
): (key: string, scenario: Scenario, interventions: readonly Intervention[]) => RunResult {
  let last: Made | null = null;
  return (key, scenario, interventions) => {
    if (last && last.key === key && last.interventions.length === interventions.length) {
      if (extends_(last.interventions, interventions)) return last.result;
    }
    const from =
      last && last.key === key ? resumePoint(last.checkpoints, interventions) : undefined;
    let result: RunResult;
    let kept: readonly Checkpoint[];
    if (from) {
      const added = interventions.slice(from.interventions.length);
      result = resumeScenario(scenario, from.snapshot, from.trace, added, {
        checkpointEvery: every,
      });
      kept = (last?.checkpoints ?? []).filter(
        (c) => c.snapshot.steps < from.snapshot.steps && extends_(c.interventions, interventions),
      );
    } else {
      result = runScenario(scenario, { interventions, checkpointEvery: every });
      kept = [];
    }
    const made = (result.checkpoints ?? []).map((snapshot) => ({
      snapshot,
      interventions,
      trace: result.trace,
    }));
    const { checkpoints: _, ...plain } = result;
    last = { key, interventions, result: plain, checkpoints: [...kept, ...made] };
    return plain;
  };
}

/**
 * The latest checkpoint whose scheduled interventions begin `interventions` and which was
 * taken before the first of the others happens.
 */
function resumePoint(
  checkpoints: readonly Checkpoint[],
  interventions: readonly Intervention[],
): Checkpoint | undefined {
  let best: Checkpoint | undefined;
  for (const c of checkpoints) {
    if (!extends_(c.interventions, interventions)) continue;
    const rest = interventions.slice(c.interventions.length);
    const at = Math.min(Infinity, ...rest.map((i) => i.at));
    if (checkpointFor([c.snapshot], at) && (!best || c.snapshot.steps > best.snapshot.steps))
      best = c;
  }
  return best;
}
