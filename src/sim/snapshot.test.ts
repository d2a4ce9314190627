import { describe, expect, it } from 'vitest';
import { checkpointFor, getPreset, presets, resumeScenario, runScenario } from './index';
import type { Intervention } from './run-types';
import type { Scenario } from './scenario';

function preset(name: string): Scenario {
  const p = getPreset(name);
  if (!p) throw new Error(`no preset ${name}`);
  return p.scenario;
}

describe('world snapshots (DESIGN.md: checkpoints for seek and fork)', () => {
  it.each(presets.map((p) => p.name))(
    '%s: restoring any checkpoint and replaying gives the byte-identical run',
    (name) => {
      const scenario = preset(name);
      const full = runScenario(scenario, { checkpointEvery: 3 });
      const expected = JSON.stringify({ ...full, checkpoints: undefined });
      expect(full.checkpoints?.length).toBeGreaterThan(1);
      for (const checkpoint of full.checkpoints ?? []) {
        const resumed = resumeScenario(scenario, checkpoint, full.trace, []);
        expect(JSON.stringify(resumed)).toBe(expected);
      }
    },
  );

  it('the run it was taken from goes on unchanged after a checkpoint is replayed', () => {
    const scenario = preset('random-loss');
    const full = runScenario(scenario, { checkpointEvery: 10 });
    const middle = full.checkpoints?.[2];
    if (!middle) throw new Error('no checkpoint');
    const first = JSON.stringify(resumeScenario(scenario, middle, full.trace, []).trace);
    const second = JSON.stringify(resumeScenario(scenario, middle, full.trace, []).trace);
    expect(second).toBe(first);
    expect(first).toBe(JSON.stringify(runScenario(scenario).trace));
  });

  it('a fork from the nearest checkpoint equals re-running from the start with the intervention', () => {
    const scenario = preset('random-loss');
    const full = runScenario(scenario, { checkpointEvery: 10 });
    // Drop, mid-run, a data segment while it is in flight.
    const sends = full.trace.filter((e) => e.type === 'send' && e.payload !== '');
    const target = sends[Math.floor(sends.length / 2)];
    if (target?.type !== 'send') throw new Error('no data segment');
    const drop: Intervention = { at: target.t + 1, kind: 'drop', id: target.id };
    const rerun = runScenario(scenario, { interventions: [drop] });
    const checkpoint = checkpointFor(full.checkpoints ?? [], drop.at);
    if (!checkpoint) throw new Error('no checkpoint before the drop');
    expect(checkpoint.handledUpTo).toBeLessThan(drop.at);
    const fork = resumeScenario(scenario, checkpoint, full.trace, [drop]);
    expect(JSON.stringify(fork.trace)).toBe(JSON.stringify(rerun.trace));
    expect(fork.trace.some((e) => e.type === 'drop' && e.reason === 'user')).toBe(true);
  });
});
