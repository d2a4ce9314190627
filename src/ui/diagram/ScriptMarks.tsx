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
import { timeY, type Geometry } from './geometry';
import type { ArrowEnds } from './SegmentArrow';
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
  ends: ReadonlyMap<string, ArrowEnds>;
  cursor: number;
}

function MismatchMark({
  at,
  size,
  word,
}: {
  at: { x: number; y: number };
  size: number;
  word: string;
}) {
  const r = size * 0.45;
  return (
    <g className={styles.mismatch} aria-hidden="true">
      <circle cx={at.x} cy={at.y} r={r * 1.5} />
      <path
        d={`M ${at.x - r} ${at.y - r} L ${at.x + r} ${at.y + r} M ${at.x + r} ${at.y - r} L ${at.x - r} ${at.y + r}`}
      />
      <text x={at.x} y={at.y + r * 1.5 + size} textAnchor="middle" fontSize={size}>
        {word}
      </text>
    </g>
  );
}

export function ScriptMarks({ timeline, g, sent, ends, cursor }: ScriptMarksProps) {
  const missing = useLab(selectMissing);
  const reached = useLab(selectGhostsReached);
  const lane = new Map(timeline.endpoints.map((e, i) => [e.name, g.lifelineX[i] ?? 0]));
  const size = g.noteSize;
  return (
    <>
      {sent.map((span) => {
        const replayed = span.send.replay !== undefined;
        if ((span.send.script?.verdict !== 'failed' && !replayed) || span.copy) return null;
        const arrow = ends.get(String(span.id));
        if (!arrow || span.endIndex < 0 || span.endIndex > cursor) return null;
        // Just before the arrow head: where the script received and judged it.
        const at = {
          x: arrow.x1 + (arrow.x2 - arrow.x1) * 0.82,
          y: arrow.y1 + (arrow.y2 - arrow.y1) * 0.82,
        };
        return (
          <MismatchMark
            key={`mismatch-${span.id}`}
            at={at}
            size={size}
            word={replayed ? 'differs' : 'mismatch'}
          />
        );
      })}
      {(missing ?? []).slice(0, reached).map((m) => {
        const x1 = lane.get(m.from) ?? 0;
        const x2 = lane.get(m.to) ?? 0;
        const y1 = timeY(g, m.t);
        const y2 = timeY(g, m.endsAt);
        const caption = m.caption ?? `expected: ${m.expected}`;
        const note = m.note ?? `(never sent · line ${m.line})`;
        const name =
          m.caption !== undefined
            ? `${caption} ${note} ${m.from} to ${m.to}`
            : `expected: ${m.expected} (never sent) ${m.from} to ${m.to}, line ${m.line}`;
        const mid = (x1 + x2) / 2;
        return (
          <g
            key={`missing-${m.line}`}
            className={styles.ghost}
            role="img"
            aria-label={name}
            tabIndex={0}
          >
            <title>{m.reason}</title>
            <line x1={x1} y1={y1} x2={x2} y2={y2} />
            {/* Below the ghost: a segment never sent ends the run, so nothing is drawn after it. */}
            <text x={mid} y={Math.max(y1, y2) + size * 1.4} textAnchor="middle" fontSize={size}>
              <tspan x={mid}>{caption}</tspan>
              <tspan x={mid} dy={size * 1.2}>
                {note}
              </tspan>
            </text>
          </g>
        );
      })}
    </>
  );
}
