/**
 * Where the diagram's marks go before segment labels are laid out around them: the ✕ "lost"
 * of each lost segment, and the "⋯ 59.95 s ⋯" of each break of a compressed time axis. Loss
 * marks that would overprint one another (lost segments at nearly the same place) merge into
 * one mark that counts them; a break's words move along the break to a spot no mark covers.
 */
import type { AxisBreak } from '../../store';
import { breakLabel } from './break-label';
import { boxAt, overlaps, type Box, type Obstacle } from './label-boxes';

export interface LossRequest {
  readonly key: string;
  /** Where the segment stopped. */
  readonly x: number;
  readonly y: number;
  /**
   * Marks group only with marks of the same kind (sender and words), so a named end's refused
   * SYN keeps its own mark beside a flood's.
   */
  readonly kind?: string;
}

export interface MarkMetrics {
  readonly fontSize: number;
  readonly noteSize: number;
  readonly charWidth: number;
  /** The lifelines' x, left to right: break words sit between the outer two. */
  readonly lifelineX: readonly number[];
}

/** The box a loss mark (✕ over the word "lost", or "lost ×3") covers, as an obstacle. */
export function lossBox(x: number, y: number, m: MarkMetrics, chars = 8): Obstacle {
  const mark = m.fontSize * 0.55;
  const top = y - mark;
  const bottom = y + mark + m.fontSize * 1.35;
  return {
    x,
    y: (top + bottom) / 2,
    width: Math.max(2 * mark, chars * m.charWidth),
    height: bottom - top,
  };
}

/**
 * Loss marks grouped so none overprints another: each group is drawn once, at its first
 * member's stop, and says how many of its members are lost by the cursor. In y order.
 */
export function groupLossMarks(requests: readonly LossRequest[], m: MarkMetrics): string[][] {
  const groups: { keys: string[]; box: Box; kind: string | undefined }[] = [];
  const sorted = [...requests].sort((a, b) => a.y - b.y || a.x - b.x);
  for (const r of sorted) {
    const o = lossBox(r.x, r.y, m);
    const box = boxAt(o.x, o.y, o.width, o.height);
    const group = groups.find((g) => g.kind === r.kind && overlaps(g.box, box));
    if (group) group.keys.push(r.key);
    else groups.push({ keys: [r.key], box, kind: r.kind });
  }
  return groups.map((g) => g.keys);
}

/** Fractions of the way between the outer lifelines tried for a break's words, best first. */
const BREAK_SPOTS = [0.5, 0.72, 0.28, 0.86, 0.14];

/** The break's words: centred in the break, at the first spot along it that no mark covers. */
export function placeBreakLabel(
  b: AxisBreak,
  top: number,
  bottom: number,
  m: MarkMetrics,
  marks: readonly Obstacle[],
): Obstacle {
  const first = m.lifelineX[0] ?? 0;
  const last = m.lifelineX[m.lifelineX.length - 1] ?? first;
  const width = breakLabel(b).length * m.charWidth * (m.noteSize / m.fontSize) + 12;
  const height = m.noteSize + 6;
  const y = (top + bottom) / 2;
  const taken = marks.map((o) => boxAt(o.x, o.y, o.width, o.height));
  let chosen: Obstacle | undefined;
  for (const f of BREAK_SPOTS) {
    const spot = { x: first + (last - first) * f, y, width, height };
    chosen ??= spot;
    if (!taken.some((box) => overlaps(box, boxAt(spot.x, spot.y, width, height)))) return spot;
  }
  return chosen as Obstacle;
}
