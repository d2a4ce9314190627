import type { MotionValue } from 'framer-motion';
import { useCallback, useRef } from 'react';
import { usePlayhead } from '../connected/playhead';
import { useDerived } from '../connected/use-derived';
import { useMotionAttribute } from '../connected/use-motion-attribute';
import { formatTime, timeY, type Geometry } from './geometry';
import { playheadLabelSize, type PlayheadLabelPlace } from './playhead-label';
import styles from './SequenceDiagram.module.css';

/**
 * "Now": a line across the lanes at the playhead, with the time written in the gutter at
 * `place` (playhead-label.ts: clear of the notes beside the first lifeline and of the axis
 * breaks). The line runs from lifeline to lifeline, so it never strikes through a tick's time or
 * a note beside a lifeline; a tick's time the label would touch gives way (TimeGrid).
 */
export function PlayheadLine({
  g,
  place,
}: {
  g: Geometry;
  place: MotionValue<PlayheadLabelPlace>;
}) {
  const playhead = usePlayhead();
  const transform = useDerived(
    playhead,
    useCallback((t: number) => `translate(0 ${timeY(g, t)})`, [g]),
  );
  const label = useDerived(playhead, formatTime);
  const size = playheadLabelSize(g.fontSize);
  const baseline = useDerived(place, baselineOf);
  const patchTop = useDerived(
    baseline,
    useCallback((b: number) => b - size, [size]),
  );
  const group = useRef<SVGGElement>(null);
  const text = useRef<SVGTextElement>(null);
  const patch = useRef<SVGRectElement>(null);
  useMotionAttribute(group, 'transform', transform);
  useMotionAttribute(text, 'textContent', label);
  useMotionAttribute(text, 'y', baseline);
  useMotionAttribute(patch, 'y', patchTop);
  return (
    <g ref={group} className={styles.playhead} transform={transform.get()} aria-hidden="true">
      {/* Between the lifelines only: the notes beside them are never struck through, and the
          labels between them are opaque and drawn above the line. */}
      <line
        data-playhead=""
        x1={g.lifelineX[0] ?? g.gutter}
        x2={g.lifelineX[g.lifelineX.length - 1] ?? g.width}
        y1={0}
        y2={0}
      />
      {g.gutter > 0 && (
        <rect
          ref={patch}
          className={styles.playheadPatch}
          x={0}
          y={patchTop.get()}
          width={g.gutter - 2}
          height={size * 1.3}
        />
      )}
      <text ref={text} x={4} y={baseline.get()} fontSize={size}>
        {label.get()}
      </text>
    </g>
  );
}

function baselineOf(place: PlayheadLabelPlace): number {
  return place.baseline;
}
