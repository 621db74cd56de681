/**
 * Posting lists for every term in compressed-sparse-row form: one `offsets` array indexed by term
 * id, and parallel columns (`ids` plus value columns such as term frequencies), with the token
 * positions of every posting in one flat `positions` array beside them.
 *
 * New postings are appended to a pending log and merged into the sealed arrays on the next
 * `seal()`: bulk indexing costs one counting sort at the end instead of a push per posting into
 * tens of thousands of small per-term arrays, and the query path reads flat typed arrays.
 * Ids are appended in increasing order, so every posting list is sorted by id.
 *
 * Positions: posting i owns `positions[posStart(i) .. posEnd(i))`, ascending. How many it owns is
 * one of its value columns (`posCol`: the tf of a paragraph posting, the title tf of an article
 * posting), so the per-posting offsets are derivable and a snapshot need not store them.
 * `charStarts` runs parallel to `positions` over the same ranges: the UTF-16 offset in its text
 * (paragraph or title) where each position's token starts. The token's end is not stored: the
 * tokenizer finds it from the start without the analyzer (`tokenEndAt`), which costs a byte less
 * per position than a stored length.
 */
import { GrowableArray } from './growable-array.js';

/**
 * A value column, in the narrowest type that holds its values (sealing picks it; a snapshot
 * stores the column as it is and the loaded table reads it in place).
 */
export type ValueColumn = Int32Array | Uint16Array | Uint8Array;

/** A zeroed column of `length` values in the narrowest type that holds `max` (values are ≥ 0). */
function narrowestColumn(max: number, length: number): ValueColumn {
  return max <= 0xff ? new Uint8Array(length) : max <= 0xffff ? new Uint16Array(length) : new Int32Array(length);
}

/**
 * Token positions, in the narrowest type that holds them: Uint16Array when every position is
 * below 65,536 (always, for news paragraphs and titles), Int32Array otherwise; Uint8Array after a
 * snapshot load when every position is below 256.
 */
export type PositionColumn = Int32Array | Uint16Array | Uint8Array;

/**
 * Character start offsets of tokens, in the narrowest type that holds them: Uint16Array when
 * every paragraph and title is shorter than 65,536 UTF-16 units, Int32Array otherwise.
 */
export type CharStartColumn = Int32Array | Uint16Array;

/** A zeroed array of `length` offsets or positions: Uint16Array when `max` fits, else Int32Array. */
function u16OrI32(max: number, length: number): Int32Array | Uint16Array {
  return max <= 0xffff ? new Uint16Array(length) : new Int32Array(length);
}

/** The largest value of `a[0 .. length)`, at least 0. */
function maxOf(a: ArrayLike<number>, length: number): number {
  let max = 0;
  for (let k = 0; k < length; k++) if (a[k] > max) max = a[k];
  return max;
}

/**
 * Whether a sealed column holds a value above `limit`. Its type answers without reading it when
 * the type cannot hold one (sealed columns of millions of entries are not scanned on every seal);
 * otherwise it is read up to the first such value.
 */
function exceeds(column: ArrayLike<number>, limit: number): boolean {
  if ((column instanceof Uint8Array && limit >= 0xff) || (column instanceof Uint16Array && limit >= 0xffff)) return false;
  for (let k = 0; k < column.length; k++) if (column[k] > limit) return true;
  return false;
}

/** The largest of `pendingMax` and a sealed column's values, as far as `thresholds` tell them apart: the smallest threshold not exceeded, or Infinity. */
function maxBand(pendingMax: number, column: ArrayLike<number>, thresholds: readonly number[]): number {
  for (const t of thresholds) if (pendingMax <= t && !exceeds(column, t)) return t;
  return Infinity;
}

/** The sealed state of a {@link PostingTable} as plain arrays, for snapshots. */
export interface PostingTableState {
  offsets: Int32Array;
  ids: Int32Array;
  cols: ValueColumn[];
  positions: PositionColumn;
  /** Character start offset of each position's token, parallel to `positions`. */
  charStarts: CharStartColumn;
  numTerms: number;
}

export class PostingTable {
  /** offsets[t] … offsets[t + 1] is term t's range in `ids` and the value columns. */
  offsets: Int32Array = new Int32Array(1);
  ids: Int32Array = new Int32Array(0);
  /** Value columns, parallel to `ids` (e.g. term frequency per field). */
  cols: ValueColumn[];
  /** Token positions of every posting, posting after posting; see {@link posStart}. */
  positions: PositionColumn = new Uint16Array(0);
  /** Where each position's token starts in its text (UTF-16 offset), parallel to {@link positions}. */
  charStarts: CharStartColumn = new Uint16Array(0);
  /** Number of terms covered by `offsets` (terms with larger ids have no sealed postings). */
  numTerms = 0;

  /** posOffsets[i] … posOffsets[i + 1] is posting i's range in `positions`. */
  private posOffsets: Int32Array = new Int32Array(1);
  private readonly pendingTerm: GrowableArray<Int32Array>;
  private readonly pendingId: GrowableArray<Int32Array>;
  private readonly pendingCols: GrowableArray<Int32Array>[];
  private readonly pendingPos: GrowableArray<Int32Array>;
  private readonly pendingStarts: GrowableArray<Int32Array>;

  /**
   * @param numCols number of value columns.
   * @param posCol the value column that counts a posting's positions.
   * @param initialCapacity pending postings (and positions) room for at first; a table that may
   *   stay empty (the text fields' under the default schema) starts small.
   */
  constructor(numCols: 1 | 2, private readonly posCol: number, initialCapacity = 4096) {
    if (posCol >= numCols) throw new Error('internal: position count column out of range');
    this.cols = Array.from({ length: numCols }, () => new Int32Array(0));
    this.pendingTerm = new GrowableArray(Int32Array, initialCapacity);
    this.pendingId = new GrowableArray(Int32Array, initialCapacity);
    this.pendingCols = Array.from({ length: numCols }, () => new GrowableArray(Int32Array, initialCapacity));
    this.pendingPos = new GrowableArray(Int32Array, initialCapacity);
    this.pendingStarts = new GrowableArray(Int32Array, initialCapacity);
  }

  /** True when postings were added since the last seal. */
  get dirty(): boolean {
    return this.pendingTerm.length > 0;
  }

  /** Start of sealed posting i's positions in {@link positions}. */
  posStart(i: number): number {
    return this.posOffsets[i];
  }

  /** End (exclusive) of sealed posting i's positions in {@link positions}. */
  posEnd(i: number): number {
    return this.posOffsets[i + 1];
  }

  /** The sealed posting of `term` for `id` (an index into `ids`), or -1 when there is none. */
  postingOf(term: number, id: number): number {
    if (term < 0 || term >= this.numTerms) return -1;
    const i = this.lowerBound(term, id);
    return i < this.offsets[term + 1] && this.ids[i] === id ? i : -1;
  }

  /** Makes room for `n` more pending postings holding `numPositions` positions at once. */
  reserve(n: number, numPositions = 0): void {
    const want = this.pendingTerm.length + n;
    this.pendingTerm.grow(want);
    this.pendingId.grow(want);
    for (const p of this.pendingCols) p.grow(want);
    this.pendingPos.grow(this.pendingPos.length + numPositions);
    this.pendingStarts.grow(this.pendingStarts.length + numPositions);
  }

  /**
   * Appends a posting; visible to queries after the next {@link seal}. Its positions are
   * `positions[from .. from + count)` where count is its `posCol` value (v0 or v1), ascending,
   * and their tokens' character start offsets `charStarts[from .. from + count)`.
   */
  add(
    term: number, id: number, v0: number, v1: number, positions: ArrayLike<number>, charStarts: ArrayLike<number>, from: number,
  ): void {
    this.pendingTerm.push(term);
    this.pendingId.push(id);
    this.pendingCols[0].push(v0);
    if (this.pendingCols.length > 1) this.pendingCols[1].push(v1);
    const count = this.posCol === 0 ? v0 : v1;
    const log = this.pendingPos;
    const startLog = this.pendingStarts;
    log.grow(log.length + count);
    startLog.grow(log.length + count);
    const data = log.data;
    const startData = startLog.data;
    let at = log.length;
    for (let k = from, e = from + count; k < e; k++) {
      data[at] = positions[k];
      startData[at++] = charStarts[k];
    }
    log.length = at;
    startLog.length = at;
  }

  /** Merges pending postings into the sealed arrays. `numTerms` is the dictionary size. */
  seal(numTerms: number): void {
    const n = this.pendingTerm.length;
    if (n === 0 && numTerms === this.numTerms) return;
    const oldOff = this.offsets;
    const oldPosOff = this.posOffsets;
    const oldTerms = this.numTerms;
    const pt = this.pendingTerm.data;
    const pc = this.pendingCols[this.posCol].data;
    // Postings and positions per term, then each term's start in the merged arrays.
    const counts = new Int32Array(numTerms + 1);
    const posCounts = new Int32Array(numTerms + 1);
    for (let t = 0; t < oldTerms; t++) {
      counts[t] = oldOff[t + 1] - oldOff[t];
      posCounts[t] = oldPosOff[oldOff[t + 1]] - oldPosOff[oldOff[t]];
    }
    for (let i = 0; i < n; i++) {
      counts[pt[i]]++;
      posCounts[pt[i]] += pc[i];
    }
    const off = new Int32Array(numTerms + 1);
    const posTermOff = new Int32Array(numTerms + 1);
    for (let t = 0; t < numTerms; t++) {
      off[t + 1] = off[t] + counts[t];
      posTermOff[t + 1] = posTermOff[t] + posCounts[t];
    }
    const total = off[numTerms];
    const totalPos = posTermOff[numTerms];
    const ids = new Int32Array(total);
    // Counts are small: each column is sealed in the narrowest type that holds its values, which
    // halves to quarters the largest arrays of the index (and pays for the positions).
    // The type depends only on which of 0xff and 0xffff the largest value passes, which the
    // sealed column's own type mostly tells without reading it.
    const cols = this.cols.map((old, c) => narrowestColumn(maxBand(maxOf(this.pendingCols[c].data, n), old, [0xff, 0xffff]), total));
    const posOff = new Int32Array(total + 1);
    posOff[total] = totalPos;
    const pp = this.pendingPos.data;
    const ps = this.pendingStarts.data;
    const oldPositions = this.positions;
    const oldStarts = this.charStarts;
    const positions: PositionColumn = u16OrI32(maxBand(maxOf(pp, this.pendingPos.length), oldPositions, [0xffff]), totalPos);
    const charStarts: CharStartColumn = u16OrI32(maxBand(maxOf(ps, this.pendingStarts.length), oldStarts, [0xffff]), totalPos);
    const cursor = new Int32Array(numTerms);
    const posCursor = new Int32Array(numTerms);
    for (let t = 0; t < numTerms; t++) {
      cursor[t] = off[t];
      posCursor[t] = posTermOff[t];
      if (t < oldTerms) {
        cursor[t] += oldOff[t + 1] - oldOff[t];
        posCursor[t] += oldPosOff[oldOff[t + 1]] - oldPosOff[oldOff[t]];
      }
    }
    // The sealed postings move as whole runs of terms: a term's block only shifts by the pending
    // postings of the terms before it, so every run of terms up to one with pending postings
    // shifts alike and is copied at once (a copy per term cost hundreds of milliseconds of views
    // on an archive's hundreds of thousands of terms, for an update of a few articles).
    for (let t0 = 0; t0 < oldTerms; ) {
      let t1 = t0;
      while (t1 < oldTerms && counts[t1] === oldOff[t1 + 1] - oldOff[t1]) t1++;
      t1 = Math.min(t1 + 1, oldTerms); // the run ends with the first term that grows (its old block shifts as the run's)
      const s = oldOff[t0];
      const e = oldOff[t1];
      if (e > s) {
        const shift = off[t0] - s;
        ids.set(this.ids.subarray(s, e), off[t0]);
        for (let c = 0; c < cols.length; c++) cols[c].set(this.cols[c].subarray(s, e), off[t0]);
        const from = oldPosOff[s];
        const to = oldPosOff[e];
        const posShift = posTermOff[t0] - from;
        for (let i = s; i < e; i++) posOff[i + shift] = oldPosOff[i] + posShift;
        positions.set(oldPositions.subarray(from, to), posTermOff[t0]);
        charStarts.set(oldStarts.subarray(from, to), posTermOff[t0]);
      }
      t0 = t1;
    }
    const pid = this.pendingId.data;
    const p0 = this.pendingCols[0].data;
    const c0 = cols[0];
    // The tables have one or two value columns; a loop per case keeps the scatter free of an
    // inner loop over columns (it runs once per posting: millions of times on a real archive).
    // Pending positions are consumed in posting order, so `from` walks the log once.
    let from = 0;
    if (cols.length === 1) {
      for (let i = 0; i < n; i++) {
        const t = pt[i];
        const pos = cursor[t]++;
        ids[pos] = pid[i];
        c0[pos] = p0[i];
        const count = pc[i];
        let at = posCursor[t];
        posOff[pos] = at;
        for (let e = from + count; from < e; from++) {
          positions[at] = pp[from];
          charStarts[at++] = ps[from];
        }
        posCursor[t] = at;
      }
    } else {
      const p1 = this.pendingCols[1].data;
      const c1 = cols[1];
      for (let i = 0; i < n; i++) {
        const t = pt[i];
        const pos = cursor[t]++;
        ids[pos] = pid[i];
        c0[pos] = p0[i];
        c1[pos] = p1[i];
        const count = pc[i];
        let at = posCursor[t];
        posOff[pos] = at;
        for (let e = from + count; from < e; from++) {
          positions[at] = pp[from];
          charStarts[at++] = ps[from];
        }
        posCursor[t] = at;
      }
    }
    this.offsets = off;
    this.ids = ids;
    this.cols = cols;
    this.positions = positions;
    this.charStarts = charStarts;
    this.posOffsets = posOff;
    this.numTerms = numTerms;
    this.pendingTerm.clear();
    this.pendingId.clear();
    for (const p of this.pendingCols) p.clear();
    this.pendingPos.clear();
    this.pendingStarts.clear();
  }

  /** The sealed state as plain arrays, for snapshots (position offsets are derived, not stored). */
  exportState(): PostingTableState {
    return {
      offsets: this.offsets, ids: this.ids, cols: this.cols, positions: this.positions, charStarts: this.charStarts, numTerms: this.numTerms,
    };
  }

  /** Replaces the sealed state (from a snapshot), deriving the position offsets from the counts. */
  importState(s: PostingTableState): void {
    if (s.cols.length !== this.cols.length || s.offsets.length !== s.numTerms + 1) {
      throw new Error('internal: posting table state does not fit');
    }
    const n = s.ids.length;
    if (s.offsets[s.numTerms] !== n || s.cols.some((c) => c.length !== n)) {
      throw new Error('internal: posting table columns disagree in length');
    }
    const counts = s.cols[this.posCol];
    const posOff = new Int32Array(n + 1);
    let at = 0;
    for (let i = 0; i < n; i++) {
      posOff[i] = at;
      at += counts[i];
    }
    posOff[n] = at;
    if (at !== s.positions.length || at !== s.charStarts.length) {
      throw new Error(`internal: ${s.positions.length} positions and ${s.charStarts.length} offsets stored, the counts say ${at}`);
    }
    this.offsets = s.offsets;
    this.ids = s.ids;
    this.cols = s.cols;
    this.positions = s.positions;
    this.charStarts = s.charStarts;
    this.posOffsets = posOff;
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
