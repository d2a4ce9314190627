import { memo } from 'react';
import { phaseOf } from '../badges/phase';
import type { StateChange } from '../../store';
import { CONNECTION_COLOURS } from './lane-notes';
import styles from './SequenceDiagram.module.css';
import { fitNote } from './geometry';

/**
 * A state change marked on its lifeline at the moment it happened: a tick on the lifeline and the
 * RFC state written beside it (the new state's phase gives the colour; the words carry the fact).
 * On a lifeline with several connections the words start with the connection's number in its
 * colour ("2: SYN-RECEIVED"); a change said by another connection's note draws its tick only.
 */
export const StateTag = memo(function StateTag(props: {
  change: StateChange;
  lifelineX: number;
  y: number;
  noteY: number;
  /** Where the words start (or end, left of the lifeline). */
  noteX: number;
  /** How wide the words may be (lane-notes.ts noteRoom): longer ones are narrowed to fit. */
  room: number;
  outward: -1 | 1;
  /** The notes' font size (Geometry.noteSize). */
  fontSize: number;
  /** "1–4: " for the connections this note speaks for, or "". */
  prefix: string;
  /** The first of the connections it speaks for: the prefix's colour. */
  connection: number | undefined;
  /** Another note says this change (several connections at once): only the tick here. */
  noteHidden: boolean;
}) {
  const { change, lifelineX, y, noteY, noteX, outward, fontSize, prefix, connection } = props;
  const textX = noteX;
  // An opaque box under the words: the playhead's line passes beneath a note between two lanes.
  const words = fitNote(prefix.length + change.to.length, fontSize, props.room);
  const { fit } = words;
  const width = words.width + 4;
  const colour =
    connection === undefined ? '' : styles[`conn-${((connection - 1) % CONNECTION_COLOURS) + 1}`];
  return (
    <g className={`${styles.stateTag} ${styles[`phase-${phaseOf(change.to)}`]}`} aria-hidden="true">
      <line x1={lifelineX - 7} y1={y} x2={lifelineX + 7} y2={y} />
      {!props.noteHidden && (
        <g data-note={`state-${change.index}`}>
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
            {...(fit !== undefined
              ? { textLength: fit, lengthAdjust: 'spacingAndGlyphs' as const }
              : {})}
          >
            {prefix !== '' && (
              <tspan className={`${styles.connectionNumber} ${colour}`}>{prefix}</tspan>
            )}
            {change.to}
          </text>
        </g>
      )}
    </g>
  );
});
