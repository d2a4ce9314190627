import { memo } from 'react';
import { formatTime, tickStep, timeY, type Geometry } from './geometry';
import styles from './SequenceDiagram.module.css';

/** The round-number moments ticked in the window [from, to]. */
export function gridTicks(g: Geometry, from: number, to: number, endTime: number): number[] {
  const step = tickStep(g.pxPerMs);
  const ticks: number[] = [];
  const last = Math.min(to, endTime + step);
  for (let t = Math.max(0, Math.ceil(from / step) * step); t <= last; t += step) ticks.push(t);
  return ticks;
}

/** Round-number time ticks across the diagram, written in the left gutter. */
export const TimeGrid = memo(function TimeGrid(props: {
  g: Geometry;
  from: number;
  to: number;
  endTime: number;
}) {
  const { g, from, to, endTime } = props;
  const ticks = gridTicks(g, from, to, endTime);
  return (
    <g className={styles.grid} aria-hidden="true">
      {ticks.map((t) => (
        <g key={t}>
          <line x1={g.gutter} x2={g.width} y1={timeY(g, t)} y2={timeY(g, t)} />
          {g.gutter > 0 && (
            <text x={g.gutter - 8} y={timeY(g, t)} textAnchor="end" dominantBaseline="central">
              {formatTime(t)}
            </text>
          )}
        </g>
      ))}
    </g>
  );
});
