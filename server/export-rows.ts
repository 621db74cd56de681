/**
 * Every matching article of a search, one at a time, for an export.
 */
import type { SearchIndex, SearchOptions } from '../lib/index.js';
import type { ExportRow } from './export-format.js';

/** Hits fetched per page while walking the match set. */
const PAGE_SIZE = 500;

/**
 * The matching articles of `query` in `options.sort` order, with the total known before the
 * first row (so a limit can be checked before anything is written).
 *
 * Walks the answer page by page through `index.search` (no snippets, no facets), so at most one
 * page of hits is held at a time. To be replaced by the library's `searchAll` (issue 14's
 * contract), which walks the match set once instead of re-ranking it for every page.
 */
export function exportRows(index: SearchIndex, query: string, options: SearchOptions): { total: number; rows: Iterable<ExportRow> } {
  const base: SearchOptions = { ...options, facets: [], snippets: 0, dateHistogram: false };
  const first = index.search(query, { ...base, limit: 0, offset: 0 });
  const total = first.total;
  function* rows(): Generator<ExportRow> {
    for (let offset = 0; offset < total; offset += PAGE_SIZE) {
      const page = index.search(query, { ...base, limit: PAGE_SIZE, offset });
      if (page.hits.length === 0) return;
      for (const hit of page.hits) {
        const article = index.get(hit.id);
        // Removed by a reindex swap in between: the old index is what we hold, so this is rare.
        if (article) yield { id: hit.id, score: hit.score, article };
      }
    }
  }
  return { total, rows: rows() };
}
