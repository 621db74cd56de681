/**
 * Facet counting over a set of matched documents, independent of ranking.
 *
 * Counts are disjunctive for filtered fields (as in most faceted UIs): the counts of a field the
 * user filtered on ignore that field's own filter, so "Korea (12) · Japan (7)" stays visible after
 * ticking Korea and a second value can be added. Every other filter still applies.
 */
import type { FacetValue } from '../types.js';
import type { FacetStore } from './facet-store.js';
import { valueRanks } from './value-ranks.js';

/** Documents failing exactly one filter, and which (see QueryEvaluator). */
export interface NearMisses {
  docs: Int32Array;
  fail: Int32Array;
  n: number;
}

/**
 * Scratch arrays per store, reused by every count of that store (one search counts at a time).
 * `counts` is all zero between counts: a count resets the entries it touched, and only those.
 */
interface Scratch {
  /** Counts by global value id. */
  counts: Int32Array;
  /** The global value ids counted so far, each once (its count went from 0 to 1). */
  touched: Int32Array;
  /** The touched ids of the requested fields, grouped by field (see `fieldEnd`). */
  grouped: Int32Array;
  /** Per column, where its group ends in `grouped` (exclusive); column c starts at fieldEnd[c - 1]. */
  fieldEnd: Int32Array;
  /** Per global value id, its rank among its field's values (see {@link valueRanks}). */
  ranks: Int32Array;
  /** {@link groupByField}'s fill cursors, one per column. */
  fill: Int32Array;
  /** {@link selectTop}'s heap, grown to the largest `limit` asked. */
  heap: Int32Array;
}
const scratchOf = new WeakMap<FacetStore, Scratch>();

/** The store's scratch, grown to its `numValues` global value ids, with `ranks` up to date. */
function scratchFor(store: FacetStore): Scratch {
  const numValues = store.numValues;
  let s = scratchOf.get(store);
  if (s === undefined || s.counts.length < numValues) {
    // Dictionaries only grow: double on growth, so a growing index reallocates rarely.
    const cap = Math.max(numValues, 2 * (s?.counts.length ?? 0), 16);
    const numCols = store.columns.length;
    s = {
      counts: new Int32Array(cap), touched: new Int32Array(cap), grouped: new Int32Array(cap), fieldEnd: new Int32Array(numCols),
      ranks: new Int32Array(0), fill: new Int32Array(numCols), heap: new Int32Array(0),
    };
    scratchOf.set(store, s);
  }
  if (s.ranks.length !== numValues) s.ranks = globalRanks(store, numValues);
  return s;
}

/** Per global value id, its rank among its field's values: what breaks ties between equal counts. */
function globalRanks(store: FacetStore, numValues: number): Int32Array {
  const out = new Int32Array(numValues);
  for (const col of store.columns) {
    const ranks = valueRanks(col.values);
    const ids = col.globalIds;
    for (let v = 0; v < ids.length; v++) out[ids[v]] = ranks[v];
  }
  return out;
}

/**
 * Counts the values of `fields` over `docs[0..n)`, live documents of `store`. For a field that
 * was filtered (its filter slot in `filterSlot`), documents that failed only that filter count
 * too. Returns the `limit` most frequent values per field (0 = all).
 *
 * The values counted are remembered as they are first met, so choosing each field's top values
 * and resetting the counts cost the values the match set holds, not every value of the index
 * (a Reuters dateline field alone has 1,398).
 */
export function countFacets(
  store: FacetStore,
  fields: readonly string[],
  docs: Int32Array,
  n: number,
  near: NearMisses,
  filterSlot: (field: string) => number,
  limit: number,
): Record<string, FacetValue[]> {
  const out: Record<string, FacetValue[]> = {};
  if (fields.length === 0) return out;
  const s = scratchFor(store);
  const { counts, touched } = s;
  const { start, values, shared } = store.countingRows();
  let numTouched = 0;
  try {
    // One pass over the match set counts every field at once; the values every live document
    // carries are not in the rows, and count once per match.
    for (let i = 0; i < n; i++) {
      const d = docs[i];
      for (let j = start[d], e = start[d + 1]; j < e; j++) {
        const v = values[j];
        if (counts[v]++ === 0) touched[numTouched++] = v;
      }
    }
    if (n > 0) {
      for (let k = 0; k < shared.length; k++) {
        counts[shared[k]] = n;
        touched[numTouched++] = shared[k];
      }
    }
    numTouched = countNearMisses(store, fields, near, filterSlot, counts, touched, numTouched);
    groupByField(store, fields, s, numTouched);
    const fieldEnd = s.fieldEnd;
    // A typed array this small is still allocated off the JS heap (slow to make, and more work
    // for the collector): every field's selection shares one, kept with the scratch.
    if (s.heap.length < limit) s.heap = new Int32Array(limit);
    for (const field of fields) {
      const col = store.byField.get(field);
      if (!col) continue;
      const from = col.index === 0 ? 0 : fieldEnd[col.index - 1];
      const top = selectTop(s.grouped, from, fieldEnd[col.index], counts, s.ranks, limit, s.heap);
      const list: FacetValue[] = new Array(top.length);
      const local = store.globalLocal.data;
      for (let i = 0; i < top.length; i++) list[i] = { value: col.values[local[top[i]]], count: counts[top[i]] };
      out[field] = list;
    }
  } finally {
    for (let i = 0; i < numTouched; i++) counts[touched[i]] = 0;
  }
  return out;
}

/** Puts the touched ids of the columns of `fields` into `s.grouped`, column by column (a counting sort). */
function groupByField(store: FacetStore, fields: readonly string[], s: Scratch, numTouched: number): void {
  const { touched, grouped, fieldEnd } = s;
  const fieldOf = store.globalField.data;
  const numCols = store.columns.length;
  // -1 marks a column nobody asked for; its ids are left out.
  fieldEnd.fill(-1, 0, numCols);
  for (const field of fields) {
    const col = store.byField.get(field);
    if (col) fieldEnd[col.index] = 0;
  }
  for (let i = 0; i < numTouched; i++) {
    const c = fieldOf[touched[i]];
    if (fieldEnd[c] >= 0) fieldEnd[c]++;
  }
  // Sizes to ends; an unasked column is an empty group where the previous one ends.
  let end = 0;
  for (let c = 0; c < numCols; c++) {
    if (fieldEnd[c] > 0) end += fieldEnd[c];
    fieldEnd[c] = end;
  }
  // Fill each group from its end, walking the touched ids backwards so each group keeps their order.
  const fill = s.fill;
  fill.set(fieldEnd.subarray(0, numCols));
  for (let i = numTouched - 1; i >= 0; i--) {
    const v = touched[i];
    const c = fieldOf[v];
    const from = c === 0 ? 0 : fieldEnd[c - 1];
    if (fill[c] > from) grouped[--fill[c]] = v; // an unasked column's group is empty
  }
}

/**
 * Disjunctive counts, in one pass over the near misses: a document that failed only the filter of
 * one of `fields` counts for that field's values (and no other field's). Values met for the first
 * time are added to `touched`; returns its new length.
 */
function countNearMisses(
  store: FacetStore,
  fields: readonly string[],
  near: NearMisses,
  filterSlot: (field: string) => number,
  counts: Int32Array,
  touched: Int32Array,
  numTouched: number,
): number {
  if (near.n === 0) return numTouched;
  // The column index of each filter slot that belongs to a counted field (-1: none).
  let colOfSlot: Int32Array | undefined;
  for (const field of fields) {
    const col = store.byField.get(field);
    const slot = col ? filterSlot(field) : -1;
    if (!col || slot < 0) continue;
    if (!colOfSlot || colOfSlot.length <= slot) {
      const grown = new Int32Array(slot + 1).fill(-1);
      if (colOfSlot) grown.set(colOfSlot);
      colOfSlot = grown;
    }
    colOfSlot[slot] = col.index;
  }
  if (!colOfSlot) return numTouched;
  const start = store.docValueStart.data;
  const values = store.docValues.data;
  const fieldOf = store.globalField.data;
  for (let i = 0; i < near.n; i++) {
    const slot = near.fail[i];
    const c = slot < colOfSlot.length ? colOfSlot[slot] : -1;
    if (c < 0) continue;
    const d = near.docs[i];
    for (let j = start[d], e = start[d + 1]; j < e; j++) {
      const v = values[j];
      if (fieldOf[v] === c && counts[v]++ === 0) touched[numTouched++] = v;
    }
  }
  return numTouched;
}

/**
 * The values with a non-zero count as FacetValues, most frequent first, ties in value order (as
 * `<` orders strings); at most `limit` (0 = all). `counts[v]` is the count of `values[v]`;
 * `values` is an append-only facet dictionary (see {@link valueRanks}).
 *
 * A page shows a field's top twenty of hundreds of values, so the top ones are selected with a
 * bounded heap, and ties are broken by precomputed ranks: integers, not string comparisons.
 */
export function rankValues(values: readonly string[], counts: ArrayLike<number>, limit: number): FacetValue[] {
  const ranks = valueRanks(values);
  // Typed counts, as countFacets passes them: the selection's code then sees one array type.
  const top = selectTop(null, 0, values.length, Int32Array.from(counts), ranks, limit, new Int32Array(Math.max(limit, 0)));
  const out: FacetValue[] = new Array(top.length);
  for (let i = 0; i < top.length; i++) out[i] = { value: values[top[i]], count: counts[top[i]] };
  return out;
}

/**
 * The ids `ids[from..to)` (or, when `ids` is null, the ids in `[from, to)`) with `counts[v] > 0`,
 * best first by count then rank; at most `limit` (0 = all). `heap` is work space of at least
 * `limit` entries.
 */
function selectTop(ids: Int32Array | null, from: number, to: number, counts: Int32Array, ranks: Int32Array, limit: number, heap: Int32Array): number[] {
  if (limit <= 0) {
    const all: number[] = [];
    for (let i = from; i < to; i++) {
      const v = ids === null ? i : ids[i];
      if (counts[v] > 0) all.push(v);
    }
    return all.sort((a, b) => counts[b] - counts[a] || ranks[a] - ranks[b]);
  }
  // A heap of the best `limit` so far with the weakest at the root; once full, a value that does
  // not beat the root (most of them: count 1 against count 1) costs one or two comparisons.
  let size = 0;
  for (let i = from; i < to; i++) {
    const v = ids === null ? i : ids[i];
    if (counts[v] <= 0) continue;
    if (size < limit) {
      // Sift up: the new value rises above weaker parents.
      let h = size++;
      while (h > 0) {
        const parent = (h - 1) >> 1;
        if (!weaker(v, heap[parent], counts, ranks)) break;
        heap[h] = heap[parent];
        h = parent;
      }
      heap[h] = v;
    } else if (weaker(heap[0], v, counts, ranks)) {
      siftDown(heap, size, v, counts, ranks);
    }
  }
  // Taking the root (the weakest) off `size` times lists them weakest first: fill from the end.
  const out: number[] = new Array(size);
  while (size > 0) {
    out[size - 1] = heap[0];
    size--;
    siftDown(heap, size, heap[size], counts, ranks);
  }
  return out;
}

/** True when value `a` ranks below value `b`: a lower count, or the same count and a later value. */
function weaker(a: number, b: number, counts: Int32Array, ranks: Int32Array): boolean {
  return counts[a] < counts[b] || (counts[a] === counts[b] && ranks[a] > ranks[b]);
}

/** Puts `v` at the root of the heap `heap[0..size)` and lets it sink below weaker children. */
function siftDown(heap: Int32Array, size: number, v: number, counts: Int32Array, ranks: Int32Array): void {
  let i = 0;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= size) break;
    if (child + 1 < size && weaker(heap[child + 1], heap[child], counts, ranks)) child++;
    if (!weaker(heap[child], v, counts, ranks)) break;
    heap[i] = heap[child];
    i = child;
  }
  heap[i] = v;
}
