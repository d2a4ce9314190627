/**
 * Which items, among those that started by time `to`, are still alive at time `from`? Items are
 * kept in start order, so "started by `to`" is a prefix found by binary search; "still alive"
 * is answered by a tree of maxima over their end times, which skips every subtree that ended
 * before `from`. A query costs O((k + 1) log n) for k answers, even when one item (a keepalive
 * or TIME-WAIT timer) lives across the whole run — a running maximum would then scan everything.
 */

/** The tree as an array: node 1 is the root, node i has children 2i and 2i + 1. */
export interface MaxTree {
  /** Leaves in the tree (a power of two, at least 1). */
  readonly leaves: number;
  readonly max: Float64Array;
}

export function buildMaxTree(ends: ArrayLike<number>): MaxTree {
  let leaves = 1;
  while (leaves < ends.length) leaves *= 2;
  const max = new Float64Array(2 * leaves).fill(-Infinity);
  for (let i = 0; i < ends.length; i++) max[leaves + i] = ends[i] as number;
  for (let node = leaves - 1; node >= 1; node--) {
    max[node] = Math.max(max[2 * node] as number, max[2 * node + 1] as number);
  }
  return { leaves, max };
}

/** Calls `visit(i)`, in ascending order, for every i < `count` whose end is ≥ `from`. */
export function eachEndingFrom(
  tree: MaxTree,
  count: number,
  from: number,
  visit: (index: number) => void,
): void {
  const descend = (node: number, lo: number, hi: number) => {
    if (lo >= count || (tree.max[node] as number) < from) return;
    if (hi - lo === 1) {
      visit(lo);
      return;
    }
    const mid = (lo + hi) >>> 1;
    descend(2 * node, lo, mid);
    descend(2 * node + 1, mid, hi);
  };
  if (count > 0) descend(1, 0, tree.leaves);
}
