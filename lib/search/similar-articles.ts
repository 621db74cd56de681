/**
 * Related stories ("more like this"): the query made of an article's most distinctive terms, and
 * a search that leaves the article and its copies out.
 */
import type { Analyzer } from '../analysis/analyzer.js';
import { InvalidQueryError } from '../errors.js';
import { selectMoreLikeThisTerms, type MoreLikeThisOptions } from '../ranking/more-like-this.js';
import type { Article, SearchOptions, SearchResult } from '../types.js';

/** Options of `SearchIndex.similar`. All optional. */
export interface SimilarOptions extends Pick<SearchOptions,
  'filters' | 'dateFrom' | 'dateTo' | 'limit' | 'offset' | 'facets' | 'facetLimit' | 'snippets' | 'snippetLength' | 'highlight'> {
  /**
   * Only articles dated within this many days before or after the article (which must have a
   * date); combined with `dateFrom`/`dateTo` when both are given. Integer ≥ 0. Default: no window.
   */
  withinDays?: number;
  /** How the terms are chosen. Defaults: {@link DEFAULT_MORE_LIKE_THIS}. */
  moreLikeThis?: MoreLikeThisOptions;
}

/** What {@link moreLikeThisQuery} needs of an index. */
export interface TermStatistics {
  /** The term id of an analysed term, −1 when unknown. */
  termId(term: string): number;
  /** Live articles containing term `tid`. */
  docFreq(tid: number): number;
  /** A surface form of term `tid` that analyses back to it. */
  display(tid: number): string;
  /** Live articles. */
  numDocs: number;
}

/**
 * The query text of an article's most distinctive terms (title and body, Lucene's
 * MoreLikeThis), each once, most distinctive first; empty when none qualifies.
 */
export function moreLikeThisQuery(article: Article, analyzer: Pick<Analyzer, 'forEachToken'>, stats: TermStatistics, options?: MoreLikeThisOptions): string {
  const tf = new Map<number, number>();
  const count = (term: string): void => {
    const tid = stats.termId(term);
    if (tid >= 0) tf.set(tid, (tf.get(tid) ?? 0) + 1);
  };
  analyzer.forEachToken(article.title, count);
  for (const p of article.paragraphs) analyzer.forEachToken(p, count);
  const terms = selectMoreLikeThisTerms(tf, (t) => stats.docFreq(t), stats.numDocs, options);
  return terms.map((t) => stats.display(t.term)).join(' ');
}

/** Resolves `withinDays` into a date range around `date`, narrowed by any explicit bounds. */
export function similarDateRange(date: string | undefined, options: SimilarOptions): Pick<SearchOptions, 'dateFrom' | 'dateTo'> {
  const { withinDays, dateFrom, dateTo } = options;
  if (withinDays === undefined) return { dateFrom, dateTo };
  if (!Number.isInteger(withinDays) || withinDays < 0) {
    throw new InvalidQueryError(`withinDays must be an integer ≥ 0, got ${String(withinDays)}`, { parameter: 'withinDays' });
  }
  const t = date ? Date.parse(`${date.slice(0, 10)}T00:00:00Z`) : NaN;
  if (Number.isNaN(t)) throw new InvalidQueryError('withinDays needs an article with a date', { parameter: 'withinDays' });
  const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
  const from = day(t - withinDays * 86400000);
  const to = day(t + withinDays * 86400000);
  return { dateFrom: dateFrom !== undefined && dateFrom > from ? dateFrom : from, dateTo: dateTo !== undefined && dateTo < to ? dateTo : to };
}

/**
 * Runs `query` and drops the hits in `exclude` (the article and its copies), paging after the
 * drop. `total` is the search's minus the excluded articles found among the hits fetched; the
 * excluded ones share every query term and rank first, so they are among them unless a filter
 * left them out — or, rarely, rank below `offset + limit + exclude.size`, when `total` counts them.
 * Facet counts are the search's, the excluded articles included.
 */
export function searchExcluding(
  search: (query: string, options: SearchOptions) => SearchResult,
  query: string,
  options: SearchOptions,
  exclude: ReadonlySet<string>,
): SearchResult {
  const offset = options.offset ?? 0;
  const limit = options.limit ?? 10;
  for (const [name, v] of [['offset', offset], ['limit', limit]] as const) {
    if (!Number.isInteger(v) || v < 0) throw new InvalidQueryError(`${name} must be an integer ≥ 0, got ${String(v)}`, { parameter: name });
  }
  if (query === '') return { query, total: 0, totalExact: true, tookMs: 0, hits: [], facets: {} };
  const r = search(query, { ...options, offset: 0, limit: offset + limit + exclude.size });
  const kept = r.hits.filter((h) => !exclude.has(h.id));
  return { ...r, total: r.total - (r.hits.length - kept.length), hits: kept.slice(offset, offset + limit) };
}
