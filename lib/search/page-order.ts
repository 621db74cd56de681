/**
 * Ordering a page of results: the comparators of each sort order, and exact top-k by relevance
 * when the evaluator left upper bounds instead of scores (see QueryEvaluator.boundParagraphs).
 */
import type { SortOrder } from '../types.js';
import { topKByScore } from './top-k.js';

/**
 * The order of a sort: relevance (score, then newer, then index order), date (newer first, then
 * score) or date_asc (older first). Missing dates sort last in both directions.
 */
export function pageOrder(sort: SortOrder, score: Float64Array, dates: Float64Array): (a: number, b: number) => number {
  // Missing dates sort last in both directions.
  const dateDesc = (a: number, b: number): number => {
    const da = dates[a];
    const db = dates[b];
    if (da === db) return 0;
    if (Number.isNaN(da)) return Number.isNaN(db) ? 0 : 1;
    if (Number.isNaN(db)) return -1;
    return db - da;
  };
  if (sort === 'date') return (a, b) => dateDesc(a, b) || score[b] - score[a] || a - b;
  if (sort === 'date_asc') {
    return (a, b) => {
      const da = dates[a];
      const db = dates[b];
      if (Number.isNaN(da) || Number.isNaN(db)) return dateDesc(a, b) || a - b;
      return da - db || score[b] - score[a] || a - b;
    };
  }
  return (a, b) => score[b] - score[a] || dateDesc(a, b) || a - b;
}

/**
 * Exact top k by relevance when `score` holds upper bounds: take candidates in order of their
 * bound, compute exact scores for them, and stop once the next bound is below the k-th exact
 * score, since no remaining document can then enter the page. Widens the candidate set
 * fourfold until that holds; at worst every match is scored exactly. Writes the exact scores
 * of the returned documents into `score`.
 */
export function refineTopK(
  matches: Int32Array,
  n: number,
  k: number,
  score: Float64Array,
  dates: Float64Array,
  exactScore: (doc: number) => number,
): number[] {
  if (k === 0 || n === 0) return [];
  const exact = new Map<number, number>(); // doc → exact score, for the few docs refined
  for (let m = Math.max(2 * k, 16); ; m *= 4) {
    // Which candidates get exact scores only needs the bound order, so ties among bounds can
    // break by document id; the page itself is ordered by the full comparator below.
    const candidates = topKByScore(matches, n, Math.min(m + 1, n), score);
    const pool = candidates.slice(0, m);
    for (const d of pool) if (!exact.has(d)) exact.set(d, exactScore(d));
    // Sort pool positions over dense arrays, so the comparator reads no Map. The order is that
    // of comparator('relevance') over exact scores: score, newer date, document id.
    const order = pool.map((_, i) => i);
    const exactOf = Float64Array.from(pool, (d) => exact.get(d) as number);
    const datesOf = Float64Array.from(pool, (d) => dates[d]);
    order.sort((x, y) => {
      const diff = exactOf[y] - exactOf[x];
      if (diff !== 0) return diff;
      const da = datesOf[x];
      const db = datesOf[y];
      if (da !== db && !(Number.isNaN(da) && Number.isNaN(db))) {
        if (Number.isNaN(da)) return 1;
        if (Number.isNaN(db)) return -1;
        return db - da;
      }
      return pool[x] - pool[y];
    });
    const kth = order.length >= k ? exactOf[order[k - 1]] : -Infinity;
    const done =
      candidates.length <= m ||
      // Bounds and exact scores sum the same terms in different orders: allow for rounding.
      (order.length >= k && score[candidates[m]] * (1 + 1e-9) < kth);
    if (done) {
      const page = order.slice(0, k).map((i) => pool[i]);
      for (const d of page) score[d] = exact.get(d) as number;
      return page;
    }
  }
}
