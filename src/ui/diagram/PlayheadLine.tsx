import { useCallback, useRef } from 'react';
import { usePlayhead } from '../layout/playhead';
import { useDerived } from '../layout/use-derived';
import { useMotionAttribute } from '../layout/use-motion-attribute';
import { formatTime, timeY, type Geometry } from './geometry';
import styles from './SequenceDiagram.module.css';

/** "Now": a line across the diagram at the playhead, with the time written beside it. */
export function PlayheadLine({ g }: { g: Geometry }) {
  const playhead = usePlayhead();
  const transform = useDerived(
    playhead,
    useCallback((t: number) => `translate(0 ${timeY(g, t)})`, [g]),
  );
  const label = useDerived(playhead, formatTime);
  const group = useRef<SVGGElement>(null);
  const text = useRef<SVGTextElement>(null);
  useMotionAttribute(group, 'transform', transform);
  useMotionAttribute(text, 'textContent', label);
  return (
    <g ref={group} className={styles.playhead} transform={transform.get()} aria-hidden="true">
      <line x1={g.gutter > 0 ? 4 : 0} x2={g.width} y1={0} y2={0} />
      <text ref={text} x={4} y={-6} fontSize={g.fontSize - 3}>
        {label.get()}
      </text>
    </g>
  );
}
