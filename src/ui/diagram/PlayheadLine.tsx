import { useCallback, useRef } from 'react';
import { usePlayhead } from '../layout/playhead';
import { useDerived } from '../layout/use-derived';
import { useMotionAttribute } from '../layout/use-motion-attribute';
import { formatTime, timeY, type Geometry } from './geometry';
import { playheadLabelBaseline, playheadLabelSize } from './playhead-label';
import styles from './SequenceDiagram.module.css';

/**
 * "Now": a line across the diagram at the playhead, with the time written beside it, clear of
 * the notes in `avoid` (y of the state tags and timer notes the label could cover, sorted).
 */
export function PlayheadLine({ g, avoid }: { g: Geometry; avoid: Float64Array }) {
  const playhead = usePlayhead();
  const transform = useDerived(
    playhead,
    useCallback((t: number) => `translate(0 ${timeY(g, t)})`, [g]),
  );
  const label = useDerived(playhead, formatTime);
  const size = playheadLabelSize(g.fontSize);
  const baseline = useDerived(
    playhead,
    useCallback(
      (t: number) => playheadLabelBaseline(timeY(g, t), avoid, size, g.noteSize),
      [g, avoid, size],
    ),
  );
  const group = useRef<SVGGElement>(null);
  const text = useRef<SVGTextElement>(null);
  useMotionAttribute(group, 'transform', transform);
  useMotionAttribute(text, 'textContent', label);
  useMotionAttribute(text, 'y', baseline);
  return (
    <g ref={group} className={styles.playhead} transform={transform.get()} aria-hidden="true">
      <line x1={g.gutter > 0 ? 4 : 0} x2={g.width} y1={0} y2={0} />
      <text ref={text} x={4} y={baseline.get()} fontSize={size}>
        {label.get()}
      </text>
    </g>
  );
}
