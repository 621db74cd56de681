/**
 * Ordering a page of results: the comparators of each sort order, and exact top-k by relevance
 * when the evaluator left upper bounds instead of scores (see QueryEvaluator.boundParagraphs).
 */
import type { SortOrder } from '../types.js';
import { topKByScore } from './top-k.js';

/** Newer first, missing dates (NaN) last: negative when date `da` sorts before `db`. */
export function newerFirst(da: number, db: number): number {
  if (da === db) return 0;
  if (Number.isNaN(da)) return Number.isNaN(db) ? 0 : 1;
  if (Number.isNaN(db)) return -1;
  return db - da;
}

/**
 * Relevance order of document a (score `sa`) and document b (score `sb`): higher score first, then
 * newer (missing dates last), then the lower document id. Negative when a ranks first.
 */
export function compareRelevance(sa: number, a: number, sb: number, b: number, dates: Float64Array): number {
  return sb - sa || newerFirst(dates[a], dates[b]) || a - b;
}

/**
 * The order of a sort: relevance (score, then newer, then index order), date (newer first, then
 * score) or date_asc (older first). Missing dates sort last in both directions.
 */
export function pageOrder(sort: SortOrder, score: Float64Array, dates: Float64Array): (a: number, b: number) => number {
  // Missing dates sort last in both directions.
  const dateDesc = (a: number, b: number): number => newerFirst(dates[a], dates[b]);
  if (sort === 'date') return (a, b) => dateDesc(a, b) || score[b] - score[a] || a - b;
  if (sort === 'date_asc') {
    return (a, b) => {
      const da = dates[a];
      const db = dates[b];
      if (Number.isNaN(da) || Number.isNaN(db)) return dateDesc(a, b) || a - b;
      return da - db || score[b] - score[a] || a - b;
    };
  }
  return (a, b) => compareRelevance(score[a], a, score[b], b, dates);
}

/**
 * Exact top k by relevance when `score` holds upper bounds: visit candidates in order of their
 * bound, compute each one's exact score, and stop at the first whose bound is below the k-th best
 * exact score so far, since no remaining document can then enter the page. So only the documents
 * whose bound reaches the page are scored exactly. Candidates come from a bounded heap that
 * widens fourfold when exhausted; at worst every match is scored exactly. Writes the exact scores
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
  const done: number[] = []; // documents scored exactly, in visiting order
  const exactOf: number[] = [];
  const best: number[] = []; // the k best exact scores so far, descending
  let kth = -Infinity;
  visit: for (let m = Math.max(2 * k, 16); ; m *= 4) {
    const candidates = topKByScore(matches, n, Math.min(m, n), score);
    // Bound order is deterministic (bound, then id), so earlier rounds visited exactly this prefix.
    for (let i = done.length; i < candidates.length; i++) {
      const d = candidates[i];
      // Bounds and exact scores sum the same terms in different orders: allow for rounding.
      if (best.length === k && score[d] * (1 + 1e-9) < kth) break visit;
      const e = exactScore(d);
      done.push(d);
      exactOf.push(e);
      if (best.length < k || e > kth) {
        let j = best.length < k ? best.length : k - 1;
        while (j > 0 && best[j - 1] < e) {
          best[j] = best[j - 1];
          j--;
        }
        best[j] = e;
        if (best.length === k) kth = best[k - 1];
      }
    }
    if (candidates.length === n) break;
  }
  // The page in comparator('relevance') order over exact scores: score, newer date, document id.
  const order = done.map((_, i) => i);
  order.sort((x, y) => compareRelevance(exactOf[x], done[x], exactOf[y], done[y], dates));
  const page = order.slice(0, k).map((i) => done[i]);
  for (let i = 0; i < page.length; i++) score[page[i]] = exactOf[order[i]];
  return page;
}
