/**
 * Where everything written in the diagram goes for one render window, computed together so that
 * nothing overprints anything else: first what has a fixed place (the notes beside each lifeline,
 * loss marks, a script's ✕ marks, the words of the time axis's breaks), then the segment labels
 * and the labels of ghost segments (a script's expected segment never sent, the engine's segment
 * beside a replayed capture's) around them. A pure function of the run and the geometry, so a
 * test can lay out every preset without a browser.
 */
import type { AxisBreak, SegmentSpan, Timeline } from '../../store';
import { spansInWindow } from '../../store';
import { flagsLabel, segmentLabel, type TraceFacts } from '../format/segment-label';
import { keepsNoTcpState } from '../format/stateless-endpoint';
import { burstLabel, floodBursts, type Burst } from './flood-bursts';
import { timeY, type Geometry } from './geometry';
import { boxAt, overlaps } from './label-boxes';
import { layoutLabels, type LabelRequest, type Obstacle, type PlacedLabel } from './label-layout';
import { laneNotes, notesClearOfMarks, type LaneNote } from './lane-notes';
import { lossWords } from './loss-words';
import {
  placeBreakLabels,
  placeCrosses,
  placeLossWords,
  type LossMark,
  type LossRequest,
} from './marks-layout';
import { lostPoint, type ArrowEnds } from './SegmentArrow';
import { labelTag } from './SegmentLabel';

/** A segment a script expected and the engine never sent, or the engine's beside a capture's. */
export interface Ghost {
  readonly t: number;
  readonly endsAt: number;
  readonly line: number;
  readonly from: string;
  readonly to: string;
  readonly expected: string;
  readonly caption?: string;
  readonly note?: string;
}

/** A ✕ on an arrow a script line rejected, or a replayed capture's segment the engine differs on. */
export interface MismatchMark {
  readonly key: string;
  readonly x: number;
  readonly y: number;
  readonly word: string;
  /** The ✕ and its word, as one obstacle. */
  readonly box: Obstacle;
}

export interface DiagramLayout {
  spans: SegmentSpan[];
  ends: Map<string, ArrowEnds>;
  labels: Map<string, PlacedLabel>;
  notes: Map<string, LaneNote>;
  /** Loss marks, each drawn once by its first key, standing for all its keys. */
  lossMarks: LossMark[];
  breakLabels: { b: AxisBreak; box: Obstacle }[];
  /** A flood's bursts, by each member's key: labelled once, with the count sent so far. */
  bursts: Map<string, Burst>;
  mismatches: Map<string, MismatchMark>;
  /** Ghost labels by `ghost-<line>`. */
  ghostLabels: Map<string, PlacedLabel>;
}

export function spanKey(span: SegmentSpan): string {
  return span.copy ? `${span.id}-copy-${span.endAt}` : String(span.id);
}

/** The lanes that keep no TCP state: a flood's spoofed sources (a load balancer is a middlebox). */
export function spoofedNames(timeline: Timeline): Set<string> {
  return new Set(
    timeline.endpoints
      .filter((e) => keepsNoTcpState(e.profile) && e.profile !== 'balancer')
      .map((e) => e.name),
  );
}

export const ghostKey = (ghost: Ghost) => `ghost-${ghost.line}`;

/** The words a ghost says: its segment, then why it is a ghost. */
export function ghostLines(ghost: Ghost): [string, string] {
  return [
    ghost.caption ?? `expected: ${ghost.expected}`,
    ghost.note ?? `(never sent · line ${ghost.line})`,
  ];
}

/** Fractions along its arrow tried for a script's ✕, best first: near the head, where judged. */
const MISMATCH_SPOTS = [0.82, 0.7, 0.58, 0.46, 0.34];

/**
 * Where a script's ✕ goes: just before the arrow head, where the script judged the segment, or
 * further back along the arrow when an earlier ✕ stands there (a resent segment close behind).
 */
function mismatchMark(
  key: string,
  arrow: ArrowEnds,
  word: string,
  g: Geometry,
  earlier: Iterable<MismatchMark>,
): MismatchMark {
  const r = g.noteSize * 0.45;
  const width = Math.max(3 * r, word.length * g.charWidth * (g.noteSize / g.fontSize) + 6);
  const taken = [...earlier].map((m) => boxAt(m.box.x, m.box.y, m.box.width, m.box.height));
  const at = (f: number): MismatchMark => {
    const x = arrow.x1 + (arrow.x2 - arrow.x1) * f;
    const y = arrow.y1 + (arrow.y2 - arrow.y1) * f;
    const top = y - r * 1.5;
    const bottom = y + r * 1.5 + g.noteSize * 1.4;
    return { key, x, y, word, box: { x, y: (top + bottom) / 2, width, height: bottom - top } };
  };
  const spots = MISMATCH_SPOTS.map(at);
  const free = spots.find((spot) => {
    const box = boxAt(spot.box.x, spot.box.y, spot.box.width, spot.box.height);
    return !taken.some((other) => overlaps(box, other));
  });
  return free ?? (spots[0] as MismatchMark);
}

export function diagramLayout(
  timeline: Timeline,
  g: Geometry,
  from: number,
  to: number,
  facts: TraceFacts,
  ghosts: readonly Ghost[] = [],
): DiagramLayout {
  const lane = new Map(timeline.endpoints.map((e, i) => [e.name, g.lifelineX[i] ?? 0]));
  const spans = spansInWindow(timeline, from, to);
  // The named ends' segments are labelled first; a flood's spoofed ones take the room left.
  const spoofed = spoofedNames(timeline);
  // A load balancer's health checks, too: they repeat, and the clients' segments tell the story.
  const priorityOf = (span: SegmentSpan) =>
    spoofed.has(span.send.from) || spoofed.has(span.send.to) || span.send.healthCheck ? 1 : 0;
  const ends = new Map<string, ArrowEnds>();
  const losses: LossRequest[] = [];
  const mismatches = new Map<string, MismatchMark>();
  const bursts = floodBursts(spans, spoofed, spanKey, (span) => flagsLabel(span.send.flags));
  const explained = new Set<string>();
  const requests: LabelRequest[] = spans.flatMap((span) => {
    const key = spanKey(span);
    const arrow = {
      x1: lane.get(span.send.from) ?? 0,
      y1: timeY(g, span.sentAt),
      x2: lane.get(span.send.to) ?? 0,
      y2: timeY(g, span.crossingEndsAt),
    };
    ends.set(key, arrow);
    const replayed = span.send.replay !== undefined;
    if ((span.send.script?.verdict === 'failed' || replayed) && !span.copy) {
      const word = replayed ? 'differs' : 'mismatch';
      mismatches.set(key, mismatchMark(key, arrow, word, g, mismatches.values()));
    }
    const burst = bursts.get(key);
    // A burst is labelled once, on its first arrow, with its size.
    if (burst && burst.first !== key && span.outcome !== 'lost') return [];
    const text = burst
      ? burstLabel(burst, burst.keys.length, labelTag(span))
      : labelTag(span) + segmentLabel(span.send, facts);
    if (span.outcome !== 'lost') return [{ key, text, priority: priorityOf(span), ...arrow }];
    // A lost segment's label sits on the part of the arrow it travelled, clear of its ✕.
    const stop = lostPoint(span, arrow);
    // A burst's mark counts its losses; the reason is the named end's to give (and the gauge's).
    // A reason once given ("dropped: SYN queue full") is not repeated on each later refusal of
    // the same sender (the client's backed-off SYNs): "dropped" says it, and the narration
    // and the gauge say why again.
    const full = lossWords(span);
    const said = `${span.send.from}: ${full}`;
    const repeated = explained.has(said) && full.includes(': ');
    explained.add(said);
    const words =
      (burst && span.dropReason === 'queue-full') || repeated ? (full.split(':')[0] ?? full) : full;
    // At a lifeline (refused on arrival, lost as sent) the words go towards the other end.
    const atEnd = span.reach >= 0.999 || span.reach <= 0.001;
    const towards = (span.reach >= 0.999 ? arrow.x1 - arrow.x2 : arrow.x2 - arrow.x1) < 0;
    const side = !atEnd ? 0 : towards ? -1 : 1;
    // A burst's losses share one mark, wherever each stopped.
    const kind = burst ? `burst ${burst.first}: ${words}` : `${span.send.from}: ${words}`;
    losses.push({ key, ...stop, kind, words, side, together: burst !== undefined });
    if (burst && burst.first !== key) return [];
    return [
      { key, text, priority: priorityOf(span), x1: arrow.x1, y1: arrow.y1, x2: stop.x, y2: stop.y },
    ];
  });
  // A ✕ marks where its segment stopped and keeps that place (it does not depend on what its
  // words avoid); notes under one move off it before the words and labels go around them.
  const lossCrosses = placeCrosses(losses, g);
  const notes = notesClearOfMarks(
    laneNotes(timeline, g, from, to),
    lossCrosses.crosses,
    g.noteSize + 4,
  );
  const noteBoxes = notes
    .filter((n) => n.mergedInto === undefined && n.hidden !== true)
    .map((n) => n.box);
  const scriptBoxes = [...mismatches.values()].map((m) => m.box);
  const lossMarks = placeLossWords(lossCrosses, g, [...noteBoxes, ...scriptBoxes]);
  const obstacles: Obstacle[] = [
    ...noteBoxes,
    ...scriptBoxes,
    ...lossMarks.flatMap((mark) => [mark.cross, mark.words]),
  ];
  // A break's "⋯ 59.95 s ⋯" keeps its place, clear of loss marks; labels go around it. It stays
  // off the middles of the named ends' arrows, where their labels go first.
  const named = requests
    .filter((r) => (r.priority ?? 0) === 0)
    .map((r) => ({
      x: (r.x1 + r.x2) / 2,
      y: (r.y1 + r.y2) / 2,
      width: r.text.length * g.charWidth + 12,
      height: g.fontSize + 8,
    }));
  const breakLabels = placeBreakLabels(
    g.axis.breaks
      .filter((b) => b.to >= from && b.from <= to)
      .map((b) => ({ b, top: timeY(g, b.from), bottom: timeY(g, b.to) })),
    g,
    obstacles,
    named,
  );
  obstacles.push(...breakLabels.map((label) => label.box));
  const ghostRequests: LabelRequest[] = ghosts
    .filter((m) => m.endsAt >= from && m.t <= to)
    .map((m) => ({
      key: ghostKey(m),
      text: ghostLines(m).join(' '),
      lines: ghostLines(m),
      x1: lane.get(m.from) ?? 0,
      y1: timeY(g, m.t),
      x2: lane.get(m.to) ?? 0,
      y2: timeY(g, m.endsAt),
    }));
  const first = g.lifelineX[0] ?? 0;
  const last = g.lifelineX[g.lifelineX.length - 1] ?? g.width;
  const placed = layoutLabels(
    [...requests, ...ghostRequests],
    {
      charWidth: g.charWidth,
      height: g.fontSize + 8,
      lineHeight: g.fontSize + 2,
      // Clear of the arrow heads (7 px): a little closer on phones, where width is scarce.
      minX: first + (g.compact ? 12 : 14),
      maxX: last - (g.compact ? 12 : 14),
      // Clear of the top edge, where text fades (SequenceDiagram.module.css, .svg's mask).
      minY: g.fontSize,
    },
    obstacles,
  );
  const labels = new Map<string, PlacedLabel>();
  const ghostLabels = new Map<string, PlacedLabel>();
  for (const label of placed) {
    (label.key.startsWith('ghost-') ? ghostLabels : labels).set(label.key, label);
  }
  return {
    spans,
    ends,
    labels,
    notes: new Map(notes.map((note) => [note.key, note])),
    lossMarks,
    breakLabels,
    bursts,
    mismatches,
    ghostLabels,
  };
}
