/**
 * ledesearch under evaluation, driven only through its public API.
 */
import { createSearchIndex, type SearchIndex, type SearchIndexOptions } from '../../lib/index.js';
import type { Article } from '../../lib/types.js';
import type { EvalEngine } from './engine.js';

/** Describes index options as `key=value` pairs, or `defaults` when there are none. */
export function describeOptions(options: SearchIndexOptions): string {
  const parts: string[] = [];
  for (const [group, values] of Object.entries(options) as [string, Record<string, unknown> | undefined][]) {
    for (const [key, value] of Object.entries(values ?? {})) {
      parts.push(`${group}.${key}=${Array.isArray(value) ? `[${value.length} words]` : String(value)}`);
    }
  }
  return parts.length === 0 ? 'defaults' : parts.join(' ');
}

/**
 * ledesearch as an {@link EvalEngine}: `createSearchIndex(options)`, `addAll`, and `search` with
 * `limit: k` and no snippets (snippets cost time and do not change the ranking).
 */
export function createLedesearchEngine(options: SearchIndexOptions = {}, name = 'ledesearch'): EvalEngine {
  let index: SearchIndex | undefined;
  return {
    name,
    get settings(): string {
      // The resolved ranking is only known once an index exists.
      const ranking = index ? Object.entries(index.ranking).map(([k, v]) => `${k}=${v}`).join(' ') : '';
      return `createSearchIndex(${describeOptions(options)}); resolved ranking: ${ranking}; ` +
        'search(q, { limit: 1000, snippets: 0 }), match any term';
    },
    build(articles: readonly Article[]): void {
      index = createSearchIndex(options);
      index.addAll(articles);
    },
    search(query: string, k: number): string[] {
      if (!index) throw new Error('internal: search before build');
      return index.search(asWords(query), { limit: k, snippets: 0 }).hits.map((h) => h.id);
    },
  };
}

/**
 * A test collection's query is a statement in prose, not a query in the search syntax: its quotes
 * cite titles, its capitals are not operators and a dash is not an exclusion. Dropping the syntax
 * characters and lower-casing the operators leaves the words, as a bag-of-words engine sees them.
 */
export function asWords(query: string): string {
  return query.replace(/["()*+]|(^|\s)-+/g, ' $1').replace(/\b(AND|OR|NOT|SAME|NEAR)\b/g, (w) => w.toLowerCase()).replace(/\b([A-Za-z]+):/g, '$1 ');
}
