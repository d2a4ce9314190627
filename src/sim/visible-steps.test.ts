import { describe, expect, it } from 'vitest';
import { getPreset, runScenario } from './index';
import { visibleStepIndices } from './visible-steps';

function traceOf(name: string) {
  const preset = getPreset(name);
  if (!preset) throw new Error(`no preset ${name}`);
  return runScenario(preset.scenario).trace;
}

describe('visible steps', () => {
  it('takes the handshake from CLOSED and LISTEN to both ESTABLISHED in four steps', () => {
    const trace = traceOf('handshake');
    const steps = visibleStepIndices(trace);
    const establishedBy = (endpoint: string) =>
      trace.findIndex(
        (e) => e.type === 'state' && e.endpoint === endpoint && e.to === 'ESTABLISHED',
      );
    const bothEstablished = Math.max(establishedBy('client'), establishedBy('server'));
    const presses = steps.findIndex((index) => index >= bothEstablished) + 1;
    expect(presses).toBeGreaterThanOrEqual(4);
    expect(presses).toBeLessThanOrEqual(6);
  });

  it('ends each step on the last event of its instant, and never on a call alone', () => {
    const trace = traceOf('active-close');
    for (const index of visibleStepIndices(trace)) {
      const next = trace[index + 1];
      if (next) expect(next.t).toBeGreaterThan(trace[index]!.t);
    }
    const calls = trace.filter((e) => e.type === 'call').length;
    expect(visibleStepIndices(trace).length).toBeLessThan(trace.length - calls);
  });
});
