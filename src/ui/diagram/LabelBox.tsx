/**
 * What a placed label stands on: a leader line back to the point of its arrow it belongs to,
 * when the layout had to move it away, and its opaque box (the playhead's line and other arrows
 * pass beneath the words). Segment labels and a script's ghost labels share it.
 */
import type { PlacedLabel } from './label-layout';

export function LabelBox({
  label,
  leaderClass,
}: {
  label: PlacedLabel;
  leaderClass: string | undefined;
}) {
  return (
    <>
      {label.displaced && (
        <line
          className={leaderClass}
          x1={label.anchorX}
          y1={label.anchorY}
          x2={label.x}
          y2={label.y + (label.y < label.anchorY ? 1 : -1) * (label.height / 2)}
        />
      )}
      <rect
        x={label.x - label.width / 2}
        y={label.y - label.height / 2}
        width={label.width}
        height={label.height}
        rx={4}
      />
    </>
  );
}
