/**
 * One segment as an arrow from its send (sender's lifeline, send time) to its arrival (receiver's
 * lifeline, arrival time): the slope is the delay. The line grows with the playhead, so its head
 * is the segment travelling; a lost one stops where it was lost (its ✕ and the word "lost" are
 * drawn in a layer above the arrows, LossMarks); a retransmission is dashed and bracketed back to
 * its original's send. Its label is drawn in a layer above all arrows (SegmentLabel), so no later
 * arrow crosses a label.
 */
import { memo, useCallback, useRef, type KeyboardEvent } from 'react';
import { progressAt, type SegmentSpan } from '../../store';
import { usePlayhead } from '../connected/playhead';
import { useDerived } from '../connected/use-derived';
import { useMotionAttribute } from '../connected/use-motion-attribute';
import styles from './SequenceDiagram.module.css';

export interface ArrowEnds {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

export type ActivateHow = 'select' | 'click' | 'drop';

export interface SegmentArrowProps {
  /** The arrow's key in the layout (its label names the same key). */
  arrowKey: string;
  span: SegmentSpan;
  ends: ArrowEnds;
  /** "SYN seq=700 client to server". */
  name: string;
  /** Has the journey ended (arrival or loss) at the cursor? */
  ended: boolean;
  selected: boolean;
  /** 'client' for the first lifeline's segments, 'server' otherwise: colour and marker. */
  side: ArrowSide;
  markerId: string;
  /** y of the original's send on the same lifeline, for a retransmission's bracket. */
  originalY: number | undefined;
  onActivate: (id: number, how: ActivateHow) => void;
}

/** Where a lost segment's journey stopped, on its arrow. */
export function lostPoint(span: SegmentSpan, ends: ArrowEnds) {
  return {
    x: ends.x1 + (ends.x2 - ends.x1) * span.reach,
    y: ends.y1 + (ends.y2 - ends.y1) * span.reach,
  };
}

/** Whose colour an arrow takes: a named end's, or the attacker's for spoofed sources. */
export type ArrowSide = 'client' | 'server' | 'attacker';

export function arrowClasses(span: SegmentSpan, side: ArrowSide, selected: boolean) {
  return [
    styles[side],
    span.send.retransmit > 0 ? styles.retransmission : '',
    span.copy ? styles.copy : '',
    selected ? styles.selected : '',
  ].join(' ');
}

/**
 * How far the arrowhead reaches back from the line's end, in px: the marker is 7 stroke widths
 * long with its tip at 9/10 of it (SequenceDiagram.tsx), at the heaviest stroke (3.5, projector
 * type).
 */
export const HEAD_BACK_PX = 0.9 * 7 * 3.5;

/**
 * The fraction of the arrow drawn at `t`: the journey's progress, except that a head still
 * travelling leaves its lifeline whole. At the send instant its tip stands one head's length out,
 * so the head never reaches back over the notes written beside the lifeline (a state tag, a
 * timer's note); once the segment is that far out, the tip is exactly where the segment is.
 */
export function drawnProgress(span: SegmentSpan, ends: ArrowEnds, t: number): number {
  const progress = progressAt(span, t);
  const length = Math.hypot(ends.x2 - ends.x1, ends.y2 - ends.y1);
  const stopped = span.outcome === 'lost' && progress >= span.reach;
  if (t < span.sentAt || length === 0 || stopped) return progress;
  return Math.max(progress, Math.min(span.reach, HEAD_BACK_PX / length));
}

export const SegmentArrow = memo(function SegmentArrow(props: SegmentArrowProps) {
  const { span, ends, name, ended, selected, side, markerId, originalY } = props;
  const { onActivate } = props;
  const playhead = usePlayhead();
  const line = useRef<SVGLineElement>(null);
  // The fraction drawn, once per frame; the tip's two coordinates follow it, and only when it
  // moves (an arrow not in flight keeps its fraction, so its tip is not worked out again).
  const drawn = useDerived(
    playhead,
    useCallback((t: number) => drawnProgress(span, ends, t), [span, ends]),
  );
  const tipX = useDerived(
    drawn,
    useCallback((p: number) => ends.x1 + (ends.x2 - ends.x1) * p, [ends]),
  );
  const tipY = useDerived(
    drawn,
    useCallback((p: number) => ends.y1 + (ends.y2 - ends.y1) * p, [ends]),
  );
  useMotionAttribute(line, 'x2', tipX);
  useMotionAttribute(line, 'y2', tipY);
  const onKeyDown = useCallback(
    (event: KeyboardEvent) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        onActivate(span.id, 'select');
      } else if (event.key === 'Delete' || event.key === 'd' || event.key === 'D') {
        event.preventDefault();
        onActivate(span.id, 'drop');
      }
    },
    [onActivate, span.id],
  );
  const lost = span.outcome === 'lost' && ended;
  // Where the journey ends (the far end unless the segment was lost): the highlight and the click
  // target stop there, not at an arrival that never happened.
  const at = lostPoint(span, ends);
  const bulge = ends.x2 > ends.x1 ? 22 : -22;
  const interactive = !span.copy;
  return (
    <g
      className={`${styles.arrow} ${arrowClasses(span, side, selected)}`}
      data-segment={span.id}
      data-key={props.arrowKey}
      {...(interactive
        ? {
            role: 'button',
            tabIndex: 0,
            'aria-label': name,
            'aria-pressed': selected,
            onClick: () => onActivate(span.id, 'click'),
            onKeyDown,
          }
        : { 'aria-hidden': true })}
    >
      <line className={styles.hit} x1={ends.x1} y1={ends.y1} x2={at.x} y2={at.y} />
      <line className={styles.halo} x1={ends.x1} y1={ends.y1} x2={at.x} y2={at.y} />
      {span.send.retransmit > 0 && originalY !== undefined && (
        <path
          className={styles.bracket}
          d={`M ${ends.x1} ${originalY} C ${ends.x1 + bulge} ${originalY}, ${ends.x1 + bulge} ${ends.y1}, ${ends.x1} ${ends.y1}`}
        />
      )}
      <line
        ref={line}
        data-tip=""
        className={styles.line}
        x1={ends.x1}
        y1={ends.y1}
        x2={tipX.get()}
        y2={tipY.get()}
        markerEnd={lost ? undefined : `url(#${markerId})`}
      />
    </g>
  );
});
