/**
 * One segment as an arrow from its send (sender's lifeline, send time) to its arrival (receiver's
 * lifeline, arrival time): the slope is the delay. The line grows with the playhead, so its head
 * is the segment travelling; a lost one stops where it was lost under a ✕ and the word "lost"; a
 * retransmission is dashed with an RTX tag and a bracket back to its original's send.
 */
import { m } from 'framer-motion';
import { memo, useCallback, type KeyboardEvent } from 'react';
import { progressAt, type SegmentSpan } from '../../store';
import { usePlayhead } from '../layout/playhead';
import { useDerived } from '../layout/use-derived';
import type { PlacedLabel } from './label-layout';
import styles from './SequenceDiagram.module.css';

export interface ArrowEnds {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

export interface SegmentArrowProps {
  span: SegmentSpan;
  ends: ArrowEnds;
  label: PlacedLabel | undefined;
  /** "SYN seq=700 client to server". */
  name: string;
  /** Has the journey ended (arrival or loss) at the cursor? */
  ended: boolean;
  selected: boolean;
  /** 'client' for the first lifeline's segments, 'server' otherwise: colour and marker. */
  side: 'client' | 'server';
  markerId: string;
  /** y of the original's send on the same lifeline, for a retransmission's bracket. */
  originalY: number | undefined;
  fontSize: number;
  onActivate: (id: number, how: 'select' | 'click' | 'drop') => void;
}

export const SegmentArrow = memo(function SegmentArrow(props: SegmentArrowProps) {
  const { span, ends, label, name, ended, selected, side, markerId, originalY, fontSize } = props;
  const playhead = usePlayhead();
  const tipX = useDerived(
    playhead,
    useCallback((t: number) => ends.x1 + (ends.x2 - ends.x1) * progressAt(span, t), [span, ends]),
  );
  const tipY = useDerived(
    playhead,
    useCallback((t: number) => ends.y1 + (ends.y2 - ends.y1) * progressAt(span, t), [span, ends]),
  );
  const { onActivate } = props;
  const onKeyDown = useCallback(
    (event: KeyboardEvent) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        event.stopPropagation();
        onActivate(span.id, 'select');
      } else if (event.key === 'Delete' || event.key === 'd' || event.key === 'D') {
        event.preventDefault();
        onActivate(span.id, 'drop');
      }
    },
    [onActivate, span.id],
  );
  const lost = span.outcome === 'lost' && ended;
  const retransmission = span.send.retransmit > 0;
  const lostX = ends.x1 + (ends.x2 - ends.x1) * span.reach;
  const lostY = ends.y1 + (ends.y2 - ends.y1) * span.reach;
  const mark = fontSize * 0.55;
  const tag = span.copy ? 'DUP ' : retransmission ? 'RTX ' : '';
  const bracketBulge = ends.x2 > ends.x1 ? 22 : -22;
  const classes = [
    styles.arrow,
    styles[side],
    retransmission ? styles.retransmission : '',
    span.copy ? styles.copy : '',
    selected ? styles.selected : '',
  ].join(' ');
  const interactive = !span.copy;
  return (
    <g
      className={classes}
      data-segment={span.id}
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
      <line className={styles.hit} x1={ends.x1} y1={ends.y1} x2={ends.x2} y2={ends.y2} />
      <line className={styles.halo} x1={ends.x1} y1={ends.y1} x2={ends.x2} y2={ends.y2} />
      {retransmission && originalY !== undefined && (
        <path
          className={styles.bracket}
          d={`M ${ends.x1} ${originalY} C ${ends.x1 + bracketBulge} ${originalY}, ${ends.x1 + bracketBulge} ${ends.y1}, ${ends.x1} ${ends.y1}`}
        />
      )}
      <m.line
        className={styles.line}
        x1={ends.x1}
        y1={ends.y1}
        x2={tipX}
        y2={tipY}
        markerEnd={lost ? undefined : `url(#${markerId})`}
      />
      {lost && (
        <g className={styles.lost}>
          <path
            d={`M ${lostX - mark} ${lostY - mark} L ${lostX + mark} ${lostY + mark} M ${lostX + mark} ${lostY - mark} L ${lostX - mark} ${lostY + mark}`}
          />
          <text x={lostX} y={lostY + mark + fontSize} textAnchor="middle">
            lost
          </text>
        </g>
      )}
      {label && (
        <g className={styles.label}>
          {label.displaced && (
            <line
              className={styles.leader}
              x1={label.anchorX}
              y1={label.anchorY}
              x2={label.x}
              y2={label.y - label.height / 2}
            />
          )}
          <rect
            x={label.x - label.width / 2}
            y={label.y - label.height / 2}
            width={label.width}
            height={label.height}
            rx={4}
          />
          <text x={label.x} y={label.y} dominantBaseline="central" textAnchor="middle">
            {tag && <tspan className={styles.tag}>{tag}</tspan>}
            {tag ? label.text.slice(tag.length) : label.text}
          </text>
        </g>
      )}
    </g>
  );
});
