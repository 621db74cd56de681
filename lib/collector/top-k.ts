/**
 * Picks the best `k` of `n` candidates with a bounded binary heap: O(n log k) instead of sorting
 * the whole match set, which matters when a common word matches most of the archive.
 */

/** Returns the `k` best items of `items[0..n)` in order, best first. `better(a, b)` < 0 when a ranks above b. */
export function topK(items: Int32Array, n: number, k: number, better: (a: number, b: number) => number): number[] {
  if (k <= 0 || n === 0) return [];
  if (k >= n / 2) {
    const all = Array.from(items.subarray(0, n));
    all.sort(better);
    return all.slice(0, k);
  }
  // Max-heap on "worst first": the root is the worst of the kept items.
  const heap: number[] = [];
  const worse = (a: number, b: number): boolean => better(a, b) > 0;
  const siftUp = (i: number): void => {
    const x = heap[i];
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!worse(x, heap[parent])) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = x;
  };
  const siftDown = (i: number): void => {
    const len = heap.length;
    const x = heap[i];
    for (;;) {
      let c = 2 * i + 1;
      if (c >= len) break;
      if (c + 1 < len && worse(heap[c + 1], heap[c])) c++;
      if (!worse(heap[c], x)) break;
      heap[i] = heap[c];
      i = c;
    }
    heap[i] = x;
  };
  for (let i = 0; i < n; i++) {
    const item = items[i];
    if (heap.length < k) {
      heap.push(item);
      siftUp(heap.length - 1);
    } else if (worse(heap[0], item)) {
      heap[0] = item;
      siftDown(0);
    }
  }
  return heap.sort(better);
}

/**
 * The `k` items of `items[0..n)` with the highest `score`, best first (ties: lower item first).
 * Same result shape as {@link topK} for a plain numeric order, without a comparator closure per
 * comparison: the query path uses it to pick refinement candidates from large match sets.
 */
export function topKByScore(items: Int32Array, n: number, k: number, score: Float64Array): number[] {
  if (k <= 0 || n === 0) return [];
  k = Math.min(k, n);
  // Min-heap of the best k seen so far: the root is the weakest kept item. Once full, most items
  // are rejected by one comparison with the root's score, kept in a local.
  // A plain array: a typed one this small is still allocated off the JS heap, slow to make.
  const heap: number[] = [];
  let size = 0;
  const weaker = (a: number, b: number): boolean => score[a] < score[b] || (score[a] === score[b] && a > b);
  for (; size < k; size++) {
    const x = items[size];
    let j = size;
    while (j > 0) {
      const parent = (j - 1) >> 1;
      if (!weaker(x, heap[parent])) break;
      heap[j] = heap[parent];
      j = parent;
    }
    heap[j] = x;
  }
  let rootScore = score[heap[0]];
  for (let i = k; i < n; i++) {
    const x = items[i];
    const sx = score[x];
    if (sx < rootScore || (sx === rootScore && x > heap[0])) continue;
    let j = 0;
    for (;;) {
      let c = 2 * j + 1;
      if (c >= k) break;
      if (c + 1 < k && weaker(heap[c + 1], heap[c])) c++;
      if (!weaker(heap[c], x)) break;
      heap[j] = heap[c];
      j = c;
    }
    heap[j] = x;
    rootScore = score[heap[0]];
  }
  return heap.sort((a, b) => score[b] - score[a] || a - b);
}
