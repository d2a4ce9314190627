/**
 * Which rows of a long table to render: only those in the scrolled viewport plus a small
 * margin, with fixed-height rows so positions are arithmetic and not measured.
 */
export interface RowWindow {
  readonly first: number;
  /** Exclusive. */
  readonly last: number;
}

export function visibleRows(
  count: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  overscan = 8,
): RowWindow {
  if (count === 0) return { first: 0, last: 0 };
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan);
  return { first, last: Math.max(first, last) };
}

/**
 * The scrollTop that brings row `index` into view with the least movement, or undefined if it
 * already is fully visible. `headerHeight` is the sticky header covering the top.
 */
export function scrollToShow(
  index: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  headerHeight: number,
): number | undefined {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight - headerHeight) {
    return bottom - viewportHeight + headerHeight;
  }
  return undefined;
}
