/**
 * Placing segment labels so that none overlaps another or an arrow's ends. Each label first tries
 * spots along its own arrow (the middle, then nearer either end), preferring the spot that hides
 * the fewest other arrows (crossing arrows of a simultaneous close); when all are taken it moves
 * down the arrow's middle column (or else up it), its near edge at most one and a half one-line
 * label heights from the arrow however many lines it has, and a leader line ties it back to its
 * arrow. Labels with no room even there are counted in one note per crowd. A label that does
 * not fit between the lifelines (a phone) wraps: its flags on the first line, its numbers below,
 * so no number is ever dropped.
 */

import { arrowsUnder, boxAt, overlaps, type Box, type Obstacle } from './label-boxes';

export type { Obstacle } from './label-boxes';

export interface LabelRequest {
  readonly key: string;
  readonly text: string;
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  /** Lower goes first (0 when not given): a flood's labels yield to the named ends'. */
  readonly priority?: number;
  /** Lines of its own (a ghost's segment, then why it is a ghost), each wrapped if too long. */
  readonly lines?: readonly string[];
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
  /** For a note that stands for labels with no room near their arrows: their keys; else []. */
  readonly stands: readonly string[];
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
  /** No label box above this y (the diagram's top edge fades out text under it). */
  readonly minY?: number;
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

export function layoutLabels(
  requests: readonly LabelRequest[],
  m: LabelMetrics,
  obstacles: readonly Obstacle[] = [],
): PlacedLabel[] {
  const maxChars = Math.max(3, Math.floor((m.maxX - m.minX - 2 * PADDING_X) / m.charWidth));
  const placed: Box[] = obstacles.map((o) => boxAt(o.x, o.y, o.width, o.height));
  const result: PlacedLabel[] = [];
  const crowded: Crowded[] = [];
  const sorted = [...requests].sort(
    (a, b) => (a.priority ?? 0) - (b.priority ?? 0) || a.y1 + a.y2 - (b.y1 + b.y2),
  );
  for (const request of sorted) {
    const lines = request.lines
      ? request.lines.flatMap((line) => wrapLabel(line, maxChars))
      : wrapLabel(request.text, maxChars);
    const size = boxSize(lines, m);
    const label = onArrow(request, lines, size, m, placed, requests);
    const below = { key: request.key, text: request.text, lines, size, ...pointOn(request, 0.5) };
    const placedLabel =
      label ??
      slideDown(below, m, placed, maxSlide(size, m, request.lines !== undefined)) ??
      slideDown(below, m, placed, maxSlide(size, m, request.lines !== undefined), [], -1);
    if (placedLabel) result.push(placedLabel);
    else crowded.push(below);
  }
  return [...result, ...summarize(crowded, m, placed)];
}

/**
 * Label heights a displaced label may move down from its arrow; further on it misleads (a viewer
 * at the back of a room reads a label as belonging to the arrow nearest it).
 */
const MAX_SLIDE = 2;

/**
 * How far a displaced label's centre may move, in px: as far as a one-line label's may
 * (`MAX_SLIDE` of its heights), measured from the label's near edge, so a label a phone wraps
 * onto four lines moves no further from its arrow than a short one. Measured in its own heights,
 * such a label slid 120 px and sat beside the next arrow down (slow-start at 390 px).
 */
function maxSlide(size: { height: number }, m: LabelMetrics, ownLines: boolean): number {
  // A label of lines of its own (a ghost's segment, then why it is a ghost) is read as one
  // block at any width, and keeps two of its own heights.
  if (ownLines) return MAX_SLIDE * size.height;
  return (MAX_SLIDE - 0.5) * m.height + size.height / 2;
}

function boxSize(lines: readonly string[], m: LabelMetrics) {
  const longest = Math.max(...lines.map((line) => line.length));
  return {
    width: longest * m.charWidth + 2 * PADDING_X,
    height: m.height + (lines.length - 1) * m.lineHeight,
  };
}

function pointOn(r: LabelRequest, f: number) {
  return { x: r.x1 + (r.x2 - r.x1) * f, y: r.y1 + (r.y2 - r.y1) * f };
}

function clampX(x: number, width: number, m: LabelMetrics): number {
  return Math.min(m.maxX - width / 2, Math.max(m.minX + width / 2, x));
}

/** The free spot on the arrow that hides the fewest other arrows, or undefined. */
function onArrow(
  request: LabelRequest,
  lines: readonly string[],
  size: { width: number; height: number },
  m: LabelMetrics,
  placed: Box[],
  requests: readonly LabelRequest[],
): PlacedLabel | undefined {
  let chosen: PlacedLabel | undefined;
  let chosenBox: Box | undefined;
  let fewest = Infinity;
  for (const f of FRACTIONS) {
    const anchor = pointOn(request, f);
    const x = clampX(anchor.x, size.width, m);
    const box = boxAt(x, anchor.y, size.width, size.height);
    if (placed.some((other) => overlaps(box, other))) continue;
    const hidden = arrowsUnder(box, request, requests, fewest);
    if (hidden >= fewest) continue;
    fewest = hidden;
    chosenBox = box;
    chosen = {
      key: request.key,
      text: request.text,
      lines,
      lineHeight: m.lineHeight,
      x,
      y: anchor.y,
      ...size,
      anchorX: anchor.x,
      anchorY: anchor.y,
      displaced: false,
      stands: [],
    };
    if (hidden === 0) break;
  }
  if (chosenBox) placed.push(chosenBox);
  return chosen;
}

/**
 * Slides a label down (or up) the middle column in steps of 0.6 of its height until its box is
 * free, its centre at most `maxShift` px from the anchor; undefined when there is no room.
 */
function slideDown(
  label: Crowded,
  m: LabelMetrics,
  placed: Box[],
  maxShift: number,
  stands: readonly string[] = [],
  /** 1 down the column; -1 up it (a flood's burst, whose room below is taken). */
  direction: 1 | -1 = 1,
): PlacedLabel | undefined {
  const { key, text, lines, size } = label;
  const x = clampX(label.x, size.width, m);
  const step = size.height * 0.6;
  for (let i = 1; i * step <= maxShift; i++) {
    const y = label.y + direction * i * step;
    const box = boxAt(x, y, size.width, size.height);
    if (box.top < (m.minY ?? -Infinity)) break;
    if (placed.some((other) => overlaps(box, other))) continue;
    placed.push(box);
    const anchor = { anchorX: label.x, anchorY: label.y };
    return {
      key,
      text,
      lines,
      lineHeight: m.lineHeight,
      x,
      y,
      ...size,
      ...anchor,
      displaced: true,
      stands,
    };
  }
  return undefined;
}

/** A label to place below its anchor (the middle of its arrow), with its size. */
interface Crowded {
  readonly key: string;
  readonly text: string;
  readonly lines: readonly string[];
  readonly size: { width: number; height: number };
  readonly x: number;
  readonly y: number;
}

/**
 * One note for each run of labels that found no room near their arrows (a SYN flood at the
 * default zoom): "+5 more · zoom in", just below them. The arrows keep their names, and the event
 * log lists every segment. A run of one gets a note too: its label further down would sit beside
 * some other arrow and be read as that arrow's.
 */
function summarize(crowded: readonly Crowded[], m: LabelMetrics, placed: Box[]): PlacedLabel[] {
  const notes: PlacedLabel[] = [];
  let run: Crowded[] = [];
  const flush = () => {
    const first = run[0];
    if (!first) return;
    const note = crowdNote(run, first, m, placed);
    if (note) notes.push(note);
    run = [];
  };
  for (const c of crowded) {
    const last = run[run.length - 1];
    if (last && c.y - last.y > 4 * m.height) flush();
    run.push(c);
  }
  flush();
  return notes;
}

function crowdNote(run: readonly Crowded[], first: Crowded, m: LabelMetrics, placed: Box[]) {
  const text = `+${run.length} more · zoom in`;
  const note = { key: `more:${first.key}`, text, lines: [text], size: boxSize([text], m) };
  return slideDown(
    { ...note, x: first.x, y: first.y },
    m,
    placed,
    200 * note.size.height,
    run.map((c) => c.key),
  );
}
