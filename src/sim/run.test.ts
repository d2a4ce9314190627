import { describe, expect, it } from 'vitest';
import { getPreset, runScenario, validateScenario } from './index';
import type { SendEvent, StateEvent } from './trace';

function handshake() {
  const preset = getPreset('handshake');
  if (!preset) throw new Error('handshake preset missing');
  return preset.scenario;
}

describe('runScenario', () => {
  it('runs the textbook handshake: SYN 700, SYN-ACK 200 ack 701, ACK 701 ack 201', () => {
    const result = runScenario(handshake());
    const sends = result.trace.filter((e): e is SendEvent => e.type === 'send');
    expect(sends.map((s) => [s.from, s.flags.join(','), s.seq, s.ack])).toEqual([
      ['client', 'SYN', 700, 0],
      ['server', 'SYN,ACK', 200, 701],
      ['client', 'ACK', 701, 201],
    ]);
    const states = result.trace.filter((e): e is StateEvent => e.type === 'state');
    expect(states.filter((s) => s.to === 'ESTABLISHED').map((s) => s.endpoint)).toEqual([
      'client',
      'server',
    ]);
    expect(result.stop).toBe('idle');
    expect(result.endpoints.map((e) => [e.name, e.iss])).toEqual([
      ['client', 700],
      ['server', 200],
    ]);
  });

  it('fills arrivesAt with the 50 ms one-way delay', () => {
    const sends = runScenario(handshake()).trace.filter((e): e is SendEvent => e.type === 'send');
    for (const s of sends) expect(s.arrivesAt).toBe(s.t + 50);
  });

  it('stops at `until` without processing later events', () => {
    const result = runScenario(handshake(), { until: 60 });
    expect(result.stop).toBe('until');
    expect(result.endTime).toBe(60);
    expect(result.trace.every((e) => e.t <= 60)).toBe(true);
  });

  it('stops when the step budget is spent', () => {
    const result = runScenario(handshake(), { maxSteps: 2 });
    expect(result.stop).toBe('budget');
  });

  it('accepts its own output: a preset scenario validates again unchanged', () => {
    const again = validateScenario(JSON.parse(JSON.stringify(handshake())));
    expect(again).toEqual({ ok: true, scenario: handshake() });
  });
});
