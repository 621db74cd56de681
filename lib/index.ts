/**
 * ledesearch: full-text search for news archives.
 *
 * This file is the library's only public entry point: every name a caller may use is exported
 * here, and nothing from flexsearch or ajv appears in these signatures.
 *
 * @packageDocumentation
 */
export * from './types.js';
export * from './errors.js';
export { loadCorpus, type LoadCorpusOptions } from './corpus/load-corpus.js';
export { parseReferenceArticle, formatReferenceArticle } from './corpus/reference-format.js';
export { parseJsonArticles, type ParseJsonArticlesOptions } from './corpus/json-format.js';
export { createAnalyzer, DEFAULT_STOP_WORDS, type Analyzer, type AnalyzerOptions } from './analysis/analyzer.js';
export { escapeHtml } from './highlight/escape-html.js';
export {
  createSearchIndex,
  type SearchIndex,
  type SearchIndexOptions,
  type IndexStats,
  type HighlightedArticle,
} from './search/search-index.js';
export { type RankingOptions, DEFAULT_RANKING } from './ranking/bm25.js';
export { MAX_QUERY_CLAUSES, MAX_QUERY_EXPANSIONS, MAX_PREFIX_EXPANSIONS } from './search/bind-query.js';
export { MAX_NEAR_DISTANCE } from './query/query-lexer.js';
export { saveSnapshot, loadSnapshot, snapshotToBytes, snapshotFromBytes } from './search/snapshot.js';
export { SNAPSHOT_FORMAT_VERSION } from './snapshot/snapshot-file.js';
export { type DuplicateOptions, DEFAULT_DUPLICATE_OPTIONS } from './duplicates/duplicate-options.js';
export { type MoreLikeThisOptions, DEFAULT_MORE_LIKE_THIS } from './ranking/more-like-this.js';
export { type SimilarOptions } from './search/similar-articles.js';
export { MAX_AUTO_BUCKETS } from './collector/date-buckets.js';
