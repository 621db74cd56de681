/**
 * ledesearch through its public API, as the benchmark drives it: ranked-only queries, full
 * answers (facets + highlighted snippets) and filtered queries.
 */
import { createSearchIndex, FACET_FIELDS, type SearchIndex, type SearchOptions, type SearchResult } from '../lib/index.js';
import type { Engine, EngineInput } from './engine.js';
import { isPromise } from './engine.js';
import type { FilteredQuery } from './queries.js';

/** Options of a ranked-only query: the ten best ids and scores, no highlighting, no facets. */
export const RANKED_OPTIONS: SearchOptions = { limit: 10, snippets: 0, highlight: false };
/** Options of a full answer: ten hits with one highlighted snippet each, and every facet counted. */
export const FULL_OPTIONS: SearchOptions = { limit: 10, snippets: 3, facets: [...FACET_FIELDS] };

/** The ledesearch engine, with the extra query kinds only it is measured on. */
export interface LedeEngine extends Engine {
  /** The index, once built. */
  readonly index: SearchIndex;
  /** A full answer: ten hits with three snippets each (the library's and the server's default), plus counts for every facet field. */
  searchFull(q: string): number | Promise<number>;
  /** A ranked-only query with a facet filter and a date range. */
  searchFiltered(fq: FilteredQuery): number | Promise<number>;
}

function hitCount(result: SearchResult | Promise<SearchResult>): number | Promise<number> {
  return isPromise(result) ? result.then((r) => r.hits.length) : result.hits.length;
}

/** Creates the ledesearch engine over the input articles (indexed as given: title + paragraphs). */
export function createLedeEngine(input: EngineInput, index: SearchIndex = createSearchIndex()): LedeEngine {
  return {
    name: 'ledesearch',
    config: 'createSearchIndex() defaults; search(q, { limit: 10, snippets: 0, highlight: false })',
    index,
    async build() {
      index.addAll(input.articles);
    },
    search(q) {
      return hitCount(index.search(q, RANKED_OPTIONS));
    },
    searchFull(q) {
      return hitCount(index.search(q, FULL_OPTIONS));
    },
    searchFiltered(fq) {
      return hitCount(index.search(fq.q, { ...RANKED_OPTIONS, filters: fq.filters, dateFrom: fq.dateFrom, dateTo: fq.dateTo }));
    },
  };
}
