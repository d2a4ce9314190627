/**
 * The listener's queues the diagram's gauges draw, read at any moment of a run: under the
 * syn-flood preset's flood the SYN queue fills with the spoofed sources' half-open entries, is
 * full when the client's SYN is refused, and drains as each entry's SYN-ACK retries run out
 * (Linux's tcp_synack_retries); in accept-overflow the accept queue fills while nobody calls
 * accept(). A two-party run's one passing entry is not worth a gauge.
 */
import { describe, expect, it } from 'vitest';
import { presets } from '../sim/presets';
import { runScenario } from '../sim/run';
import { queuesAt, queuesMatter } from './queues-at';
import { buildTimeline } from './timeline';

function timelineOf(name: string) {
  const preset = presets.find((p) => p.name === name);
  if (preset === undefined) throw new Error(`${name} preset is missing`);
  return buildTimeline(runScenario(preset.scenario));
}

describe("a server's SYN queue under a SYN flood", () => {
  const timeline = timelineOf('syn-flood');
  const refused = timeline.events.findIndex(
    (e) =>
      e.type === 'drop' &&
      e.reason === 'queue-full' &&
      timeline.spanById[e.id]?.send.from === 'client',
  );

  it('is empty before the first SYN, the listener and its backlog known', () => {
    const before = queuesAt(timeline, 'server', 0);
    expect(before?.syn).toEqual([]);
    expect(before?.accept).toEqual([]);
    // listen(fd, 3): Linux's SYN queue holds one more than the backlog.
    expect(before).toMatchObject({ backlog: 3, room: 4 });
  });

  it("is full of the spoofed sources' entries when the client's SYN is refused", () => {
    expect(refused).toBeGreaterThan(0);
    const at = queuesAt(timeline, 'server', refused);
    expect(at?.syn).toHaveLength(at?.room ?? -1);
    for (const entry of at?.syn ?? []) expect(entry).toMatch(/^198\.51\.100\.\d+:1024$/);
  });

  it('drains as the half-open entries expire, and the client gets in', () => {
    const last = queuesAt(timeline, 'server', timeline.events.length - 1);
    expect(last?.syn).toEqual([]);
    const sizes = timeline.events.flatMap((e) => (e.type === 'queue' ? [e.syn.length] : []));
    // Four spoofed SYNs fill it one by one; some 63 s later (five SYN-ACK retries, backed off
    // from 1 s) each entry expires in turn; then the client's own entry passes through.
    expect(sizes).toEqual([1, 2, 3, 4, 3, 2, 1, 0, 1, 0]);
    expect(queuesMatter(timeline, 'server')).toBe(true);
  });
});

describe('an accept queue nobody reads (accept-overflow)', () => {
  const timeline = timelineOf('accept-overflow');

  it('fills past the backlog, to its room, while the application does not call accept()', () => {
    const full = timeline.events.some(
      (e) => e.type === 'queue' && e.endpoint === 'server' && e.accept.length === e.backlog + 1,
    );
    expect(full).toBe(true);
    expect(queuesMatter(timeline, 'server')).toBe(true);
  });
});

describe('a single handshake', () => {
  it('draws no gauge: its one passing entry is no lesson', () => {
    const timeline = timelineOf('handshake');
    expect(queuesMatter(timeline, 'server')).toBe(false);
    expect(queuesMatter(timeline, 'client')).toBe(false);
  });
});
