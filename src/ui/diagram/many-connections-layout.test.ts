/**
 * The diagram of a server under a SYN flood, computed on the syn-flood preset's own run: the
 * flood's segments fall into bursts, and the loss marks (the flood's and the client's refused
 * SYN) never overprint one another, however tightly the time axis squeezes them.
 */
import { describe, expect, it } from 'vitest';
import { presets } from '../../sim/presets';
import { runScenario } from '../../sim/run';
import { buildTimeline } from '../../store/timeline';
import { flagsLabel } from '../format/segment-label';
import { burstLabel, floodBursts } from './flood-bursts';
import { lossWords } from './loss-words';
import { placeLossMarks, type LossRequest } from './marks-layout';
import { boxAt, overlaps } from './label-boxes';

const preset = presets.find((p) => p.name === 'syn-flood');
if (preset === undefined) throw new Error('syn-flood preset is missing');
const timeline = buildTimeline(runScenario(preset.scenario));
const spoofed = new Set(
  timeline.endpoints.filter((e) => e.profile === 'spoofed').map((e) => e.name),
);
const key = (span: { id: number }) => String(span.id);
const bursts = floodBursts(timeline.spans, spoofed, key, (s) => flagsLabel(s.send.flags));

describe('a SYN flood in bursts', () => {
  it("draws the attacker's lane right of the server, outside the client–server pair", () => {
    expect(timeline.endpoints.map((e) => e.name)).toEqual(['client', 'server', 'attacker']);
  });

  it('gathers the eight spoofed SYNs into one burst and leaves the named ends out', () => {
    const syn = bursts.get('1');
    expect(syn?.keys).toHaveLength(8);
    expect(syn && burstLabel(syn, 8, '')).toBe('8 × SYN from spoofed sources');
    const client = timeline.spans.filter((s) => s.send.from === 'client' || s.send.to === 'client');
    for (const span of client) expect(bursts.has(key(span))).toBe(false);
  });

  it("gathers the server's first SYN-ACKs to the spoofed sources, and each round of resends", () => {
    const synAcks = [...new Set(bursts.values())].filter((b) => b.flags === 'SYN-ACK');
    expect(synAcks[0]?.towards).toBe('to spoofed sources');
    expect(synAcks.map((b) => b.keys.length).slice(0, 3)).toEqual([4, 4, 4]);
  });
});

/** The loss marks of the run's first two seconds, every stop at the server within a few pixels. */
function squeezedRequests(lifelineX: readonly number[]): LossRequest[] {
  const x = new Map(timeline.endpoints.map((e, i) => [e.name, lifelineX[i] ?? 0]));
  // The whole first second in 40 px: every stop at the server within a few pixels.
  return timeline.spans
    .filter((s) => s.outcome === 'lost' && s.sentAt < 2000)
    .map((s) => {
      const burst = bursts.get(key(s));
      return {
        key: key(s),
        x: x.get(s.send.to) ?? 0,
        y: 20 + s.endAt / 25,
        kind: burst ? `burst ${burst.first}` : `${s.send.from}: ${lossWords(s)}`,
        words: burst ? 'dropped' : lossWords(s),
        side: (x.get(s.send.from) ?? 0) < (x.get(s.send.to) ?? 0) ? -1 : 1,
        together: burst !== undefined,
      };
    });
}

describe('loss marks on a squeezed axis', () => {
  const metrics = { fontSize: 15, noteSize: 13, charWidth: 9.3, lifelineX: [250, 460, 670] };
  const marks = placeLossMarks(squeezedRequests(metrics.lifelineX), metrics);

  it("keeps the client's refused SYN a mark of its own, saying why", () => {
    const client = marks.filter((m) =>
      m.keys.some((k) => timeline.spanById[Number(k)]?.send.from === 'client'),
    );
    expect(client.length).toBeGreaterThan(0);
    for (const m of client) expect(m.text).toBe('dropped: SYN queue full');
  });

  it('lets no ✕ or words overprint another mark', () => {
    const boxes = marks.flatMap((m) => [m.cross, m.words]).filter((o) => o.width > 0);
    boxes.forEach((a, i) => {
      for (const b of boxes.slice(i + 1)) {
        expect(
          overlaps(boxAt(a.x, a.y, a.width, a.height), boxAt(b.x, b.y, b.width, b.height)),
        ).toBe(false);
      }
    });
  });
});

describe('loss marks in an embed 320 px wide', () => {
  // The phone-size metrics of a 320 px embed (geometry.ts): the client's lane 104 px from the
  // left edge, too near for "dropped: SYN queue full" on one line beside the ✕ at the server.
  const metrics = {
    fontSize: 12,
    noteSize: 11,
    charWidth: 7.44,
    lifelineX: [104, 178, 251],
    width: 320,
  };
  const marks = placeLossMarks(squeezedRequests(metrics.lifelineX), metrics);

  it("keeps every mark's words inside the diagram's edges", () => {
    for (const m of marks.filter((mark) => mark.text !== '')) {
      expect(m.words.x - m.words.width / 2, m.text).toBeGreaterThanOrEqual(0);
      expect(m.words.x + m.words.width / 2, m.text).toBeLessThanOrEqual(320);
    }
  });

  it("still says why the client's SYN was refused, broken over lines to fit", () => {
    const client = marks.filter((m) =>
      m.keys.some((k) => timeline.spanById[Number(k)]?.send.from === 'client'),
    );
    expect(client[0]?.text).toBe('dropped: SYN queue full');
    expect(client[0]?.wrapped).toBeGreaterThan(0);
  });
});
