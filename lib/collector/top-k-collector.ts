/**
 * The page of a result: the `k` best documents of the match set in a sort order. Relevance pages
 * go through {@link refineTopK} whether scores are bounds or exact: its numeric heap beats a
 * comparator heap over large match sets, and with exact scores it refines nothing. That is the
 * specialised collector of the common case (a ranked first page); other orders use {@link topK}.
 */
import type { SortOrder } from '../types.js';
import type { Collector, MatchSet } from './collector.js';
import { pageOrder, refineTopK } from './page-order.js';
import { topK } from './top-k.js';

/** How a top-k collector orders and, for bounded scores, refines. */
export interface TopKOptions {
  sort: SortOrder;
  /** Documents to keep (offset + limit of the page). */
  k: number;
  /** Dates per document id (epoch ms, NaN for none), for date orders and relevance ties. */
  dates: Float64Array;
  /**
   * Use the bounded refinement path for relevance (shallow pages of short queries, where the
   * evaluator may leave bounds); deep pages sort exact scores with a comparator heap instead.
   */
  refine: boolean;
  /** The exact score of a document, when the match set's scores are upper bounds. */
  exactScore: (doc: number) => number;
}

/**
 * The `k` best documents, best first. With bounded scores (relevance only), the returned
 * documents' exact scores are written back into the match set's `score`.
 */
export function topKCollector(o: TopKOptions): Collector<number[]> {
  return {
    collect(m: MatchSet): number[] {
      const score = m.score;
      if (o.sort === 'relevance' && o.refine) {
        return refineTopK(m.docs, m.n, o.k, score, o.dates, m.scoreIsBound ? o.exactScore : (d) => score[d]);
      }
      if (m.scoreIsBound) throw new Error('internal: bounded scores without refinement');
      return topK(m.docs, m.n, o.k, pageOrder(o.sort, score, o.dates));
    },
  };
}
