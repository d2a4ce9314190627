import { describe, expect, it } from 'vitest';
import { getPreset, runScenario } from './index';
import type { Scenario } from './scenario';
import type { TraceEvent } from './trace';

function preset(name: string): Scenario {
  const p = getPreset(name);
  if (!p) throw new Error(`no preset ${name}`);
  return p.scenario;
}

const before = (trace: readonly TraceEvent[], t: number) => trace.filter((e) => e.t < t);

describe('determinism', () => {
  it('gives a byte-identical trace for the same scenario and seed', () => {
    const a = runScenario(preset('random-loss'));
    const b = runScenario(preset('random-loss'));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('gives a different run for a different seed when the link loses segments', () => {
    const a = runScenario(preset('random-loss'));
    const b = runScenario({ ...preset('random-loss'), seed: 8 });
    expect(JSON.stringify(a.trace)).not.toBe(JSON.stringify(b.trace));
  });

  it('keeps one direction unchanged when only the other direction changes', () => {
    const base = preset('random-loss');
    const changed = { ...base, link: { ...base.link, s2c: { ...base.link.s2c, loss: 0 } } };
    const firstC2sFate = (s: Scenario) =>
      runScenario(s).trace.find((e) => e.type === 'send' && e.from === 'client');
    expect(firstC2sFate(changed)).toEqual(firstC2sFate(base));
  });
});

describe('interventions', () => {
  it('a user drop removes the delivery and leaves the past before it identical', () => {
    const scenario = preset('handshake-data');
    const plain = runScenario(scenario);
    // Segment #2 is the SYN-ACK, in flight from 60 ms to 110 ms.
    const forked = runScenario(scenario, { interventions: [{ at: 80, kind: 'drop', id: 2 }] });
    expect(before(forked.trace, 80)).toEqual(before(plain.trace, 80));
    expect(forked.trace).toContainEqual({ t: 80, type: 'drop', id: 2, reason: 'user' });
    expect(forked.trace.some((e) => e.type === 'deliver' && e.id === 2)).toBe(false);
    // The SYN-ACK is retransmitted and the exchange still completes.
    expect(forked.trace.some((e) => e.type === 'send' && e.original === 2)).toBe(true);
  });

  it('a link change applies from its moment on and keeps the past', () => {
    const scenario = preset('random-loss');
    const plain = runScenario(scenario);
    const forked = runScenario(scenario, {
      interventions: [{ at: 1500, kind: 'link', link: { c2s: { loss: 0 }, s2c: { loss: 0 } } }],
    });
    expect(before(forked.trace, 1500)).toEqual(before(plain.trace, 1500));
    expect(forked.trace.filter((e) => e.t >= 1500 && e.type === 'drop')).toEqual([]);
  });

  it('an extra call happens at its moment, after an identical past', () => {
    const scenario = preset('handshake');
    const plain = runScenario(scenario);
    const forked = runScenario(scenario, {
      interventions: [{ at: 500, kind: 'call', endpoint: 'client', call: { call: 'close' } }],
    });
    expect(before(forked.trace, 500)).toEqual(before(plain.trace, 500));
    expect(forked.trace).toContainEqual(
      expect.objectContaining({ t: 500, type: 'call', endpoint: 'client', call: 'close' }),
    );
  });

  it('ignores a drop of a segment that is not in flight at that moment', () => {
    const scenario = preset('handshake');
    const forked = runScenario(scenario, { interventions: [{ at: 5000, kind: 'drop', id: 1 }] });
    expect(forked.trace).toEqual(runScenario(scenario).trace);
  });
});
