/**
 * Facet counting over a set of matched documents, independent of ranking.
 *
 * Counts are disjunctive for filtered fields (as in most faceted UIs): the counts of a field the
 * user filtered on ignore that field's own filter, so "Korea (12) · Japan (7)" stays visible after
 * ticking Korea and a second value can be added. Every other filter still applies.
 */
import type { FacetValue } from '../types.js';
import type { FacetStore } from './facet-store.js';
import { topK } from '../collector/top-k.js';

/** Documents failing exactly one filter, and which (see QueryEvaluator). */
export interface NearMisses {
  docs: Int32Array;
  fail: Int32Array;
  n: number;
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
  const counts = new Int32Array(store.numValues);
  const start = store.docValueStart.data;
  const values = store.docValues.data;
  // One pass over the match set counts every field at once.
  for (let i = 0; i < n; i++) {
    const d = docs[i];
    for (let j = start[d], e = start[d + 1]; j < e; j++) counts[values[j]]++;
  }
  const fieldOf = store.globalField.data;
  for (const field of fields) {
    const col = store.byField.get(field);
    if (!col) continue;
    const slot = filterSlot(field);
    if (slot >= 0) {
      for (let i = 0; i < near.n; i++) {
        if (near.fail[i] !== slot) continue;
        const d = near.docs[i];
        for (let j = start[d], e = start[d + 1]; j < e; j++) if (fieldOf[values[j]] === col.index) counts[values[j]]++;
      }
    }
    const local = new Int32Array(col.values.length);
    for (let v = 0; v < local.length; v++) local[v] = counts[col.globalIds[v]];
    out[field] = rankValues(col.values, local, limit);
  }
  return out;
}

/** Non-zero counts as FacetValues, most frequent first, ties by value; at most `limit` (0 = all). */
export function rankValues(values: readonly string[], counts: ArrayLike<number>, limit: number): FacetValue[] {
  const nonZero = new Int32Array(values.length);
  let n = 0;
  for (let v = 0; v < values.length; v++) if (counts[v] > 0) nonZero[n++] = v;
  // Fields such as author or dateline have hundreds of values and a page shows twenty: select
  // the top ones with a bounded heap rather than sorting them all.
  const top = topK(nonZero, n, limit > 0 ? limit : n, (a, b) => counts[b] - counts[a] || (values[a] < values[b] ? -1 : values[a] > values[b] ? 1 : 0));
  return top.map((v) => ({ value: values[v], count: counts[v] }));
}
