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
    expect(rows.map((r) => [r.name, r.value, r.alt])).toEqual([
      ['Congestion window (cwnd)', '10 segments', '14,480 bytes'],
      ['Slow-start threshold (ssthresh)', 'not set', undefined],
      ['Phase', 'slow start', undefined],
    ]);
    expect(rows[0]?.why).toMatch(/^The client keeps at most this much data unacknowledged/);
    expect(rows.every((r) => r.group === 'sender' && r.range === undefined)).toBe(true);
  });

  it('shows the cut window on the fast retransmission', () => {
    const resent = sends.find((e) => e.len > 0 && e.retransmit > 0)!;
    const rows = congestionRows(resent);
    const { cwnd, ssthresh } = resent.congestion!;
    // ssthresh 11 segments after the loss, cwnd three more (RFC 5681 §3.2 step 2 and 3).
    expect([cwnd, ssthresh]).toEqual([14 * 1448, 11 * 1448]);
    expect([rows[0]?.value, rows[0]?.alt]).toEqual(['14 segments', '20,272 bytes']);
    expect([rows[1]?.value, rows[1]?.alt]).toEqual(['11 segments', '15,928 bytes']);
    expect(rows[2]?.value).toBe('fast recovery');
  });

  it('has no rows for a segment without data (congestion control governs data)', () => {
    const syn = sends[0]!;
    expect(congestionRows(syn)).toEqual([]);
  });
});
