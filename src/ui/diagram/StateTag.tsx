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
  // An opaque box under the words: the playhead's line passes beneath a note between two lanes.
  const width = change.to.length * fontSize * 0.62 + 4;
  return (
    <g className={`${styles.stateTag} ${styles[`phase-${phaseOf(change.to)}`]}`} aria-hidden="true">
      <line x1={lifelineX - 7} y1={y} x2={lifelineX + 7} y2={y} />
      {noteY !== y && (
        <line className={styles.tagLeader} x1={lifelineX} y1={y} x2={textX} y2={noteY} />
      )}
      <rect
        className={styles.tagBox}
        x={outward < 0 ? textX - width + 2 : textX - 2}
        y={noteY - fontSize * 0.6}
        width={width}
        height={fontSize * 1.2}
      />
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
