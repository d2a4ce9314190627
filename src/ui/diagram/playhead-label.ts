/**
 * Where the playhead's time label sits: just above its line, unless a note beside the lifeline
 * (a state tag such as "ESTABLISHED", a timer note) is there; then below the line, then further
 * away. Runs on every animation frame, so it looks notes up by binary search.
 */

/**
 * The label's font size: never under 11 px, a little smaller than the diagram's text, and no
 * more than 16 px so that "127.01 s" fits the time gutter in projector-size type too.
 */
export function playheadLabelSize(fontSize: number): number {
  return Math.min(16, Math.max(11, fontSize - 3));
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

/**
 * The label's baseline, relative to the playhead line, clear of the notes centred at
 * `sortedYs` (content coordinates; `lineY` is the line's). Notes are `noteSize` px tall.
 */
export function playheadLabelBaseline(
  lineY: number,
  sortedYs: Float64Array,
  labelSize: number,
  noteSize: number,
): number {
  const gap = 5;
  const step = labelSize + gap;
  // Baselines above and below the line, alternating outward.
  const candidates = [-gap, labelSize + gap, -gap - step, labelSize + gap + step];
  for (const baseline of candidates) {
    // The label's glyphs run from about 0.75 of the font size above the baseline to 0.2 below;
    // a note (dominant-baseline: central) spans half its size either side of its y.
    const top = lineY + baseline - labelSize * 0.75 - noteSize / 2 - 1;
    const bottom = lineY + baseline + labelSize * 0.2 + noteSize / 2 + 1;
    if (!occupied(sortedYs, top, bottom)) return baseline;
  }
  return candidates[0] as number;
}
