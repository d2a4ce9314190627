/**
 * Placing segment labels so that none overlaps another or an arrow's ends. Each label first tries
 * spots along its own arrow (the middle, then nearer either end); when all are taken it moves
 * down the arrow's middle column and a leader line ties it back to its arrow. Labels that do not
 * fit between the lifelines are shortened a word at a time ("PSH-ACK seq=701 ack=201").
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
  readonly height: number;
  /** Labels stay strictly between these x, clear of the lifelines and the arrows' ends. */
  readonly minX: number;
  readonly maxX: number;
}

const FRACTIONS = [0.5, 0.35, 0.65, 0.22, 0.78];
const PADDING_X = 6;

/** Shortens a label word by word (then with an ellipsis) to at most `maxChars` characters. */
export function fitLabel(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const words = text.split(' ');
  while (words.length > 1 && words.join(' ').length > maxChars) words.pop();
  const kept = words.join(' ');
  if (kept.length <= maxChars) return kept;
  return `${kept.slice(0, Math.max(1, maxChars - 1))}…`;
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
    const text = fitLabel(request.text, maxChars);
    const width = text.length * m.charWidth + 2 * PADDING_X;
    const height = m.height;
    const clampX = (x: number) => Math.min(m.maxX - width / 2, Math.max(m.minX + width / 2, x));
    const pointAt = (f: number) => ({
      x: request.x1 + (request.x2 - request.x1) * f,
      y: request.y1 + (request.y2 - request.y1) * f,
    });
    let chosen: PlacedLabel | undefined;
    for (const f of FRACTIONS) {
      const anchor = pointAt(f);
      const x = clampX(anchor.x);
      const box = boxAt(x, anchor.y, width, height);
      if (placed.some((other) => overlaps(box, other))) continue;
      chosen = {
        key: request.key,
        text,
        x,
        y: anchor.y,
        width,
        height,
        anchorX: anchor.x,
        anchorY: anchor.y,
        displaced: false,
      };
      placed.push(box);
      break;
    }
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
