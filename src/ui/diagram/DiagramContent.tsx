/**
 * Everything drawn in the diagram's time coordinates for one render window: state tags, timers
 * and arrows with their labels. It renders again only when the window, the cursor, the run or the
 * selection change; the per-frame motion lives in motion values inside.
 */
import { memo, useMemo } from 'react';
import type { LabState, SegmentSpan, Timeline } from '../../store';
import {
  childNumber,
  connectionsOf,
  stateChangesInWindow,
  timersInWindow,
  useLab,
} from '../../store';
import { segmentAccessibleName, type TraceFacts } from '../format/segment-label';
import { BreakLabels } from './AxisBreaks';
import {
  diagramLayout,
  spanKey,
  spoofedNames,
  type DiagramLayout,
  type Ghost,
} from './diagram-layout';
import { timeY, type Geometry } from './geometry';
import type { PlacedLabel } from './label-layout';
import { noteRoom, noteX, notePrefix } from './lane-notes';
import type { LossMark } from './marks-layout';
import type { Burst } from './flood-bursts';
import { SegmentArrow, type ActivateHow, type ArrowEnds, type ArrowSide } from './SegmentArrow';
import { CrowdNotes } from './CrowdNotes';
import { LossMarks } from './LossMarks';
import { SegmentLabel } from './SegmentLabel';
import { ScriptMarks } from './ScriptMarks';
import { StateTag } from './StateTag';
import { TimerBar } from './TimerBar';

export interface DiagramContentProps {
  timeline: Timeline;
  g: Geometry;
  from: number;
  to: number;
  cursor: number;
  /** Where the first break the run has not reached starts (unreached-breaks.ts). */
  unreached: number;
  facts: TraceFacts;
  selectedId: number | null;
  markerIds: Readonly<Record<ArrowSide, string>>;
  onActivate: (id: number, how: ActivateHow) => void;
}

const selectGhosts = (s: LabState): readonly Ghost[] | undefined =>
  s.scriptRun?.missing ?? s.captureRun?.replay?.ghosts;

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

type Layout = DiagramLayout;

function useLayout(props: DiagramContentProps): Layout {
  const { timeline, g, from, to, facts } = props;
  const ghosts = useLab(selectGhosts);
  return useMemo(
    () => diagramLayout(timeline, g, from, to, facts, ghosts),
    [timeline, g, from, to, facts, ghosts],
  );
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
  const { timeline, g, from, to, cursor, unreached, facts, selectedId, markerIds, onActivate } =
    props;
  const layout = useLayout(props);
  const lanes = timeline.endpoints.map((e, i) => ({
    endpoint: e,
    x: g.lifelineX[i] ?? 0,
    noteX: noteX(timeline, g, i),
    room: noteRoom(timeline, g, i),
    outward: (i === 0 ? -1 : 1) as -1 | 1,
  }));
  const connections = connectionsOf(timeline);
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
      {sent.map((span) => {
        const key = spanKey(span);
        const ends = layout.ends.get(key) as ArrowEnds;
        const side = sideOf(span);
        const original =
          span.send.original !== undefined ? timeline.spanById[span.send.original] : undefined;
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
            onActivate={onActivate}
          />
        );
      })}
      {/* The notes over the arrows: a flood's bundle crosses a middle lifeline's notes. */}
      {lanes.map(({ endpoint, x, noteX: textX, room, outward }) =>
        stateChangesInWindow(timeline, endpoint.name, from, to)
          .filter((c) => c.index <= cursor)
          .map((change) => {
            const note = layout.notes.get(`state-${change.index}`);
            return (
              <StateTag
                key={`state-${change.index}`}
                change={change}
                lifelineX={x}
                y={timeY(g, change.t)}
                noteY={note?.y ?? timeY(g, change.t)}
                noteX={textX}
                room={room}
                outward={outward}
                fontSize={g.noteSize}
                prefix={notePrefix(note, cursor)}
                connection={note?.members[0]?.n}
                noteHidden={note?.mergedInto !== undefined || note?.hidden === true}
              />
            );
          }),
      )}
      {timersInWindow(timeline, from, to)
        .filter((timer) => timer.setIndex <= cursor)
        .map((timer) => {
          const lane = laneOf.get(timer.endpoint);
          if (!lane) return null;
          const note = layout.notes.get(`timer-${timer.setIndex}`);
          return (
            <TimerBar
              key={`timer-${timer.setIndex}`}
              timer={timer}
              g={g}
              lifelineX={lane.x}
              outward={lane.outward}
              noteY={note?.y ?? timeY(g, timer.setAt)}
              noteX={lane.noteX}
              room={lane.room}
              noteBox={note?.box}
              prefix={notePrefix(note, cursor)}
              noteHidden={note?.mergedInto !== undefined || note?.hidden === true}
              connection={childNumber(connections, timer.endpoint, timer.connection)}
              ended={timer.endIndex >= 0 && timer.endIndex <= cursor}
            />
          );
        })}
      <LossMarks
        marks={sent.flatMap((span) => {
          const key = spanKey(span);
          const loss = losses.get(key);
          const ended = span.endIndex >= 0 && span.endIndex <= cursor;
          return loss && span.outcome === 'lost' && ended ? [{ key, ...loss }] : [];
        })}
        fontSize={g.fontSize}
      />
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
      <BreakLabels
        labels={layout.breakLabels.filter(({ b }) => b.from < unreached)}
        fontSize={g.noteSize}
      />
      <CrowdNotes labels={layout.labels} sent={sent.map(spanKey)} />
      <ScriptMarks
        timeline={timeline}
        g={g}
        sent={sent}
        mismatches={layout.mismatches}
        ghostLabels={layout.ghostLabels}
        cursor={cursor}
      />
    </>
  );
});
