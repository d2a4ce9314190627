/**
 * Binary searches over sorted number arrays. Seeking in the timeline is a search, never a replay,
 * so moving the playhead costs O(log n) whether the trace holds 100 events or 100,000.
 */

/** The first index whose value is greater than `value` (values sorted ascending). */
export function upperBound(values: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((values[mid] as number) <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The first index whose value is greater than or equal to `value` (values sorted ascending). */
export function lowerBound(values: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((values[mid] as number) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
