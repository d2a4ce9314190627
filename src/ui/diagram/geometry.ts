/**
 * Where things go in the sequence diagram: lifeline columns, the time scale, and the window of
 * time the view shows. Pure functions of the container size, the zoom, the time axis and the
 * playhead, so the picture at a moment is always the same picture. Vertical positions go through
 * the time axis (store/time-axis.ts): compressed, a quiet minute takes a short marked break.
 */
import { toAxis, trueAxis, type TimeAxis } from '../../store';

export interface DiagramSize {
  readonly width: number;
  readonly height: number;
}

export interface Geometry {
  readonly width: number;
  readonly height: number;
  /** x of each lifeline, left to right. */
  readonly lifelineX: readonly number[];
  /** Space between the time gutter and a lifeline, where state tags and timers sit. */
  readonly margin: number;
  /** Width of the time-axis gutter on the left (0 on narrow screens). */
  readonly gutter: number;
  /** Vertical pixels per unit of the time axis (a virtual millisecond outside breaks). */
  readonly pxPerMs: number;
  /** The time axis: true scale, or with quiet stretches compressed into breaks. */
  readonly axis: TimeAxis;
  /** Blank space above t=0 and below the last moment in view. */
  readonly pad: number;
  readonly fontSize: number;
  /** Font size of the notes beside the lifelines (state tags, timers): never under 11 px. */
  readonly noteSize: number;
  /** Width of one character of the monospace label font (estimate, for layout). */
  readonly charWidth: number;
  readonly compact: boolean;
}

const MONOSPACE_CHAR_RATIO = 0.62;

/** The width of `chars` characters of the diagram's monospace font at `fontSize` (an estimate). */
export function textWidth(chars: number, fontSize: number): number {
  return chars * fontSize * MONOSPACE_CHAR_RATIO;
}

/**
 * A note's words beside a lifeline (a state tag, a timer's note), as laid out and as drawn:
 * their natural width, or, when longer than the room there, squeezed to it (an SVG textLength,
 * `fit`), never below one glyph's width so the textLength stays positive between crowded lanes.
 */
export function fitNote(
  chars: number,
  fontSize: number,
  room: number,
): { width: number; fit: number | undefined } {
  const natural = textWidth(chars, fontSize);
  const fit = natural > room ? Math.max(room, fontSize) : undefined;
  return { width: fit ?? natural, fit };
}

export interface GeometryOptions {
  /** Projector-size type: labels 22 px, notes 20 px (presentation mode, or asked for). */
  readonly large?: boolean;
  readonly axis?: TimeAxis;
  /**
   * The last lifeline keeps no TCP state (a flood's spoofed sources): it has no notes beside it,
   * so it stands nearer the edge (room for a loss mark's words), and the lanes that have notes
   * get the width.
   */
  readonly quietLast?: boolean;
}

export function diagramGeometry(
  size: DiagramSize,
  lifelines: number,
  viewSpan: number,
  { large = false, axis = trueAxis(viewSpan), quietLast = false }: GeometryOptions = {},
): Geometry {
  const compact = size.width < 620;
  const fontSize = large ? (compact ? 16 : 22) : compact ? 12 : 15;
  const charWidth = textWidth(1, fontSize);
  const noteSize = large ? fontSize - 2 : Math.max(11, fontSize - 2);
  const gutter = compact ? 0 : large ? 84 : 64;
  // Room beside each lifeline for the longest state name ("SYN-RECEIVED") and, on wider screens,
  // a timer's longest note ("Delayed ACK stopped"). On a phone every pixel between the lifelines
  // keeps a label on two lines rather than three.
  // In projector-size type the margin holds "SYN-RECEIVED" whole; longer timer notes narrow.
  const noteChars = compact ? 12 : large ? 14 : 20;
  const margin = Math.ceil(noteChars * noteSize * MONOSPACE_CHAR_RATIO) + 20;
  const left = gutter + margin;
  const right = size.width - (quietLast ? Math.min(margin, 7 * charWidth + 20) : margin);
  const count = Math.max(1, lifelines);
  const lifelineX = Array.from({ length: count }, (_, i) =>
    count === 1 ? (left + right) / 2 : left + ((right - left) * i) / (count - 1),
  );
  const pad = fontSize * 2;
  const pxPerMs = Math.max(1e-6, (size.height - 2 * pad) / Math.max(1e-3, viewSpan));
  return {
    width: size.width,
    height: size.height,
    lifelineX,
    margin,
    gutter,
    pxPerMs,
    axis,
    pad,
    fontSize,
    noteSize,
    charWidth,
    compact,
  };
}

/**
 * The first axis position in view (all three arguments are on the time axis): the view follows
 * the playhead, keeping it about two thirds down so the learner sees what led here and a little
 * of what comes; it never scrolls before t=0 nor past the end. A run that nearly fits is not
 * scrolled by a sliver: that would cut the first notes and tick in half at the top edge for a
 * little more room at the bottom.
 */
export function viewStartAt(t: number, viewSpan: number, endTime: number): number {
  // Room below the end for the last labels and marks.
  const latest = endTime - viewSpan * 0.8;
  if (latest < viewSpan * 0.1) return 0;
  return Math.min(latest, Math.max(0, t - viewSpan * 0.65));
}

/**
 * The stretch of the axis the diagram renders: the view rounded out to half-span blocks, so React
 * re-renders the arrows only when the view crosses a block, not on every animation frame.
 */
export function renderWindow(t: number, viewSpan: number, endTime: number) {
  const half = viewSpan / 2;
  const block = Math.floor(viewStartAt(t, viewSpan, endTime) / half);
  return { block, from: (block - 1) * half, to: (block + 4) * half };
}

/** y of virtual time `t` in content coordinates (before the view's scroll). */
export function timeY(g: Geometry, t: number): number {
  return g.pad + toAxis(g.axis, t) * g.pxPerMs;
}

/** Tick spacing: a round number of milliseconds giving ticks about 80 px apart. */
export function tickStep(pxPerMs: number): number {
  const target = 80 / pxPerMs;
  const magnitude = 10 ** Math.floor(Math.log10(target));
  for (const factor of [1, 2, 5, 10]) if (magnitude * factor >= target) return magnitude * factor;
  return magnitude * 10;
}

/** "1.25 s" or "62.5 ms": how the diagram writes times. */
export function formatTime(ms: number): string {
  if (Math.abs(ms) >= 1000) return `${trimNumber(ms / 1000, 3)} s`;
  return `${trimNumber(ms, 1)} ms`;
}

function trimNumber(value: number, digits: number): string {
  return Number(value.toFixed(digits)).toString();
}
