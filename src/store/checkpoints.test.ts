import { describe, expect, it } from 'vitest';
import { getPreset, runScenario, type Intervention, type Scenario } from '../sim';
import { checkpointedRunner, CHECKPOINT_EVERY } from './checkpoints';

function bulk(): Scenario {
  const p = getPreset('random-loss');
  if (!p) throw new Error('no preset');
  return p.scenario;
}

/** Data segments in flight at the middle of the run, to drop. */
function midSegments(scenario: Scenario, count: number): Intervention[] {
  const trace = runScenario(scenario).trace;
  const sends = trace.filter((e) => e.type === 'send' && e.payload !== '');
  return sends
    .slice(Math.floor(sends.length / 2), Math.floor(sends.length / 2) + count)
    .map((e) => ({ at: e.t + 1, kind: 'drop', id: e.type === 'send' ? e.id : 0 }));
}

describe('runs with checkpoints (fork and seek restore a snapshot)', () => {
  it('every fork, a fork of a fork and an undo give the run a fresh start would give', () => {
    const scenario = bulk();
    const run = checkpointedRunner();
    const [first, second] = midSegments(scenario, 2);
    if (!first || !second) throw new Error('no data segments');
    const fresh = (interventions: Intervention[]) =>
      JSON.stringify(runScenario(scenario, { interventions }).trace);
    const steps: Intervention[][] = [[], [first], [first, second], [first], [second], []];
    for (const interventions of steps) {
      expect(JSON.stringify(run('k', scenario, interventions).trace)).toBe(fresh(interventions));
    }
  });

  it('asking again for the run just made returns it without running', () => {
    const run = checkpointedRunner();
    const a = run('k', bulk(), []);
    expect(run('k', bulk(), [])).toBe(a);
    expect(a.trace.length).toBeGreaterThan(CHECKPOINT_EVERY / 10);
  });
});
