/**
 * A timer along its endpoint's lifeline: the planned life as an outline from set to expiry, the
 * time already run filled in, and a note beside the lifeline that counts down ("RTO 0.62 s left")
 * and then says how it ended ("RTO fired", marked with a burst at the lifeline). On a compressed
 * axis, a timer running through a break gets a bracket beside its bar, and its note, beside the
 * bracket's middle, says its true length ("TIME-WAIT 60 s").
 */
import { memo, useCallback, useRef } from 'react';
import type { TimerSpan } from '../../store';
import { usePlayhead } from '../connected/playhead';
import { useDerived } from '../connected/use-derived';
import { useMotionAttribute } from '../connected/use-motion-attribute';
import { fitNote, timeY, type Geometry } from './geometry';
import type { Obstacle } from './label-boxes';
import styles from './SequenceDiagram.module.css';
import { BAR_STEP, CONNECTION_COLOURS, runsThroughBreak } from './lane-notes';
import { timerNote } from './timer-note';

export interface TimerBarProps {
  timer: TimerSpan;
  g: Geometry;
  lifelineX: number;
  /** Which side of the lifeline the bar and its note sit on. */
  outward: -1 | 1;
  noteY: number;
  /** Where the note's words start (lane-notes.ts: past every connection's bar). */
  noteX: number;
  /** How wide the note may be (lane-notes.ts noteRoom). */
  room: number;
  /** The box its words cover at their widest (lane-notes.ts), drawn opaque beneath them. */
  noteBox: Obstacle | undefined;
  /** "2: " on a lifeline with several connections (whose timer this is); else "". */
  prefix: string;
  /** The note is said by another (several connections' same note, merged): none here. */
  noteHidden: boolean;
  /** On a lifeline with several connections: this connection's number (its colour and column). */
  connection: number | undefined;
  /** Has the event that ended the timer happened at the cursor? */
  ended: boolean;
}

export const TimerBar = memo(function TimerBar({
  timer,
  g,
  lifelineX,
  outward,
  noteY,
  noteX,
  room,
  noteBox,
  prefix,
  noteHidden,
  connection,
  ended,
}: TimerBarProps) {
  const playhead = usePlayhead();
  const top = timeY(g, timer.setAt);
  // Each connection's bar in its own column, so no bar reads as shared by several connections.
  const column = connection === undefined ? 0 : connection - 1;
  const barWidth = connection === undefined ? 6 : 3;
  const barX = (outward < 0 ? lifelineX - 10 : lifelineX + 4) + outward * column * BAR_STEP;
  const elapsedHeight = useDerived(
    playhead,
    useCallback(
      (t: number) => Math.max(0, timeY(g, Math.min(t, timer.endAt)) - top),
      [timer, g, top],
    ),
  );
  const note = useDerived(
    playhead,
    useCallback(
      (t: number) => prefix + timerNote(timer, t, ended, g.compact, runsThroughBreak(g, timer)),
      [timer, ended, g, prefix],
    ),
  );
  // A note longer than the room beside the lifeline ("Delayed ACK stopped" on a phone) is
  // narrowed to fit rather than cut at the diagram's edge; shorter ones keep their natural width.
  const noteFit = useDerived(
    playhead,
    useCallback(
      (t: number) => {
        const words = prefix + timerNote(timer, t, ended, g.compact, runsThroughBreak(g, timer));
        const { fit } = fitNote(words.length, g.noteSize, room);
        return fit === undefined ? '' : String(fit);
      },
      [timer, ended, g, room, prefix],
    ),
  );
  const elapsed = useRef<SVGRectElement>(null);
  const noteText = useRef<SVGTextElement>(null);
  useMotionAttribute(elapsed, 'height', elapsedHeight);
  useMotionAttribute(noteText, 'textContent', note);
  useMotionAttribute(noteText, 'textLength', noteFit);
  const endY = timeY(g, timer.endAt);
  const plannedEnd = timeY(g, timer.expiresAt);
  // On a compressed axis the bar of a timer that runs through a break is short; a bracket beside
  // it says how long the timer really is ("TIME-WAIT 60 s", "RTO 2 s").
  // (Beside one of several connections' bars a bracket would cross its neighbours' columns; the
  // note still says the length.)
  const compressed = connection === undefined && runsThroughBreak(g, timer);
  const bracketX = outward < 0 ? barX - 5 : barX + 11;
  return (
    <g
      className={[
        styles.timer,
        styles[`timer-${timer.outcome}`],
        connection === undefined
          ? ''
          : styles[`conn-${((connection - 1) % CONNECTION_COLOURS) + 1}`],
      ].join(' ')}
      aria-hidden="true"
      data-connection={connection}
    >
      <rect
        className={styles.timerPlanned}
        x={barX}
        y={top}
        width={barWidth}
        height={Math.max(1, timeY(g, timer.expiresAt) - top)}
      />
      <rect
        ref={elapsed}
        className={styles.timerElapsed}
        x={barX}
        y={top}
        width={barWidth}
        height={elapsedHeight.get()}
      />
      {ended && timer.outcome === 'fired' && (
        <path
          className={styles.timerFired}
          d={`M ${barX + 3} ${endY - 8} L ${barX + 6} ${endY - 2} L ${barX + 11} ${endY} L ${barX + 6} ${endY + 2} L ${barX + 3} ${endY + 8} L ${barX} ${endY + 2} L ${barX - 5} ${endY} L ${barX} ${endY - 2} Z`}
        />
      )}
      {compressed && (
        <path
          className={styles.timerBracket}
          d={`M ${bracketX - outward * 4} ${top} H ${bracketX} V ${plannedEnd} H ${bracketX - outward * 4}`}
        />
      )}
      {!noteHidden && (
        <g data-note={`timer-${timer.setIndex}`}>
          {/* Opaque, as a state tag's: arrows crossing a middle lifeline's notes pass beneath. */}
          {noteBox && (
            <rect
              className={styles.noteBox}
              x={noteBox.x - noteBox.width / 2}
              y={noteBox.y - noteBox.height / 2}
              width={noteBox.width}
              height={noteBox.height}
            />
          )}
          <text
            ref={noteText}
            className={styles.timerNote}
            x={noteX}
            y={noteY}
            textAnchor={outward < 0 ? 'end' : 'start'}
            dominantBaseline="central"
            fontSize={g.noteSize}
            lengthAdjust="spacingAndGlyphs"
            {...(noteFit.get() ? { textLength: Number(noteFit.get()) } : {})}
          >
            {note.get()}
          </text>
        </g>
      )}
    </g>
  );
});
