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

/** Scratch arrays per store, reused by every count of that store (one search counts at a time). */
interface Scratch {
  /** Counts by global value id. */
  counts: Int32Array;
  /** One field's counts by local value id. */
  local: Int32Array;
}
const scratchOf = new WeakMap<FacetStore, Scratch>();

/** The store's scratch, `counts` zeroed for its `numValues` global value ids. */
function scratchFor(store: FacetStore): Scratch {
  const numValues = store.numValues;
  let numLocal = 0;
  for (const col of store.columns) numLocal = Math.max(numLocal, col.values.length);
  let s = scratchOf.get(store);
  if (s === undefined) {
    s = { counts: new Int32Array(numValues), local: new Int32Array(numLocal) };
    scratchOf.set(store, s);
  } else {
    // Dictionaries only grow: double on growth, so a growing index reallocates rarely.
    if (s.counts.length < numValues) s.counts = new Int32Array(Math.max(numValues, 2 * s.counts.length));
    else s.counts.fill(0, 0, numValues);
    if (s.local.length < numLocal) s.local = new Int32Array(Math.max(numLocal, 2 * s.local.length));
  }
  return s;
}

/**
 * Counts the values of `fields` over `docs[0..n)`. For a field that was filtered (its filter slot
 * in `filterSlot`), documents that failed only that filter count too. Returns the `limit` most
 * frequent values per field (0 = all).
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
  const { counts, local } = scratchFor(store);
  const start = store.docValueStart.data;
  const values = store.docValues.data;
  // One pass over the match set counts every field at once.
  for (let i = 0; i < n; i++) {
    const d = docs[i];
    for (let j = start[d], e = start[d + 1]; j < e; j++) counts[values[j]]++;
  }
  countNearMisses(store, fields, near, filterSlot, counts);
  for (const field of fields) {
    const col = store.byField.get(field);
    if (!col) continue;
    const numLocal = col.values.length;
    const globalIds = col.globalIds;
    for (let v = 0; v < numLocal; v++) local[v] = counts[globalIds[v]];
    out[field] = rankValues(col.values, local, limit);
  }
  return out;
}

/**
 * Disjunctive counts, in one pass over the near misses: a document that failed only the filter of
 * one of `fields` counts for that field's values (and no other field's).
 */
function countNearMisses(store: FacetStore, fields: readonly string[], near: NearMisses, filterSlot: (field: string) => number, counts: Int32Array): void {
  if (near.n === 0) return;
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
  if (!colOfSlot) return;
  const start = store.docValueStart.data;
  const values = store.docValues.data;
  const fieldOf = store.globalField.data;
  for (let i = 0; i < near.n; i++) {
    const slot = near.fail[i];
    const c = slot < colOfSlot.length ? colOfSlot[slot] : -1;
    if (c < 0) continue;
    const d = near.docs[i];
    for (let j = start[d], e = start[d + 1]; j < e; j++) if (fieldOf[values[j]] === c) counts[values[j]]++;
  }
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
  const top = selectTop(counts, values.length, ranks, limit);
  const out: FacetValue[] = new Array(top.length);
  for (let i = 0; i < top.length; i++) out[i] = { value: values[top[i]], count: counts[top[i]] };
  return out;
}

/** The ids `v` in `[0, n)` with `counts[v] > 0`, best first by count then rank; at most `limit` (0 = all). */
function selectTop(counts: ArrayLike<number>, n: number, ranks: Int32Array, limit: number): number[] {
  if (limit <= 0) {
    const all: number[] = [];
    for (let v = 0; v < n; v++) if (counts[v] > 0) all.push(v);
    return all.sort((a, b) => counts[b] - counts[a] || ranks[a] - ranks[b]);
  }
  // A heap of the best `limit` so far with the weakest at the root; once full, a value that does
  // not beat the root (most of them: count 1 against count 1) costs one or two comparisons.
  const heap = new Int32Array(limit);
  let size = 0;
  for (let v = 0; v < n; v++) {
    if (counts[v] <= 0) continue;
    if (size < limit) {
      // Sift up: the new value rises above weaker parents.
      let i = size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!weaker(v, heap[parent], counts, ranks)) break;
        heap[i] = heap[parent];
        i = parent;
      }
      heap[i] = v;
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
function weaker(a: number, b: number, counts: ArrayLike<number>, ranks: Int32Array): boolean {
  return counts[a] < counts[b] || (counts[a] === counts[b] && ranks[a] > ranks[b]);
}

/** Puts `v` at the root of the heap `heap[0..size)` and lets it sink below weaker children. */
function siftDown(heap: Int32Array, size: number, v: number, counts: ArrayLike<number>, ranks: Int32Array): void {
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
