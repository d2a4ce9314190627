import { m } from 'framer-motion';
import { useCallback } from 'react';
import { usePlayhead } from '../layout/playhead';
import { useDerived } from '../layout/use-derived';
import { formatTime, timeY, type Geometry } from './geometry';
import styles from './SequenceDiagram.module.css';

/** "Now": a line across the diagram at the playhead, with the time written beside it. */
export function PlayheadLine({ g }: { g: Geometry }) {
  const playhead = usePlayhead();
  const y = useDerived(
    playhead,
    useCallback((t: number) => timeY(g, t), [g]),
  );
  const label = useDerived(playhead, formatTime);
  return (
    <m.g className={styles.playhead} style={{ y }} aria-hidden="true">
      <line x1={g.gutter > 0 ? 4 : 0} x2={g.width} y1={0} y2={0} />
      <m.text x={4} y={-6} fontSize={g.fontSize - 3}>
        {label}
      </m.text>
    </m.g>
  );
}
