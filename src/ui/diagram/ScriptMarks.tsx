/**
 * What a packetdrill script run adds to the diagram: a ✕ and the word "mismatch" on each arrow
 * its line rejected (at its arrival, where the script judged it), and a dashed ghost arrow for a
 * segment a line expected that the engine never sent, labelled with the line's segment at the
 * time it was due. The arrows' accessible names carry the mismatch; a ghost is named itself.
 * A capture replayed through the engine draws the same way: ✕ "differs" on each captured
 * segment the engine would have sent otherwise, and the engine's segment as a ghost beside it.
 */
import type { LabState, SegmentSpan, Timeline } from '../../store';
import { useLab } from '../../store';
import { ghostKey, ghostLines, type MismatchMark } from './diagram-layout';
import { timeY, type Geometry } from './geometry';
import { LabelBox } from './LabelBox';
import type { PlacedLabel } from './label-layout';
import styles from './ScriptMarks.module.css';

const selectMissing = (s: LabState) => s.scriptRun?.missing ?? s.captureRun?.replay?.ghosts;
/** How many ghosts the playhead has reached: a number that changes rarely, not every frame. */
const selectGhostsReached = (s: LabState) =>
  (s.scriptRun?.missing ?? s.captureRun?.replay?.ghosts)?.filter((m) => m.t <= s.t).length ?? 0;

export interface ScriptMarksProps {
  timeline: Timeline;
  g: Geometry;
  /** The segments sent by the cursor, in the render window. */
  sent: readonly SegmentSpan[];
  /** Where each ✕ goes (diagram-layout.ts), by its arrow's key. */
  mismatches: ReadonlyMap<string, MismatchMark>;
  /** Where each ghost's words go, laid out with the segment labels (diagram-layout.ts). */
  ghostLabels: ReadonlyMap<string, PlacedLabel>;
  cursor: number;
}

function MismatchView({ mark, size }: { mark: MismatchMark; size: number }) {
  const r = size * 0.45;
  const { x, y, word } = mark;
  return (
    <g className={styles.mismatch} aria-hidden="true" data-mark="mismatch">
      <circle cx={x} cy={y} r={r * 1.5} />
      <path d={`M ${x - r} ${y - r} L ${x + r} ${y + r} M ${x + r} ${y - r} L ${x - r} ${y + r}`} />
      {/* Opaque, as a loss mark's words: the playhead's line passes beneath. */}
      <rect
        x={x - mark.box.width / 2}
        y={y + r * 1.5 + 1}
        width={mark.box.width}
        height={size * 1.3}
        rx={3}
      />
      <text x={x} y={y + r * 1.5 + size} textAnchor="middle" fontSize={size}>
        {word}
      </text>
    </g>
  );
}

function GhostWords({ label }: { label: PlacedLabel }) {
  return (
    <g className={styles.ghostWords} data-mark="ghost" data-anchor-y={label.anchorY}>
      <LabelBox label={label} leaderClass={styles.ghostLeader} />
      {label.lines.map((line, i) => (
        <text
          key={i}
          x={label.x}
          y={label.y + (i - (label.lines.length - 1) / 2) * label.lineHeight}
          dominantBaseline="central"
          textAnchor="middle"
        >
          {line}
        </text>
      ))}
    </g>
  );
}

export function ScriptMarks({
  timeline,
  g,
  sent,
  mismatches,
  ghostLabels,
  cursor,
}: ScriptMarksProps) {
  const missing = useLab(selectMissing);
  const reached = useLab(selectGhostsReached);
  const lane = new Map(timeline.endpoints.map((e, i) => [e.name, g.lifelineX[i] ?? 0]));
  return (
    <>
      {sent.map((span) => {
        const mark = mismatches.get(String(span.id));
        if (!mark || span.copy || span.endIndex < 0 || span.endIndex > cursor) return null;
        return <MismatchView key={`mismatch-${span.id}`} mark={mark} size={g.noteSize} />;
      })}
      {(missing ?? []).slice(0, reached).map((m) => {
        const x1 = lane.get(m.from) ?? 0;
        const x2 = lane.get(m.to) ?? 0;
        const [caption, note] = ghostLines(m);
        const name =
          m.caption !== undefined
            ? `${caption} ${note} ${m.from} to ${m.to}`
            : `expected: ${m.expected} (never sent) ${m.from} to ${m.to}, line ${m.line}`;
        const label = ghostLabels.get(ghostKey(m));
        return (
          <g
            key={`missing-${m.line}`}
            className={styles.ghost}
            role="img"
            aria-label={name}
            tabIndex={0}
          >
            <title>{m.reason}</title>
            <line x1={x1} y1={timeY(g, m.t)} x2={x2} y2={timeY(g, m.endsAt)} />
            {label && <GhostWords label={label} />}
          </g>
        );
      })}
    </>
  );
}
