/**
 * The k-th largest of a stream of numbers (a bounded min-heap): for the pruned top-k, the k-th
 * best lower bound of the documents seen, below which no document can enter the page, since k
 * documents are already sure to score at least that much.
 */

/** The k-th largest value offered so far. */
export class TopKThreshold {
  private readonly heap: Float64Array;
  private size = 0;

  constructor(private readonly k: number) {
    this.heap = new Float64Array(k);
  }

  /** The k-th largest value offered, or −Infinity while fewer than `k` were (always for k = 0). */
  get value(): number {
    return this.size === this.k && this.k > 0 ? this.heap[0] : -Infinity;
  }

  /** Offers a value. */
  add(x: number): void {
    const heap = this.heap;
    const k = this.k;
    if (this.size < k) {
      let j = this.size++;
      while (j > 0) {
        const parent = (j - 1) >> 1;
        if (heap[parent] <= x) break;
        heap[j] = heap[parent];
        j = parent;
      }
      heap[j] = x;
      return;
    }
    if (k === 0 || x <= heap[0]) return;
    let j = 0;
    for (;;) {
      let c = 2 * j + 1;
      if (c >= k) break;
      if (c + 1 < k && heap[c + 1] < heap[c]) c++;
      if (heap[c] >= x) break;
      heap[j] = heap[c];
      j = c;
    }
    heap[j] = x;
  }
}
