import type { MotionValue } from 'framer-motion';
import { memo, useLayoutEffect, useRef } from 'react';
import { formatTime, tickStep, timeY, type Geometry } from './geometry';
import { tickGivesWay, type PlayheadLabelPlace } from './playhead-label';
import styles from './SequenceDiagram.module.css';

/**
 * The round-number moments ticked in the window [from, to]. None inside a break of the time axis
 * nor closer to one than a third of a step: the break says its own length, and the ticks on
 * either side keep their true spacing.
 */
export function gridTicks(g: Geometry, from: number, to: number, endTime: number): number[] {
  const step = tickStep(g.pxPerMs);
  const ticks: number[] = [];
  const last = Math.min(to, endTime + step);
  const breaks = g.axis.breaks.filter((b) => b.to >= from && b.from <= to);
  for (const [start, end] of pieces(from, last, breaks, step / 3)) {
    for (let t = Math.max(0, Math.ceil(start / step) * step); t <= end; t += step) ticks.push(t);
  }
  return ticks;
}

/** [from, to] without the breaks (each widened by `clear` on either side). */
function pieces(
  from: number,
  to: number,
  breaks: readonly { from: number; to: number }[],
  clear: number,
): [number, number][] {
  const result: [number, number][] = [];
  let start = from;
  for (const b of breaks) {
    if (b.from - clear > start) result.push([start, b.from - clear]);
    start = Math.max(start, b.to + clear);
  }
  if (start <= to) result.push([start, to]);
  return result;
}

/**
 * Round-number time ticks across the diagram, written in the left gutter; a tick's time the
 * playhead's label (at `place`) would touch is hidden while it is there, with no React render.
 */
export const TimeGrid = memo(function TimeGrid(props: {
  g: Geometry;
  from: number;
  to: number;
  endTime: number;
  place: MotionValue<PlayheadLabelPlace>;
}) {
  const { g, from, to, endTime, place } = props;
  const ticks = gridTicks(g, from, to, endTime);
  const group = useRef<SVGGElement>(null);
  useLayoutEffect(() => {
    const texts = [...(group.current?.querySelectorAll('text') ?? [])];
    const first = texts[0];
    if (!first) return;
    // The type's size comes from the stylesheet (larger in projector-size type): read once.
    const tickSize = parseFloat(getComputedStyle(first).fontSize) || g.fontSize;
    const ys = texts.map((text) => Number(text.getAttribute('y')));
    const hidden = texts.map(() => false);
    const apply = (label: PlayheadLabelPlace) => {
      texts.forEach((text, i) => {
        const hide = tickGivesWay(ys[i] as number, tickSize, label);
        if (hide === hidden[i]) return;
        hidden[i] = hide;
        if (hide) text.setAttribute('visibility', 'hidden');
        else text.removeAttribute('visibility');
      });
    };
    apply(place.get());
    return place.on('change', apply);
  }, [place, ticks.length, from, to, g]);
  return (
    <g ref={group} className={styles.grid} aria-hidden="true">
      {ticks.map((t) => (
        <g key={t}>
          <line x1={g.gutter} x2={g.width} y1={timeY(g, t)} y2={timeY(g, t)} />
          {g.gutter > 0 && (
            <text
              data-tick=""
              x={g.gutter - 8}
              y={timeY(g, t)}
              textAnchor="end"
              dominantBaseline="central"
            >
              {formatTime(t)}
            </text>
          )}
        </g>
      ))}
    </g>
  );
});
