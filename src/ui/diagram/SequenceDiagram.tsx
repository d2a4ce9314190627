/**
 * The sequence diagram: a lifeline per endpoint under its state badge, time running down, each
 * segment an arrow from send to arrival. The view follows the playhead (a motion value scrolls the
 * content) and only the arrows near the view are rendered, so a 10,000-segment run stays light.
 */
import { useCallback, useId, useMemo, useRef } from 'react';
import type { LabState } from '../../store';
import { fromAxis, isInFlight, timeAxisOf, toAxis, useLab, useLabStore } from '../../store';
import { usePlayhead } from '../connected/playhead';
import { selectTraceFacts } from '../connected/trace-facts';
import { useDerived } from '../connected/use-derived';
import { useMotionAttribute } from '../connected/use-motion-attribute';
import { useElementSize } from '../connected/use-element-size';
import { FOCUS_HOME } from '../controls/focus-home';
import { AxisBreaks } from './AxisBreaks';
import { keepsNoTcpState } from '../format/stateless-endpoint';
import { ConnectionLegend } from './ConnectionLegend';
import { DiagramContent } from './DiagramContent';
import { diagramGeometry, renderWindow, timeY, viewStartAt } from './geometry';
import { laneNotes } from './lane-notes';
import { LifelineHeads } from './LifelineHeads';
import { headMetricsStyle } from './head-metrics';
import { PlayheadLine } from './PlayheadLine';
import { placePlayheadLabel, playheadLabelSize, type PlayheadLabelClear } from './playhead-label';
import type { ActivateHow } from './SegmentArrow';
import styles from './SequenceDiagram.module.css';
import { TimeGrid } from './TimeGrid';
import { firstUnreachedBreak } from './unreached-breaks';

const selectTimeline = (s: LabState) => s.timeline;
const selectViewSpan = (s: LabState) => s.viewSpan;
const selectCursor = (s: LabState) => s.cursor;
const selectSelectedId = (s: LabState) => s.selectedId;
const selectAxis = (s: LabState) => timeAxisOf(s.timeline, s.timeAxis);
const selectLarge = (s: LabState) => s.largeType || s.presenting;
const selectWindowBlock = (s: LabState) => {
  const axis = selectAxis(s);
  return renderWindow(toAxis(axis, s.t), s.viewSpan, axis.end).block;
};
const selectZoomIn = (s: LabState) => s.zoomIn;
const selectZoomOut = (s: LabState) => s.zoomOut;

export function SequenceDiagram() {
  const canvas = useRef<HTMLDivElement>(null);
  const size = useElementSize(canvas);
  const store = useLabStore();
  const timeline = useLab(selectTimeline);
  const viewSpan = useLab(selectViewSpan);
  const cursor = useLab(selectCursor);
  const selectedId = useLab(selectSelectedId);
  const block = useLab(selectWindowBlock);
  const facts = useLab(selectTraceFacts);
  const zoomIn = useLab(selectZoomIn);
  const zoomOut = useLab(selectZoomOut);
  const axis = useLab(selectAxis);
  const large = useLab(selectLarge);
  const playhead = usePlayhead();
  const quietLast = useMemo(() => {
    const last = timeline.endpoints[timeline.endpoints.length - 1];
    return timeline.endpoints.length > 2 && last !== undefined && keepsNoTcpState(last.profile);
  }, [timeline]);
  const g = useMemo(
    () => diagramGeometry(size, timeline.endpoints.length, viewSpan, { large, axis, quietLast }),
    [size, timeline.endpoints.length, viewSpan, large, axis, quietLast],
  );
  const scroll = useDerived(
    playhead,
    useCallback(
      (t: number) =>
        `translate(0 ${-viewStartAt(toAxis(axis, t), viewSpan, axis.end) * g.pxPerMs})`,
      [viewSpan, axis, g.pxPerMs],
    ),
  );
  const content = useRef<SVGGElement>(null);
  useMotionAttribute(content, 'transform', scroll);
  // The render window, from the axis back to virtual time.
  const half = viewSpan / 2;
  const from = fromAxis(axis, (block - 1) * half);
  const to = fromAxis(axis, (block + 4) * half);
  // The grid and the breaks stop where the run has not been yet (unreached-breaks.ts).
  const unreached = useMemo(
    () => firstUnreachedBreak(axis, timeline, cursor),
    [axis, timeline, cursor],
  );
  const gridTo = Math.min(to, unreached);
  // The playhead's label sits in the time gutter beside the tick labels on wide screens (a tick's
  // time it would touch gives way, TimeGrid); with no gutter (narrow screens) it shares the left
  // margin with the first lifeline's notes and steps around them. Either way it keeps off the
  // axis breaks drawn.
  const labelClear = useMemo((): PlayheadLabelClear => {
    const first = timeline.endpoints[0]?.name;
    const notes =
      g.gutter > 0
        ? []
        : laneNotes(timeline, g, from, to)
            .filter((note) => note.endpoint === first && note.index <= cursor)
            .map((note) => note.y);
    const bands = g.axis.breaks
      .filter((b) => b.to >= from && b.from <= to && b.from < unreached)
      .flatMap((b) => [timeY(g, b.from), timeY(g, b.to)]);
    return { notes: Float64Array.from(notes).sort(), bands: Float64Array.from(bands) };
  }, [timeline, g, from, to, unreached, cursor]);
  const labelSize = playheadLabelSize(g.fontSize);
  const labelPlace = useDerived(
    playhead,
    useCallback(
      (t: number) => placePlayheadLabel(timeY(g, t), labelClear, labelSize, g.noteSize),
      [g, labelClear, labelSize],
    ),
  );
  const baseId = useId().replace(/:/g, '');
  const markerIds = useMemo(
    () => ({
      client: `${baseId}-head-client`,
      server: `${baseId}-head-server`,
      attacker: `${baseId}-head-attacker`,
    }),
    [baseId],
  );
  const onActivate = useCallback(
    (id: number, how: ActivateHow) => {
      const state = store.getState();
      const span = state.timeline.spanById[id];
      if (!span) return;
      // Clicking a segment on the wire loses it (the future forks); any click selects it.
      if (how !== 'select' && isInFlight(span, state.t, state.cursor)) state.dropSegment(id);
      store.getState().select(id);
    },
    [store],
  );
  return (
    // Focus returns here after a select choice or a slider drag (focus-home.ts), so the next
    // key drives the run; the figure is not a Tab stop itself.
    <figure
      className={styles.figure}
      style={headMetricsStyle(large)}
      aria-label="Sequence diagram"
      tabIndex={-1}
      {...FOCUS_HOME}
    >
      <LifelineHeads endpoints={timeline.endpoints} g={g} />
      <ConnectionLegend timeline={timeline} compact={g.compact} />
      <div className={styles.zoom}>
        <button type="button" onClick={zoomIn} aria-label="Zoom in" title="Zoom in">
          +
        </button>
        <button type="button" onClick={zoomOut} aria-label="Zoom out" title="Zoom out">
          −
        </button>
      </div>
      <div ref={canvas} className={styles.canvas}>
        <svg
          className={styles.svg}
          width={size.width}
          height={size.height}
          // Labels are laid out for this size (geometry.ts); text without its own size uses it.
          fontSize={g.fontSize}
          role="group"
          aria-label="Segments over time"
        >
          <defs>
            {(['client', 'server', 'attacker'] as const).map((side) => (
              <marker
                key={side}
                id={markerIds[side]}
                className={styles[`marker-${side}`]}
                viewBox="0 0 10 10"
                refX="9"
                refY="5"
                markerWidth="7"
                markerHeight="7"
                orient="auto-start-reverse"
              >
                <path d="M 0 0 L 10 5 L 0 10 z" />
              </marker>
            ))}
          </defs>
          {g.lifelineX.map((x, i) => (
            <line
              key={i}
              className={styles.lifeline}
              x1={x}
              x2={x}
              y1={0}
              y2={size.height}
              aria-hidden="true"
            />
          ))}
          <g ref={content} transform={scroll.get()}>
            <TimeGrid g={g} from={from} to={gridTo} endTime={timeline.endTime} place={labelPlace} />
            <AxisBreaks g={g} from={from} to={to} unreached={unreached} />
            <PlayheadLine g={g} place={labelPlace} />
            <DiagramContent
              timeline={timeline}
              g={g}
              from={from}
              to={to}
              cursor={cursor}
              unreached={unreached}
              facts={facts}
              selectedId={selectedId}
              markerIds={markerIds}
              onActivate={onActivate}
            />
          </g>
        </svg>
      </div>
    </figure>
  );
}
