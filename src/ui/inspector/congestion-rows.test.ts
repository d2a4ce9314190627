import { describe, expect, it } from 'vitest';
import { presets, runScenario } from '../../sim';
import type { SendEvent } from '../../sim/trace';
import { congestionRows } from './congestion-rows';

describe("inspector rows: the sender's congestion control when the segment left", () => {
  const preset = presets.find((p) => p.name === 'slow-start');
  if (preset === undefined) throw new Error('slow-start preset missing');
  const sends = runScenario(preset.scenario).trace.filter((e): e is SendEvent => e.type === 'send');

  it('shows cwnd, ssthresh and the phase of a data segment (RFC 5681 §3.1)', () => {
    const first = sends.find((e) => e.len > 0)!;
    const rows = congestionRows(first);
    expect(rows.map((r) => [r.name, r.value])).toEqual([
      ['Congestion window (cwnd)', '10 segments (14480 bytes)'],
      ['Slow-start threshold (ssthresh)', 'not set'],
      ['Phase', 'slow start'],
    ]);
    expect(rows.every((r) => r.group === 'sender' && r.range === undefined)).toBe(true);
  });

  it('shows the cut window on the fast retransmission', () => {
    const resent = sends.find((e) => e.len > 0 && e.retransmit > 0)!;
    const values = congestionRows(resent).map((r) => r.value);
    const { cwnd, ssthresh } = resent.congestion!;
    expect(values[0]).toBe(`${cwnd / 1448} segments (${cwnd} bytes)`);
    expect(values[1]).toBe(`${ssthresh! / 1448} segments (${ssthresh} bytes)`);
    expect(values[2]).toBe('fast recovery');
  });

  it('has no rows for a segment without data (congestion control governs data)', () => {
    const syn = sends[0]!;
    expect(congestionRows(syn)).toEqual([]);
  });
});
