/**
 * The boxes of label layout: overlap of two boxes, and whether an arrow passes through a box
 * (the layout prefers spots that hide no other arrow).
 */
import type { LabelRequest } from './label-layout';

export interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

export function boxAt(x: number, y: number, width: number, height: number): Box {
  return { left: x - width / 2, right: x + width / 2, top: y - height / 2, bottom: y + height / 2 };
}

/** A rectangle labels must not cover (a loss mark and its word), given by its centre and size. */
export interface Obstacle {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Whether the arrow's line passes through the box (Liang–Barsky clipping of the segment). */
function arrowCrossesBox(r: LabelRequest, box: Box): boolean {
  const dx = r.x2 - r.x1;
  const dy = r.y2 - r.y1;
  let t0 = 0;
  let t1 = 1;
  const edges: readonly (readonly [number, number])[] = [
    [-dx, r.x1 - box.left],
    [dx, box.right - r.x1],
    [-dy, r.y1 - box.top],
    [dy, box.bottom - r.y1],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}

/** How many arrows other than the label's own the box would hide (stops early at `enough`). */
export function arrowsUnder(
  box: Box,
  own: LabelRequest,
  all: readonly LabelRequest[],
  enough: number,
) {
  let count = 0;
  for (const r of all) {
    if (r === own || Math.max(r.y1, r.y2) < box.top || Math.min(r.y1, r.y2) > box.bottom) continue;
    if (arrowCrossesBox(r, box) && ++count >= enough) break;
  }
  return count;
}
