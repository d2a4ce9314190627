/**
 * The breaks of a compressed time axis: where nothing was on the wire for a long while (a minute
 * of TIME-WAIT, a doubling retransmission timeout), the diagram skips ahead. Each break is a band
 * across the lanes, its lifelines cut with a double slash, and the words "⋯ 59.95 s ⋯" saying how
 * long the quiet lasted (drawn above the arrows, BreakLabels); the timers running through it keep
 * their bars and brackets.
 */
import { memo } from 'react';
import type { AxisBreak } from '../../store';
import { breakLabel } from './break-label';
import { timeY, type Geometry } from './geometry';
import type { Obstacle } from './label-boxes';
import styles from './SequenceDiagram.module.css';

export const AxisBreaks = memo(function AxisBreaks(props: {
  g: Geometry;
  from: number;
  to: number;
  /** Where the first break the run has not reached starts (unreached-breaks.ts). */
  unreached: number;
}) {
  const { g, from, to, unreached } = props;
  const breaks = g.axis.breaks.filter((b) => b.to >= from && b.from <= to && b.from < unreached);
  const slash = Math.min(6, g.axis.breakLength * g.pxPerMs * 0.2);
  return (
    <g className={styles.breaks} aria-hidden="true">
      {breaks.map((b) => {
        const top = timeY(g, b.from);
        const bottom = timeY(g, b.to);
        const mid = (top + bottom) / 2;
        return (
          <g key={b.from}>
            <rect
              data-break-band=""
              className={styles.breakBand}
              x={g.gutter}
              y={top}
              width={g.width}
              height={bottom - top}
            />
            <line className={styles.breakEdge} x1={g.gutter} x2={g.width} y1={top} y2={top} />
            <line className={styles.breakEdge} x1={g.gutter} x2={g.width} y1={bottom} y2={bottom} />
            {g.lifelineX.map((x) => (
              <path
                key={x}
                className={styles.breakSlash}
                d={`M ${x - 7} ${mid - slash + 3} L ${x + 7} ${mid - slash - 3} M ${x - 7} ${mid + slash + 3} L ${x + 7} ${mid + slash - 3}`}
              />
            ))}
          </g>
        );
      })}
    </g>
  );
});

/** The words of each break, at the spots the layout chose (clear of loss marks). */
export function BreakLabels(props: {
  labels: readonly { readonly b: AxisBreak; readonly box: Obstacle }[];
  fontSize: number;
}) {
  return (
    <g className={styles.breaks} aria-hidden="true">
      {props.labels.map(({ b, box }) => (
        <g key={b.from} data-mark="break">
          {/* Opaque, so the playhead crossing the break passes beneath the words. */}
          <rect
            className={styles.breakBox}
            x={box.x - box.width / 2}
            y={box.y - box.height / 2}
            width={box.width}
            height={box.height}
          />
          <text
            className={styles.breakText}
            x={box.x}
            y={box.y}
            textAnchor="middle"
            dominantBaseline="central"
            fontSize={props.fontSize}
          >
            {breakLabel(b)}
          </text>
        </g>
      ))}
    </g>
  );
}
