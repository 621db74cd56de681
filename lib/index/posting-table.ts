/**
 * Posting lists for every term in compressed-sparse-row form: one `offsets` array indexed by term
 * id, and parallel columns (`ids` plus value columns such as term frequencies).
 *
 * New postings are appended to a pending log and merged into the sealed arrays on the next
 * `seal()`: bulk indexing costs one counting sort at the end instead of a push per posting into
 * tens of thousands of small per-term arrays, and the query path reads flat typed arrays.
 * Ids are appended in increasing order, so every posting list is sorted by id.
 */
import { GrowableArray } from './growable-array.js';

/**
 * A value column. Built tables hold Int32Array; a snapshot stores small counts in the narrowest
 * type that holds them and the loaded table reads them in place, so columns may be narrower.
 */
export type ValueColumn = Int32Array | Uint16Array | Uint8Array;

export class PostingTable {
  /** offsets[t] … offsets[t + 1] is term t's range in `ids` and the value columns. */
  offsets: Int32Array = new Int32Array(1);
  ids: Int32Array = new Int32Array(0);
  /** Value columns, parallel to `ids` (e.g. term frequency per field). */
  cols: ValueColumn[];
  /** Number of terms covered by `offsets` (terms with larger ids have no sealed postings). */
  numTerms = 0;

  private readonly pendingTerm = new GrowableArray(Int32Array, 4096);
  private readonly pendingId = new GrowableArray(Int32Array, 4096);
  private readonly pendingCols: GrowableArray<Int32Array>[];

  constructor(numCols: 1 | 2) {
    this.cols = Array.from({ length: numCols }, () => new Int32Array(0));
    this.pendingCols = Array.from({ length: numCols }, () => new GrowableArray(Int32Array, 4096));
  }

  /** True when postings were added since the last seal. */
  get dirty(): boolean {
    return this.pendingTerm.length > 0;
  }

  /** Makes room for `n` more pending postings at once (a bulk build knows roughly how many). */
  reserve(n: number): void {
    const want = this.pendingTerm.length + n;
    this.pendingTerm.grow(want);
    this.pendingId.grow(want);
    for (const p of this.pendingCols) p.grow(want);
  }

  /** Appends a posting; visible to queries after the next {@link seal}. */
  add(term: number, id: number, v0: number, v1 = 0): void {
    this.pendingTerm.push(term);
    this.pendingId.push(id);
    this.pendingCols[0].push(v0);
    if (this.pendingCols.length > 1) this.pendingCols[1].push(v1);
  }

  /** Merges pending postings into the sealed arrays. `numTerms` is the dictionary size. */
  seal(numTerms: number): void {
    const n = this.pendingTerm.length;
    if (n === 0 && numTerms === this.numTerms) return;
    const oldOff = this.offsets;
    const oldTerms = this.numTerms;
    const pt = this.pendingTerm.data;
    const counts = new Int32Array(numTerms + 1);
    for (let t = 0; t < oldTerms; t++) counts[t] = oldOff[t + 1] - oldOff[t];
    for (let i = 0; i < n; i++) counts[pt[i]]++;
    const off = new Int32Array(numTerms + 1);
    for (let t = 0; t < numTerms; t++) off[t + 1] = off[t] + counts[t];
    const total = off[numTerms];
    const ids = new Int32Array(total);
    const cols = this.cols.map(() => new Int32Array(total));
    const cursor = new Int32Array(numTerms);
    for (let t = 0; t < numTerms; t++) {
      cursor[t] = off[t];
      if (t < oldTerms) {
        const s = oldOff[t];
        const e = oldOff[t + 1];
        if (e > s) {
          ids.set(this.ids.subarray(s, e), off[t]);
          for (let c = 0; c < cols.length; c++) cols[c].set(this.cols[c].subarray(s, e), off[t]);
          cursor[t] += e - s;
        }
      }
    }
    const pid = this.pendingId.data;
    const p0 = this.pendingCols[0].data;
    const c0 = cols[0];
    // The tables have one or two value columns; a loop per case keeps the scatter free of an
    // inner loop over columns (it runs once per posting: millions of times on a real archive).
    if (cols.length === 1) {
      for (let i = 0; i < n; i++) {
        const pos = cursor[pt[i]]++;
        ids[pos] = pid[i];
        c0[pos] = p0[i];
      }
    } else {
      const p1 = this.pendingCols[1].data;
      const c1 = cols[1];
      for (let i = 0; i < n; i++) {
        const pos = cursor[pt[i]]++;
        ids[pos] = pid[i];
        c0[pos] = p0[i];
        c1[pos] = p1[i];
      }
    }
    this.offsets = off;
    this.ids = ids;
    this.cols = cols;
    this.numTerms = numTerms;
    this.pendingTerm.clear();
    this.pendingId.clear();
    for (const p of this.pendingCols) p.clear();
  }

  /** The sealed state as plain arrays, for snapshots. */
  exportState(): { offsets: Int32Array; ids: Int32Array; cols: ValueColumn[]; numTerms: number } {
    return { offsets: this.offsets, ids: this.ids, cols: this.cols, numTerms: this.numTerms };
  }

  /** Replaces the sealed state (from a snapshot). */
  importState(s: { offsets: Int32Array; ids: Int32Array; cols: ValueColumn[]; numTerms: number }): void {
    if (s.cols.length !== this.cols.length || s.offsets.length !== s.numTerms + 1) {
      throw new Error('internal: posting table state does not fit');
    }
    this.offsets = s.offsets;
    this.ids = s.ids;
    this.cols = s.cols;
    this.numTerms = s.numTerms;
  }

  /** First position in term t's range whose id is ≥ `id` (binary search). */
  lowerBound(term: number, id: number): number {
    let lo = this.offsets[term];
    let hi = this.offsets[term + 1];
    const ids = this.ids;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ids[mid] < id) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
