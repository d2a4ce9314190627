/**
 * A segment's label ("SYN-ACK seq=200 ack=701"), tagged RTX for a retransmission and DUP for a
 * link's copy, with a leader line when it had to sit away from its arrow. It is only a picture:
 * clicks pass through to the arrow beneath, and the arrow's accessible name carries the same words.
 */
import { memo } from 'react';
import type { SegmentSpan } from '../../store';
import type { PlacedLabel } from './label-layout';
import { arrowClasses, type ArrowSide } from './SegmentArrow';
import styles from './SequenceDiagram.module.css';

export function labelTag(span: SegmentSpan): string {
  return span.copy ? 'DUP ' : span.send.retransmit > 0 ? 'RTX ' : '';
}

export const SegmentLabel = memo(function SegmentLabel(props: {
  span: SegmentSpan;
  label: PlacedLabel;
  side: ArrowSide;
  selected: boolean;
}) {
  const { span, label, side, selected } = props;
  const tag = labelTag(span);
  return (
    <g className={`${styles.label} ${arrowClasses(span, side, selected)}`} aria-hidden="true">
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
