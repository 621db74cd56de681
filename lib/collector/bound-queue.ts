/**
 * Documents waiting for an exact score, highest upper bound first (a binary max-heap over typed
 * arrays that grow as needed and are reused from query to query): the pruned top-k scores them in
 * this order and stops at the first whose bound is below the page's threshold.
 */

/** A max-heap of documents keyed by an upper bound of their score. */
export class BoundQueue {
  private bounds = new Float64Array(64);
  private docs = new Int32Array(64);
  private size = 0;

  /** Number of documents waiting. */
  get length(): number {
    return this.size;
  }

  /** The largest bound waiting (−Infinity when empty). */
  get topBound(): number {
    return this.size > 0 ? this.bounds[0] : -Infinity;
  }

  /** Empties the queue. */
  clear(): void {
    this.size = 0;
  }

  /** Adds document `d` with upper bound `bound`. */
  push(d: number, bound: number): void {
    if (this.size === this.bounds.length) {
      const bounds = new Float64Array(2 * this.size);
      const docs = new Int32Array(2 * this.size);
      bounds.set(this.bounds);
      docs.set(this.docs);
      this.bounds = bounds;
      this.docs = docs;
    }
    const { bounds, docs } = this;
    let j = this.size++;
    while (j > 0) {
      const parent = (j - 1) >> 1;
      if (bounds[parent] >= bound) break;
      bounds[j] = bounds[parent];
      docs[j] = docs[parent];
      j = parent;
    }
    bounds[j] = bound;
    docs[j] = d;
  }

  /** Calls `fn(doc, bound)` for every waiting document, in no particular order. */
  forEach(fn: (doc: number, bound: number) => void): void {
    for (let i = 0; i < this.size; i++) fn(this.docs[i], this.bounds[i]);
  }

  /** Removes the documents whose bound is below `min`. */
  dropBelow(min: number): void {
    const { bounds, docs } = this;
    let n = 0;
    for (let i = 0; i < this.size; i++) {
      if (bounds[i] < min) continue;
      bounds[n] = bounds[i];
      docs[n++] = docs[i];
    }
    this.size = n;
    this.heapify();
  }

  /** Replaces every waiting document's bound by `fn(doc, bound)` (a tighter one) and restores the order. */
  rebound(fn: (doc: number, bound: number) => number): void {
    const { bounds, docs } = this;
    for (let i = 0; i < this.size; i++) bounds[i] = fn(docs[i], bounds[i]);
    this.heapify();
  }

  /** Floyd's heap construction: sift every parent down, last first. */
  private heapify(): void {
    for (let start = (this.size >> 1) - 1; start >= 0; start--) this.siftDown(start, this.bounds[start], this.docs[start]);
  }

  /** Removes and returns the document with the largest bound (the queue must not be empty). */
  pop(): number {
    const top = this.docs[0];
    const n = --this.size;
    this.siftDown(0, this.bounds[n], this.docs[n]);
    return top;
  }

  /** Puts document `xd` with bound `xb` at slot j, or below it where the heap order puts it. */
  private siftDown(j: number, xb: number, xd: number): void {
    const { bounds, docs } = this;
    const n = this.size;
    for (;;) {
      let c = 2 * j + 1;
      if (c >= n) break;
      if (c + 1 < n && bounds[c + 1] > bounds[c]) c++;
      if (bounds[c] <= xb) break;
      bounds[j] = bounds[c];
      docs[j] = docs[c];
      j = c;
    }
    bounds[j] = xb;
    docs[j] = xd;
  }
}
