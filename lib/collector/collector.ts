/**
 * The collector interface: what the query path hands to everything that turns a match set into a
 * part of the answer (the page, the total, facet counts, the date histogram), as tantivy's
 * `Collector`. Scoring never counts or pages; collectors never score.
 */
import type { NearMisses } from '../facets/count-facets.js';

/** The outcome of evaluating a query: the documents that match, their scores, and near misses. */
export interface MatchSet {
  /** Matching documents in `docs[0..n)`, in no particular order. */
  readonly docs: Int32Array;
  readonly n: number;
  /** Score per document id (meaningful for documents in the set); upper bounds when `scoreIsBound`. */
  readonly score: Float64Array;
  readonly scoreIsBound: boolean;
  /** Documents failing exactly one filter, for disjunctive facet counts and the histogram. */
  readonly near: NearMisses;
}

/** Turns a match set into one part of an answer. */
export interface Collector<T> {
  collect(matches: MatchSet): T;
}

/** The number of matches: the exact total. */
export const countCollector: Collector<number> = { collect: (m) => m.n };
