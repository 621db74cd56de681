/**
 * Facet counting over a set of matched documents, independent of ranking.
 *
 * Counts are disjunctive for filtered fields (as in most faceted UIs): the counts of a field the
 * user filtered on ignore that field's own filter, so "Korea (12) · Japan (7)" stays visible after
 * ticking Korea and a second value can be added. Every other filter still applies.
 */
import type { FacetValue } from '../types.js';

/**
 * Counts value ids over `docs[0..n)` plus the near-miss documents whose only failed filter is
 * `nearSlot`, and returns the `limit` most frequent values (ties by value, 0 = all).
 */
export function countValues(
  docValues: readonly (ArrayLike<number> | undefined)[] | ((doc: number) => number),
  values: readonly string[],
  docs: Int32Array,
  n: number,
  near: { docs: Int32Array; fail: Int32Array; n: number; slot: number } | undefined,
  limit: number,
): FacetValue[] {
  const counts = new Int32Array(values.length);
  const add =
    typeof docValues === 'function'
      ? (d: number): void => {
          const v = docValues(d);
          if (v >= 0) counts[v]++;
        }
      : (d: number): void => {
          const ids = docValues[d];
          if (ids) for (let j = 0; j < ids.length; j++) counts[ids[j]]++;
        };
  for (let i = 0; i < n; i++) add(docs[i]);
  if (near) for (let i = 0; i < near.n; i++) if (near.fail[i] === near.slot) add(near.docs[i]);
  return rankValues(values, counts, limit);
}

/** Non-zero counts as FacetValues, most frequent first, ties by value; at most `limit` (0 = all). */
export function rankValues(values: readonly string[], counts: ArrayLike<number>, limit: number): FacetValue[] {
  const out: FacetValue[] = [];
  for (let v = 0; v < values.length; v++) if (counts[v] > 0) out.push({ value: values[v], count: counts[v] });
  out.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return limit > 0 ? out.slice(0, limit) : out;
}
