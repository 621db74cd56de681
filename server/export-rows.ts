/**
 * Every matching article of a search, one at a time, for an export.
 */
import type { ExportOptions, ExportRow, SearchIndex } from '../lib/index.js';

/**
 * The matching articles (or, with collapse, groups) of `query` in sort order, lazily from the
 * library's `searchAll`, with the number of rows known before the first one (a count-only
 * search), so that a limit can be checked before anything is written.
 */
export function exportRows(index: SearchIndex, query: string, options: ExportOptions): { total: number; rows: Iterable<ExportRow> } {
  // Collapsed, there is one row per group whatever collapseCount says.
  const { total } = index.search(query, { ...options, collapseCount: 'groups', limit: 0, facets: [], snippets: 0, highlight: false, trackTotal: true });
  return { total, rows: index.searchAll(query, options) };
}
