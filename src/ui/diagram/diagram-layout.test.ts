/**
 * Every preset's whole run, fitted on the compressed time axis as End shows it, laid out at
 * projector and phone size and in a 320 px embed: no note beside a lifeline covers another, no
 * segment label, loss mark or break's words covers a note, no two marks (loss marks, breaks'
 * words: syn-flood's client retries its SYN a second apart, a break between each try) nor a
 * label and a mark cover each other, and none is cut at the diagram's edge. The presets are read
 * from the list, so a preset added later is checked too.
 */
import { describe, expect, it } from 'vitest';
import { presets } from '../../sim/presets';
import { runScenario } from '../../sim/run';
import { timeAxisOf } from '../../store/time-axis';
import { buildTimeline } from '../../store/timeline';
import { defaultViewSpan, wholeRunSpan } from '../../store/slices/playback';
import { fromAxis } from '../../store/time-axis';
import { deriveTraceFacts } from '../format/segment-label';
import { keepsNoTcpState } from '../format/stateless-endpoint';
import { diagramLayout } from './diagram-layout';
import { diagramGeometry } from './geometry';
import { boxAt, overlaps, type Obstacle } from './label-boxes';
import { connectionNumbers, laneNotes, notePrefix, timerNoteY, type LaneNote } from './lane-notes';

/** The diagram's drawing area at 1280×720 and at 390×844 (measured in the app). */
const SIZES = [
  { name: '1280×720', width: 846, height: 300 },
  { name: '390×844', width: 356, height: 330 },
  { name: 'a 320 px embed', width: 308, height: 240 },
];

interface Named {
  readonly name: string;
  readonly box: Obstacle;
}

function collisions(items: readonly Named[], others: readonly Named[] = items): string[] {
  const found: string[] = [];
  items.forEach((a, i) => {
    const rest = others === items ? items.slice(i + 1) : others;
    for (const b of rest) {
      const ab = boxAt(a.box.x, a.box.y, a.box.width - 1, a.box.height - 1);
      const bb = boxAt(b.box.x, b.box.y, b.box.width - 1, b.box.height - 1);
      if (overlaps(ab, bb)) found.push(`${a.name} and ${b.name}`);
    }
  });
  return found;
}

/** The view a preset opens with (its first render window), and End's: the whole run fitted. */
const VIEWS = [
  { name: 'at the start', whole: false },
  { name: 'at the end', whole: true },
];

const CASES = SIZES.flatMap((size) => VIEWS.map((view) => ({ ...size, view, at: view.name })));

describe.each(CASES)('notes, marks and labels apart at $name $at, every preset', (c) => {
  it.each(presets.map((p) => [p.name, p] as const))('%s', (_, preset) => {
    const timeline = buildTimeline(runScenario(preset.scenario));
    const axis = timeAxisOf(timeline, 'compressed');
    const span = c.view.whole
      ? wholeRunSpan(timeline, 'compressed')
      : defaultViewSpan(timeline, 'compressed');
    const last = timeline.endpoints[timeline.endpoints.length - 1];
    const quietLast = timeline.endpoints.length > 2 && keepsNoTcpState(last?.profile ?? '');
    const g = diagramGeometry(c, timeline.endpoints.length, span, { axis, quietLast });
    const facts = deriveTraceFacts(timeline.events, 'absolute', timeline.endpoints);
    const to = c.view.whole ? timeline.endTime : fromAxis(axis, 2 * span);
    const layout = diagramLayout(timeline, g, 0, to, facts);
    // A note merged into another, or hidden where it has no clear place, is not drawn.
    const notes = [...layout.notes.values()]
      .filter((n) => n.mergedInto === undefined && n.hidden !== true)
      .map((n) => ({ name: `note ${n.key}`, box: n.box }));
    const labels = [...layout.labels.values()].map((l) => ({
      name: `label "${l.text}"`,
      box: { x: l.x, y: l.y, width: l.width, height: l.height },
    }));
    const marks = [
      ...layout.lossMarks.flatMap((m) => [
        { name: `✕ of "${m.text}"`, box: m.cross },
        { name: `"${m.text}"`, box: m.words },
      ]),
      ...layout.breakLabels.map((b) => ({ name: `break at ${b.b.from}`, box: b.box })),
    ].filter((m) => m.box.width > 0);
    // Nothing crosses the diagram's left or right edge, where the SVG would cut it.
    const cut = [...notes, ...labels, ...marks]
      .filter(({ box }) => box.x - box.width / 2 < -0.5 || box.x + box.width / 2 > c.width + 0.5)
      .map(({ name }) => `${name} is cut at the edge`);
    expect([
      ...collisions(notes),
      ...collisions(notes, labels),
      ...collisions(notes, marks),
      ...collisions(marks),
      ...collisions(labels, marks),
      ...cut,
    ]).toEqual([]);
  });
});

describe("a SYN flood's server notes", () => {
  const preset = presets.find((p) => p.name === 'syn-flood');
  if (preset === undefined) throw new Error('syn-flood preset is missing');
  const timeline = buildTimeline(runScenario(preset.scenario));
  const axis = timeAxisOf(timeline, 'compressed');
  const span = wholeRunSpan(timeline, 'compressed');
  const g = diagramGeometry(SIZES[0] as (typeof SIZES)[0], 3, span, { axis, quietLast: true });
  const notes = [...laneNotes(timeline, g, 0, timeline.endTime)];
  const server = notes.filter((n) => n.endpoint === 'server' && n.mergedInto === undefined);
  const said = (n: LaneNote) => connectionNumbers(n.members.map((m) => m.n));

  it('say once what four half-open connections do at one moment, naming all four', () => {
    const entered = server.find(
      (n) => n.key === `state-${timeline.states.get('server')?.[1]?.index}`,
    );
    expect(entered && said(entered)).toBe('1–4');
    expect(entered && notePrefix(entered, Infinity)).toBe('1–4: ');
    // Before the cursor reaches the others, the note names only those it has seen.
    expect(entered && notePrefix(entered, entered.index)).toBe('1: ');
  });

  it("keep the client's connection apart, and the listening socket unnumbered", () => {
    expect(server.some((n) => said(n) === '5')).toBe(true);
    const listen = server.find(
      (n) => n.key === `state-${timeline.states.get('server')?.[0]?.index}`,
    );
    expect(listen?.members).toEqual([]);
  });

  // (In a 320 px embed the client's first SYN is still only counted in a crowd note.)
  it.each(SIZES.slice(0, 2).map((size) => [size.name, size] as const))(
    "label every segment of the client's own at %s, the flood's taking the room left",
    (_, size) => {
      // The view the preset opens with: its first window, the flood and the client's first SYNs.
      const first = defaultViewSpan(timeline, 'compressed');
      const at = diagramGeometry(size, 3, first, { axis, quietLast: true });
      const facts = deriveTraceFacts(timeline.events, 'absolute', timeline.endpoints);
      const layout = diagramLayout(timeline, at, 0, fromAxis(axis, 2 * first), facts);
      const counted = new Set([...layout.labels.values()].flatMap((l) => l.stands));
      const own = layout.spans.filter((s) => s.send.from === 'client' || s.send.to === 'client');
      expect(own.length).toBeGreaterThan(0);
      for (const span of own) {
        expect(layout.labels.has(String(span.id)), `#${span.id}`).toBe(true);
        expect(counted.has(String(span.id)), `#${span.id}`).toBe(false);
      }
      // The flood's labels are the ones that yield: some go uncounted by name or into a note.
      const flood = layout.spans.filter((s) => !own.includes(s));
      expect(flood.some((s) => !layout.labels.has(String(s.id)))).toBe(true);
    },
  );
});

describe("a bulk sender's notes", () => {
  it('stay beside their moment: the retransmission timer restarted on every ACK is one note', () => {
    const preset = presets.find((p) => p.name === 'slow-start');
    if (preset === undefined) throw new Error('slow-start preset is missing');
    const timeline = buildTimeline(runScenario(preset.scenario));
    const axis = timeAxisOf(timeline, 'compressed');
    const span = defaultViewSpan(timeline, 'compressed');
    const g = diagramGeometry(SIZES[0] as (typeof SIZES)[0], 2, span, { axis, quietLast: false });
    const lineHeight = g.noteSize + 4;
    const notes = laneNotes(timeline, g, 0, fromAxis(axis, 2 * span));
    const moved = notes
      .filter((n) => n.endpoint === 'client' && n.mergedInto === undefined)
      .flatMap((n) => {
        const timer = timeline.timers.find((x) => `timer-${x.setIndex}` === n.key);
        if (timer === undefined) return [];
        const off = Math.abs(n.y - timerNoteY(g, timer));
        return off > 3 * lineHeight ? [`${n.key} ${Math.round(off)} px from its moment`] : [];
      });
    expect(moved).toEqual([]);
    expect(notes.some((n) => n.mergedInto !== undefined && n.members.length === 0)).toBe(true);
  });
});
