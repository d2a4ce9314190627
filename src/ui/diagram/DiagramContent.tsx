/**
 * Everything drawn in the diagram's time coordinates for one render window: state tags, timers
 * and arrows with their labels. It renders again only when the window, the cursor, the run or the
 * selection change; the per-frame motion lives in motion values inside.
 */
import { memo, useMemo } from 'react';
import type { SegmentSpan, Timeline } from '../../store';
import { spansInWindow, stateChangesInWindow, timersInWindow } from '../../store';
import { segmentAccessibleName, segmentLabel, type TraceFacts } from '../format/segment-label';
import { timeY, type Geometry } from './geometry';
import { layoutLabels, type Obstacle, type PlacedLabel } from './label-layout';
import { laneNotes } from './lane-notes';
import { lostPoint, SegmentArrow, type ActivateHow, type ArrowEnds } from './SegmentArrow';
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
  markerIds: { client: string; server: string };
  onActivate: (id: number, how: ActivateHow) => void;
}

function spanKey(span: SegmentSpan): string {
  return span.copy ? `${span.id}-copy-${span.endAt}` : String(span.id);
}

interface Layout {
  spans: SegmentSpan[];
  ends: Map<string, ArrowEnds>;
  labels: Map<string, PlacedLabel>;
  notes: Map<string, number>;
}

function useLayout(props: DiagramContentProps): Layout {
  const { timeline, g, from, to, facts } = props;
  return useMemo(() => {
    const lane = new Map(timeline.endpoints.map((e, i) => [e.name, g.lifelineX[i] ?? 0]));
    const spans = spansInWindow(timeline, from, to);
    const ends = new Map<string, ArrowEnds>();
    const obstacles: Obstacle[] = [];
    const requests = spans.map((span) => {
      const key = spanKey(span);
      const arrow = {
        x1: lane.get(span.send.from) ?? 0,
        y1: timeY(g, span.sentAt),
        x2: lane.get(span.send.to) ?? 0,
        y2: timeY(g, span.crossingEndsAt),
      };
      ends.set(key, arrow);
      const text = labelTag(span) + segmentLabel(span.send, facts);
      if (span.outcome !== 'lost') return { key, text, ...arrow };
      // A lost segment's label sits on the part of the arrow it travelled, clear of its ✕.
      const stop = lostPoint(span, arrow);
      obstacles.push({
        x: stop.x,
        y: stop.y + g.fontSize * 0.6,
        width: g.fontSize * 3.2,
        height: g.fontSize * 2.6,
      });
      return { key, text, x1: arrow.x1, y1: arrow.y1, x2: stop.x, y2: stop.y };
    });
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
    return { spans, ends, labels, notes };
  }, [timeline, g, from, to, facts]);
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
  const sideOf = (span: SegmentSpan) =>
    span.send.from === timeline.endpoints[0]?.name ? ('client' as const) : ('server' as const);
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
            span={span}
            ends={ends}
            name={segmentAccessibleName(span.send, facts)}
            ended={span.endIndex >= 0 && span.endIndex <= cursor}
            selected={selectedId === span.id && !span.copy}
            side={side}
            markerId={markerIds[side]}
            originalY={original ? timeY(g, original.sentAt) : undefined}
            fontSize={g.fontSize}
            onActivate={onActivate}
          />
        );
      })}
      {sent.map((span) => {
        const key = spanKey(span);
        const label = layout.labels.get(key);
        if (!label) return null;
        return (
          <SegmentLabel
            key={`label-${key}`}
            span={span}
            label={label}
            side={sideOf(span)}
            selected={selectedId === span.id && !span.copy}
          />
        );
      })}
      <CrowdNotes labels={layout.labels} sent={sent.map(spanKey)} />
      <ScriptMarks timeline={timeline} g={g} sent={sent} ends={layout.ends} cursor={cursor} />
    </>
  );
});
