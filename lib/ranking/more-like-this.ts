/**
 * "More like this" term selection, after Lucene's MoreLikeThis: from one article's term
 * frequencies and the collection's document frequencies, the few terms that best tell the
 * article apart, weighted, to be run as a query.
 */
import { idf } from './bm25.js';

/** Options of {@link selectMoreLikeThisTerms}. All optional; defaults in {@link DEFAULT_MORE_LIKE_THIS}. */
export interface MoreLikeThisOptions {
  /** A term must occur at least this often in the article. Integer ≥ 1. */
  minTermFreq?: number;
  /** …and in at least this many articles of the collection (rarer ones are typos, codes). Integer ≥ 1. */
  minDocFreq?: number;
  /** …and in at most this share of the collection's articles. Range (0, 1]. */
  maxDocFreqRatio?: number;
  /** At most this many terms are kept, the highest tf × idf first. Integer ≥ 1. */
  maxQueryTerms?: number;
}

/** Every more-like-this option, resolved. */
export type ResolvedMoreLikeThisOptions = Required<MoreLikeThisOptions>;

/**
 * The defaults, and why:
 * - minTermFreq 1, not Lucene's 2: news articles are short (Reuters' median body is 90 words),
 *   and with 2 a typical one keeps only a handful of terms, often not its subject's names.
 * - minDocFreq 5 (Lucene's): a term in fewer articles is more often a typo or a code than a subject.
 * - maxDocFreqRatio 0.1: a term in a tenth of the archive ("said", "pct", "mln") says little about
 *   which story this is, however often it occurs here.
 * - maxQueryTerms 25 (Lucene's): enough to describe a story, few enough for a fast query.
 */
export const DEFAULT_MORE_LIKE_THIS: Readonly<ResolvedMoreLikeThisOptions> = Object.freeze({
  minTermFreq: 1,
  minDocFreq: 5,
  maxDocFreqRatio: 0.1,
  maxQueryTerms: 25,
});

/** A selected term and its weight. */
export interface MoreLikeThisTerm<T> {
  term: T;
  /** Occurrences in the article. */
  tf: number;
  /** Articles of the collection containing it. */
  df: number;
  /** tf × idf, with BM25's idf (the scorer the terms are queried with). */
  score: number;
  /** `score` divided by the best term's: 1 for the best term, in (0, 1] for the others. */
  weight: number;
}

/** Merges options with the defaults and checks them; throws RangeError naming the option. */
export function resolveMoreLikeThis(options: MoreLikeThisOptions = {}): ResolvedMoreLikeThisOptions {
  const o: ResolvedMoreLikeThisOptions = { ...DEFAULT_MORE_LIKE_THIS };
  for (const [key, value] of Object.entries(options) as [keyof MoreLikeThisOptions, number | undefined][]) {
    if (value === undefined) continue;
    if (!(key in DEFAULT_MORE_LIKE_THIS)) throw new RangeError(`unknown more-like-this option "${key}"`);
    o[key] = value;
  }
  for (const key of ['minTermFreq', 'minDocFreq', 'maxQueryTerms'] as const) {
    if (!Number.isInteger(o[key]) || o[key] < 1) throw new RangeError(`more-like-this option ${key} = ${o[key]}: must be an integer ≥ 1`);
  }
  if (!(o.maxDocFreqRatio > 0 && o.maxDocFreqRatio <= 1)) {
    throw new RangeError(`more-like-this option maxDocFreqRatio = ${o.maxDocFreqRatio}: must be in (0, 1]`);
  }
  return o;
}

/**
 * Picks the most distinctive terms of an article: those passing the tf and df limits, ranked by
 * tf × idf (ties: the rarer term, then input order), at most `maxQueryTerms`.
 *
 * @param termFreqs - each distinct term of the article with its frequency there.
 * @param docFreq - the number of live articles containing a term.
 * @param numDocs - the number of live articles.
 */
export function selectMoreLikeThisTerms<T>(
  termFreqs: Iterable<readonly [T, number]>,
  docFreq: (term: T) => number,
  numDocs: number,
  options: MoreLikeThisOptions = {},
): MoreLikeThisTerm<T>[] {
  const o = resolveMoreLikeThis(options);
  const maxDf = o.maxDocFreqRatio * numDocs;
  const picked: (MoreLikeThisTerm<T> & { order: number })[] = [];
  let order = 0;
  for (const [term, tf] of termFreqs) {
    order++;
    if (tf < o.minTermFreq) continue;
    const df = docFreq(term);
    if (df < o.minDocFreq || df > maxDf) continue;
    picked.push({ term, tf, df, score: tf * idf(numDocs, df), weight: 0, order });
  }
  picked.sort((a, b) => b.score - a.score || a.df - b.df || a.order - b.order);
  const top = picked.slice(0, o.maxQueryTerms);
  const best = top.length > 0 ? top[0].score : 1;
  return top.map(({ term, tf, df, score }) => ({ term, tf, df, score, weight: score / best }));
}
