/**
 * A segment's label ("SYN-ACK seq=200 ack=701"), tagged RTX for a retransmission and DUP for a
 * link's copy, with a leader line when it had to sit away from its arrow. It is only a picture:
 * clicks pass through to the arrow beneath, and the arrow's accessible name carries the same words.
 * It appears once the growing arrow reaches the point it labels, never ahead of its arrow.
 */
import { memo, useCallback, useRef } from 'react';
import { progressAt, type SegmentSpan } from '../../store';
import { usePlayhead } from '../connected/playhead';
import { useDerived } from '../connected/use-derived';
import { useMotionAttribute } from '../connected/use-motion-attribute';
import { LabelBox } from './LabelBox';
import type { PlacedLabel } from './label-layout';
import { arrowClasses, type ArrowEnds, type ArrowSide } from './SegmentArrow';
import styles from './SequenceDiagram.module.css';

/** How far along its arrow (0 at the send, 1 at the arrival) the point a label belongs to is. */
export function anchorFraction(label: PlacedLabel, ends: ArrowEnds): number {
  const dy = ends.y2 - ends.y1;
  const dx = ends.x2 - ends.x1;
  if (Math.abs(dy) >= Math.abs(dx) * 1e-3 && dy !== 0) return (label.anchorY - ends.y1) / dy;
  return dx === 0 ? 0 : (label.anchorX - ends.x1) / dx;
}

export function labelTag(span: SegmentSpan): string {
  return span.copy ? 'DUP ' : span.send.retransmit > 0 ? 'RTX ' : '';
}

export const SegmentLabel = memo(function SegmentLabel(props: {
  span: SegmentSpan;
  label: PlacedLabel;
  ends: ArrowEnds;
  side: ArrowSide;
  selected: boolean;
}) {
  const { span, label, ends, side, selected } = props;
  const tag = labelTag(span);
  const playhead = usePlayhead();
  const at = anchorFraction(label, ends);
  const visibility = useDerived<number, string>(
    playhead,
    useCallback(
      // A hair of slack: a label at the very end of a lost segment's journey shows with it.
      (t: number) => (progressAt(span, t) >= Math.min(at, span.reach) - 1e-9 ? '' : 'hidden'),
      [span, at],
    ),
  );
  const group = useRef<SVGGElement>(null);
  useMotionAttribute(group, 'visibility', visibility);
  return (
    <g
      ref={group}
      className={`${styles.label} ${arrowClasses(span, side, selected)}`}
      aria-hidden="true"
      data-label-for={label.key}
      data-anchor-y={label.anchorY}
      {...(visibility.get() ? { visibility: visibility.get() } : {})}
    >
      <LabelBox label={label} leaderClass={styles.leader} />
      {label.lines.map((line, i) => {
        const y = label.y + (i - (label.lines.length - 1) / 2) * label.lineHeight;
        const tagged = i === 0 && tag !== '' && line.startsWith(tag);
        return (
          <text key={i} x={label.x} y={y} dominantBaseline="central" textAnchor="middle">
            {tagged && <tspan className={styles.tag}>{tag}</tspan>}
            {tagged ? line.slice(tag.length) : line}
          </text>
        );
      })}
    </g>
  );
});
