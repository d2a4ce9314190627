/**
 * Where the playhead's time label sits: just above its line, unless a note beside the lifeline
 * (a state tag such as "ESTABLISHED", a timer note) or a break of the time axis is there; then
 * below the line, then further away. A tick's time the label covers gives way to it
 * (`tickGivesWay`): the playhead's own time is the one that matters at that height. Runs on
 * every animation frame, so it looks notes up by binary search.
 */

/**
 * The label's font size: never under 11 px, a little smaller than the diagram's text, and no
 * more than 16 px so that "127.01 s" fits the time gutter in projector-size type too.
 */
export function playheadLabelSize(fontSize: number): number {
  return Math.min(16, Math.max(11, fontSize - 3));
}

/** What the label keeps clear of, in content coordinates. */
export interface PlayheadLabelClear {
  /** The y of each note the label must not cover (centred there, `noteSize` tall), sorted. */
  readonly notes: Float64Array;
  /** The axis breaks drawn, as [top, bottom] pairs: the label never sits on a break's band. */
  readonly bands: Float64Array;
}

/** Where the label is, in content coordinates: its baseline, and its patch's top and bottom. */
export interface PlayheadLabelPlace {
  /** Relative to the playhead's line. */
  readonly baseline: number;
  readonly top: number;
  readonly bottom: number;
}

/** Whether a note centred at a y in `sortedYs` lies strictly between `top` and `bottom`. */
function occupied(sortedYs: Float64Array, top: number, bottom: number): boolean {
  let lo = 0;
  let hi = sortedYs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sortedYs[mid] as number) <= top) lo = mid + 1;
    else hi = mid;
  }
  return lo < sortedYs.length && (sortedYs[lo] as number) < bottom;
}

/** Whether [top, bottom] touches one of the [top, bottom] pairs in `bands`. */
function onBand(bands: Float64Array, top: number, bottom: number): boolean {
  for (let i = 0; i + 1 < bands.length; i += 2) {
    if (top <= (bands[i + 1] as number) && (bands[i] as number) <= bottom) return true;
  }
  return false;
}

/** The label's patch (its opaque background) around a baseline: the glyphs and a margin. */
function patchOf(labelSize: number, baseline: number) {
  return { top: baseline - labelSize, bottom: baseline + labelSize * 0.3 };
}

/**
 * The label's baseline, relative to the playhead line, clear of the notes centred at
 * `sortedYs` (content coordinates; `lineY` is the line's). Notes are `noteSize` px tall.
 * Clear of `bands` too when one of the places is: a label on a break's dotted edge reads as the
 * break's.
 */
export function playheadLabelBaseline(
  lineY: number,
  sortedYs: Float64Array,
  labelSize: number,
  noteSize: number,
  bands: Float64Array = new Float64Array(0),
): number {
  const gap = 5;
  const step = labelSize + gap;
  // Baselines above and below the line, alternating outward.
  const candidates = [-gap, labelSize + gap, -gap - step, labelSize + gap + step];
  const clearOfBands = candidates.filter((baseline) => {
    const patch = patchOf(labelSize, lineY + baseline);
    return !onBand(bands, patch.top - 1, patch.bottom + 1);
  });
  for (const baseline of clearOfBands) {
    // The label's glyphs run from about 0.75 of the font size above the baseline to 0.2 below;
    // a note (dominant-baseline: central) spans half its size either side of its y.
    const top = lineY + baseline - labelSize * 0.75 - noteSize / 2 - 1;
    const bottom = lineY + baseline + labelSize * 0.2 + noteSize / 2 + 1;
    if (!occupied(sortedYs, top, bottom)) return baseline;
  }
  return clearOfBands[0] ?? (candidates[0] as number);
}

/** The label's place for a playhead line at `lineY` (content coordinates). */
export function placePlayheadLabel(
  lineY: number,
  clear: PlayheadLabelClear,
  labelSize: number,
  noteSize: number,
): PlayheadLabelPlace {
  const baseline = playheadLabelBaseline(lineY, clear.notes, labelSize, noteSize, clear.bands);
  const patch = patchOf(labelSize, lineY + baseline);
  return { baseline, ...patch };
}

/**
 * Whether a tick's time, written centred at `tickY` in type `tickSize` px, gives way to the
 * playhead's label: when the two would touch or sit closer than a third of a line ("0 ms" just
 * above "0 ms" at the start of every run).
 */
export function tickGivesWay(tickY: number, tickSize: number, label: PlayheadLabelPlace): boolean {
  const margin = tickSize / 3;
  return tickY - tickSize / 2 - margin < label.bottom && label.top < tickY + tickSize / 2 + margin;
}
