/**
 * Placing segment labels so that none overlaps another or an arrow's ends. Each label first tries
 * spots along its own arrow (the middle, then nearer either end), preferring the spot that hides
 * the fewest other arrows (crossing arrows of a simultaneous close); when all are taken it moves
 * down the arrow's middle column and a leader line ties it back to its arrow. A label that does not
 * fit between the lifelines (a phone) wraps: its flags on the first line, its numbers below, so
 * no number is ever dropped.
 */

export interface LabelRequest {
  readonly key: string;
  readonly text: string;
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

export interface PlacedLabel {
  readonly key: string;
  readonly text: string;
  /** The text as drawn: one line, or the flags and then the numbers on narrow screens. */
  readonly lines: readonly string[];
  /** Distance between the centres of two lines. */
  readonly lineHeight: number;
  /** Centre of the label box. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** The point on the arrow the label belongs to. */
  readonly anchorX: number;
  readonly anchorY: number;
  /** True when the label sits away from its arrow and needs a leader line. */
  readonly displaced: boolean;
}

export interface LabelMetrics {
  readonly charWidth: number;
  /** Height of a one-line label box. */
  readonly height: number;
  /** What each further line adds to the box. */
  readonly lineHeight: number;
  /** Labels stay strictly between these x, clear of the lifelines and the arrows' ends. */
  readonly minX: number;
  readonly maxX: number;
}

const FRACTIONS = [0.5, 0.35, 0.65, 0.22, 0.78];
const PADDING_X = 6;

/**
 * Breaks a label into lines of at most `maxChars` characters: the whole label when it fits;
 * otherwise the tag and flags ("RTX SYN-ACK") first, then the numbers packed word by word. A
 * single word longer than the line keeps its own line whole: a number is never cut.
 */
export function wrapLabel(text: string, maxChars: number): string[] {
  if (text.length <= maxChars) return [text];
  const words = text.split(' ');
  const firstNumber = words.findIndex((word) => word.includes('='));
  const head = firstNumber <= 0 ? words.slice(0, 1) : words.slice(0, firstNumber);
  const lines = [head.join(' ')];
  let line = '';
  for (const word of words.slice(head.length)) {
    if (line !== '' && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

function boxAt(x: number, y: number, width: number, height: number): Box {
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
function arrowsUnder(box: Box, own: LabelRequest, all: readonly LabelRequest[], enough: number) {
  let count = 0;
  for (const r of all) {
    if (r === own || Math.max(r.y1, r.y2) < box.top || Math.min(r.y1, r.y2) > box.bottom) continue;
    if (arrowCrossesBox(r, box) && ++count >= enough) break;
  }
  return count;
}

export function layoutLabels(
  requests: readonly LabelRequest[],
  m: LabelMetrics,
  obstacles: readonly Obstacle[] = [],
): PlacedLabel[] {
  const maxChars = Math.max(3, Math.floor((m.maxX - m.minX - 2 * PADDING_X) / m.charWidth));
  const placed: Box[] = obstacles.map((o) => boxAt(o.x, o.y, o.width, o.height));
  const result: PlacedLabel[] = [];
  const sorted = [...requests].sort((a, b) => a.y1 + a.y2 - (b.y1 + b.y2));
  for (const request of sorted) {
    const text = request.text;
    const lines = wrapLabel(text, maxChars);
    const longest = Math.max(...lines.map((line) => line.length));
    const width = longest * m.charWidth + 2 * PADDING_X;
    const height = m.height + (lines.length - 1) * m.lineHeight;
    const clampX = (x: number) => Math.min(m.maxX - width / 2, Math.max(m.minX + width / 2, x));
    const pointAt = (f: number) => ({
      x: request.x1 + (request.x2 - request.x1) * f,
      y: request.y1 + (request.y2 - request.y1) * f,
    });
    let chosen: PlacedLabel | undefined;
    let chosenBox: Box | undefined;
    let fewest = Infinity;
    for (const f of FRACTIONS) {
      const anchor = pointAt(f);
      const x = clampX(anchor.x);
      const box = boxAt(x, anchor.y, width, height);
      if (placed.some((other) => overlaps(box, other))) continue;
      const hidden = arrowsUnder(box, request, requests, fewest);
      if (hidden >= fewest) continue;
      fewest = hidden;
      chosenBox = box;
      chosen = {
        key: request.key,
        text,
        lines,
        lineHeight: m.lineHeight,
        x,
        y: anchor.y,
        width,
        height,
        anchorX: anchor.x,
        anchorY: anchor.y,
        displaced: false,
      };
      if (hidden === 0) break;
    }
    if (chosenBox) placed.push(chosenBox);
    if (!chosen) {
      const anchor = pointAt(0.5);
      const x = clampX(anchor.x);
      let y = anchor.y;
      // Slide down in steps of a label's height until the box is free.
      for (let step = 1; step < 200; step++) {
        y = anchor.y + step * (height * 0.6);
        if (!placed.some((other) => overlaps(boxAt(x, y, width, height), other))) break;
      }
      placed.push(boxAt(x, y, width, height));
      chosen = {
        key: request.key,
        text,
        lines,
        lineHeight: m.lineHeight,
        x,
        y,
        width,
        height,
        anchorX: anchor.x,
        anchorY: anchor.y,
        displaced: true,
      };
    }
    result.push(chosen);
  }
  return result;
}
