/**
 * Everything drawn in the diagram's time coordinates for one render window: state tags, timers
 * and arrows with their labels. It renders again only when the window, the cursor, the run or the
 * selection change; the per-frame motion lives in motion values inside.
 */
import { memo, useMemo } from 'react';
import type { AxisBreak, SegmentSpan, Timeline } from '../../store';
import { spansInWindow, stateChangesInWindow, timersInWindow } from '../../store';
import {
  flagsLabel,
  segmentAccessibleName,
  segmentLabel,
  type TraceFacts,
} from '../format/segment-label';
import { BreakLabels } from './AxisBreaks';
import { timeY, type Geometry } from './geometry';
import { layoutLabels, type Obstacle, type PlacedLabel } from './label-layout';
import { laneNotes } from './lane-notes';
import { placeBreakLabel, placeLossMarks, type LossMark, type LossRequest } from './marks-layout';
import { lossWords } from './loss-words';
import { burstLabel, floodBursts, type Burst } from './flood-bursts';
import {
  lostPoint,
  SegmentArrow,
  type ActivateHow,
  type ArrowEnds,
  type ArrowSide,
} from './SegmentArrow';
import { keepsNoTcpState } from '../format/stateless-endpoint';
import { CrowdNotes } from './CrowdNotes';
import { labelTag, SegmentLabel } from './SegmentLabel';
import { ScriptMarks } from './ScriptMarks';
import { StateTag } from './StateTag';
import { TimerBar } from './TimerBar';

export interface DiagramContentProps {
  timeline: Timeline;
  g: Geometry;
  from: number;
  to: number;
  cursor: number;
  facts: TraceFacts;
  selectedId: number | null;
  markerIds: Readonly<Record<ArrowSide, string>>;
  onActivate: (id: number, how: ActivateHow) => void;
}

function spanKey(span: SegmentSpan): string {
  return span.copy ? `${span.id}-copy-${span.endAt}` : String(span.id);
}

/** The lanes that keep no TCP state: a flood's spoofed sources (a load balancer is a middlebox). */
function spoofedNames(timeline: Timeline): Set<string> {
  return new Set(
    timeline.endpoints
      .filter((e) => keepsNoTcpState(e.profile) && e.profile !== 'balancer')
      .map((e) => e.name),
  );
}

/**
 * With a load balancer, the clients' side is left of its lane: what travels from there, or is
 * forwarded on from there (its destination rewritten), takes the client's colour.
 */
function balancerSide(timeline: Timeline): ((span: SegmentSpan) => ArrowSide) | undefined {
  const at = timeline.endpoints.findIndex((e) => e.profile === 'balancer');
  if (at < 0) return undefined;
  const clients = new Set(timeline.endpoints.slice(0, at).map((e) => e.name));
  return (span) =>
    clients.has(span.send.from) || span.send.rewrite?.field === 'dst' ? 'client' : 'server';
}

interface Layout {
  spans: SegmentSpan[];
  ends: Map<string, ArrowEnds>;
  labels: Map<string, PlacedLabel>;
  notes: Map<string, number>;
  /** Loss marks, each drawn once by its first key, standing for all its keys. */
  lossMarks: LossMark[];
  breakLabels: { b: AxisBreak; box: Obstacle }[];
  /** A flood's bursts, by each member's key: labelled once, with the count sent so far. */
  bursts: Map<string, Burst>;
}

function useLayout(props: DiagramContentProps): Layout {
  const { timeline, g, from, to, facts } = props;
  return useMemo(() => {
    const lane = new Map(timeline.endpoints.map((e, i) => [e.name, g.lifelineX[i] ?? 0]));
    const spans = spansInWindow(timeline, from, to);
    // The named ends' segments are labelled first; a flood's spoofed ones take the room left.
    const spoofed = spoofedNames(timeline);
    // A load balancer's health checks, too: they repeat, and the clients' segments tell the story.
    const priorityOf = (span: SegmentSpan) =>
      spoofed.has(span.send.from) || spoofed.has(span.send.to) || span.send.healthCheck ? 1 : 0;
    const ends = new Map<string, ArrowEnds>();
    const losses: LossRequest[] = [];
    const bursts = floodBursts(spans, spoofed, spanKey, (span) => flagsLabel(span.send.flags));
    const requests = spans.flatMap((span) => {
      const key = spanKey(span);
      const arrow = {
        x1: lane.get(span.send.from) ?? 0,
        y1: timeY(g, span.sentAt),
        x2: lane.get(span.send.to) ?? 0,
        y2: timeY(g, span.crossingEndsAt),
      };
      ends.set(key, arrow);
      const burst = bursts.get(key);
      // A burst is labelled once, on its first arrow, with its size.
      if (burst && burst.first !== key && span.outcome !== 'lost') return [];
      const text = burst
        ? burstLabel(burst, burst.keys.length, labelTag(span))
        : labelTag(span) + segmentLabel(span.send, facts);
      if (span.outcome !== 'lost') return { key, text, priority: priorityOf(span), ...arrow };
      // A lost segment's label sits on the part of the arrow it travelled, clear of its ✕.
      const stop = lostPoint(span, arrow);
      // A burst's mark counts its losses; the reason is the named end's to give (and the gauge's).
      const words = burst && span.dropReason === 'queue-full' ? 'dropped' : lossWords(span);
      // At a lifeline (refused on arrival, lost as sent) the words go towards the other end.
      const atEnd = span.reach >= 0.999 || span.reach <= 0.001;
      const towards = (span.reach >= 0.999 ? arrow.x1 - arrow.x2 : arrow.x2 - arrow.x1) < 0;
      const side = !atEnd ? 0 : towards ? -1 : 1;
      // A burst's losses share one mark, wherever each stopped.
      const kind = burst ? `burst ${burst.first}: ${words}` : `${span.send.from}: ${words}`;
      losses.push({ key, ...stop, kind, words, side, together: burst !== undefined });
      if (burst && burst.first !== key) return [];
      return {
        key,
        text,
        priority: priorityOf(span),
        x1: arrow.x1,
        y1: arrow.y1,
        ...{ x2: stop.x, y2: stop.y },
      };
    });
    const lossMarks = placeLossMarks(losses, g);
    const obstacles: Obstacle[] = lossMarks.flatMap((mark) => [mark.cross, mark.words]);
    // A break's "⋯ 59.95 s ⋯" keeps its place, clear of loss marks; labels go around it.
    const breakLabels = g.axis.breaks
      .filter((b) => b.to >= from && b.from <= to)
      .flatMap((b) => {
        const box = placeBreakLabel(b, timeY(g, b.from), timeY(g, b.to), g, obstacles);
        return box ? [{ b, box }] : [];
      });
    obstacles.push(...breakLabels.map((label) => label.box));
    const first = g.lifelineX[0] ?? 0;
    const last = g.lifelineX[g.lifelineX.length - 1] ?? g.width;
    const labels = new Map(
      layoutLabels(
        requests,
        {
          charWidth: g.charWidth,
          height: g.fontSize + 8,
          lineHeight: g.fontSize + 2,
          // Clear of the arrow heads (7 px): a little closer on phones, where width is scarce.
          minX: first + (g.compact ? 12 : 14),
          maxX: last - (g.compact ? 12 : 14),
        },
        obstacles,
      ).map((label) => [label.key, label]),
    );
    const notes = new Map(laneNotes(timeline, g, from, to).map((note) => [note.key, note.y]));
    return { spans, ends, labels, notes, lossMarks, breakLabels, bursts };
  }, [timeline, g, from, to, facts]);
}

/** For each loss mark to draw (by its first key lost now), the mark and how many it counts. */
function lossCounts(
  layout: Layout,
  cursor: number,
): Map<string, { mark: LossMark; count: number }> {
  const byKey = new Map(layout.spans.map((span) => [spanKey(span), span]));
  const counts = new Map<string, { mark: LossMark; count: number }>();
  for (const mark of layout.lossMarks) {
    const lost = mark.keys.filter((key) => {
      const span = byKey.get(key);
      return span !== undefined && span.endIndex >= 0 && span.endIndex <= cursor;
    });
    // Drawn at the stop of the first of the group to be lost, once any is.
    if (lost.length > 0) counts.set(lost[0] as string, { mark, count: lost.length });
  }
  return counts;
}

/** A burst's label counts only the segments sent by the cursor ("3 × SYN …" while it grows). */
function liveBurstLabel(
  label: PlacedLabel,
  burst: Burst | undefined,
  layout: Layout,
  cursor: number,
): PlacedLabel {
  if (burst === undefined) return label;
  const byKey = new Map(layout.spans.map((span) => [spanKey(span), span]));
  const sent = burst.keys.filter((key) => (byKey.get(key)?.sendIndex ?? Infinity) <= cursor);
  const total = `${burst.keys.length} ×`;
  const now = `${sent.length} ×`;
  return { ...label, lines: label.lines.map((line) => line.replace(total, now)) };
}

export const DiagramContent = memo(function DiagramContent(props: DiagramContentProps) {
  const { timeline, g, from, to, cursor, facts, selectedId, markerIds, onActivate } = props;
  const layout = useLayout(props);
  const lanes = timeline.endpoints.map((e, i) => ({
    endpoint: e,
    x: g.lifelineX[i] ?? 0,
    outward: (i === 0 ? -1 : 1) as -1 | 1,
  }));
  const laneOf = new Map(lanes.map((lane) => [lane.endpoint.name, lane]));
  const sent = layout.spans.filter((span) => span.sendIndex <= cursor);
  const losses = lossCounts(layout, cursor);
  const spoofed = spoofedNames(timeline);
  const balanced = balancerSide(timeline);
  const sideOf = (span: SegmentSpan): ArrowSide =>
    balanced
      ? balanced(span)
      : spoofed.has(span.send.from)
        ? 'attacker'
        : span.send.from === timeline.endpoints[0]?.name
          ? 'client'
          : 'server';
  return (
    <>
      {lanes.map(({ endpoint, x, outward }) =>
        stateChangesInWindow(timeline, endpoint.name, from, to)
          .filter((c) => c.index <= cursor)
          .map((change) => (
            <StateTag
              key={`state-${change.index}`}
              change={change}
              lifelineX={x}
              y={timeY(g, change.t)}
              noteY={layout.notes.get(`state-${change.index}`) ?? timeY(g, change.t)}
              outward={outward}
              fontSize={g.noteSize}
            />
          )),
      )}
      {timersInWindow(timeline, from, to)
        .filter((timer) => timer.setIndex <= cursor)
        .map((timer) => {
          const lane = laneOf.get(timer.endpoint);
          if (!lane) return null;
          return (
            <TimerBar
              key={`timer-${timer.setIndex}`}
              timer={timer}
              g={g}
              lifelineX={lane.x}
              outward={lane.outward}
              noteY={layout.notes.get(`timer-${timer.setIndex}`) ?? timeY(g, timer.setAt)}
              ended={timer.endIndex >= 0 && timer.endIndex <= cursor}
            />
          );
        })}
      {sent.map((span) => {
        const key = spanKey(span);
        const ends = layout.ends.get(key) as ArrowEnds;
        const side = sideOf(span);
        const original =
          span.send.original !== undefined ? timeline.spanById.get(span.send.original) : undefined;
        return (
          <SegmentArrow
            key={key}
            arrowKey={key}
            span={span}
            ends={ends}
            name={segmentAccessibleName(span.send, facts)}
            ended={span.endIndex >= 0 && span.endIndex <= cursor}
            selected={selectedId === span.id && !span.copy}
            side={side}
            markerId={markerIds[side]}
            originalY={original ? timeY(g, original.sentAt) : undefined}
            fontSize={g.fontSize}
            loss={losses.get(key)}
            onActivate={onActivate}
          />
        );
      })}
      {sent.map((span) => {
        const key = spanKey(span);
        const placed = layout.labels.get(key);
        if (!placed) return null;
        const label = liveBurstLabel(placed, layout.bursts.get(key), layout, cursor);
        return (
          <SegmentLabel
            key={`label-${key}`}
            span={span}
            label={label}
            ends={layout.ends.get(key) as ArrowEnds}
            side={sideOf(span)}
            selected={selectedId === span.id && !span.copy}
          />
        );
      })}
      <BreakLabels labels={layout.breakLabels} fontSize={g.noteSize} />
      <CrowdNotes labels={layout.labels} sent={sent.map(spanKey)} />
      <ScriptMarks timeline={timeline} g={g} sent={sent} ends={layout.ends} cursor={cursor} />
    </>
  );
});
