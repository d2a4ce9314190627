import { memo } from 'react';
import { phaseOf } from '../badges/phase';
import type { StateChange } from '../../store';
import styles from './SequenceDiagram.module.css';

/**
 * A state change marked on its lifeline at the moment it happened: a tick on the lifeline and the
 * RFC state written beside it (the new state's phase gives the colour; the words carry the fact).
 */
export const StateTag = memo(function StateTag(props: {
  change: StateChange;
  lifelineX: number;
  y: number;
  noteY: number;
  outward: -1 | 1;
  /** The notes' font size (Geometry.noteSize). */
  fontSize: number;
}) {
  const { change, lifelineX, y, noteY, outward, fontSize } = props;
  const textX = lifelineX + outward * 16;
  return (
    <g className={`${styles.stateTag} ${styles[`phase-${phaseOf(change.to)}`]}`} aria-hidden="true">
      <line x1={lifelineX - 7} y1={y} x2={lifelineX + 7} y2={y} />
      {noteY !== y && (
        <line className={styles.tagLeader} x1={lifelineX} y1={y} x2={textX} y2={noteY} />
      )}
      <text
        x={textX}
        y={noteY}
        textAnchor={outward < 0 ? 'end' : 'start'}
        dominantBaseline="central"
        fontSize={fontSize}
      >
        {change.to}
      </text>
    </g>
  );
});
