/**
 * Galloping search in a sorted id list (Bentley & Yao's exponential search): the move of a
 * posting cursor to a target id, costing O(log distance) rather than O(log list).
 */

/** First index in [lo, end) whose id is ≥ target (end when none): galloping, then binary search. */
export function gallop(ids: Int32Array, lo: number, end: number, target: number): number {
  let step = 1;
  let hi = lo;
  while (hi < end && ids[hi] < target) {
    lo = hi + 1;
    hi += step;
    step *= 2;
  }
  if (hi > end) hi = end;
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if (ids[m] < target) lo = m + 1;
    else hi = m;
  }
  return lo;
}
