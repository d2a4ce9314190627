/**
 * "+5 more · zoom in": where labels found no room near their arrows (a SYN flood at the default
 * zoom), one note counts those already sent instead of labels drifting far from their arrows.
 * The arrows keep their accessible names and the event log lists every segment.
 */
import type { PlacedLabel } from './label-layout';
import styles from './SequenceDiagram.module.css';

export function CrowdNotes({
  labels,
  sent,
}: {
  labels: ReadonlyMap<string, PlacedLabel>;
  sent: readonly string[];
}) {
  const shown = new Set(sent);
  return [...labels.values()].map((note) => {
    if (note.stands.length === 0) return null;
    const count = note.stands.filter((key) => shown.has(key)).length;
    if (count === 0) return null;
    return (
      <g key={note.key} className={styles.crowd} aria-hidden="true" data-mark="crowd">
        <rect
          x={note.x - note.width / 2}
          y={note.y - note.height / 2}
          width={note.width}
          height={note.height}
          rx={4}
        />
        <text x={note.x} y={note.y} dominantBaseline="central" textAnchor="middle">
          +{count} more · zoom in
        </text>
      </g>
    );
  });
}
