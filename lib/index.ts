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
export { loadCorpus, listCorpus, type LoadCorpusOptions } from './corpus/load-corpus.js';
export type { CorpusFile, CorpusFileListing } from './corpus/list-corpus-files.js';
export { parseReferenceArticle, formatReferenceArticle } from './corpus/reference-format.js';
export { parseJsonArticles } from './corpus/json-format.js';
export { createAnalyzer, DEFAULT_STOP_WORDS, type Analyzer, type AnalyzerOptions } from './analysis/analyzer.js';
export { escapeHtml } from './highlight/escape-html.js';
export {
  createSearchIndex,
  type SearchIndex,
  type SearchIndexOptions,
  type IndexStats,
  type HighlightedArticle,
} from './search/search-index.js';
export { DEFAULT_ADD_BATCH, type AddAllOptions } from './search/add-all-options.js';
export { type RankingOptions, DEFAULT_RANKING } from './ranking/bm25.js';
export {
  saveSnapshot,
  loadSnapshot,
  loadSnapshotWithMetadata,
  readSnapshotMetadata,
  snapshotToBytes,
  snapshotFromBytes,
  snapshotWithMetadataFromBytes,
  SNAPSHOT_FORMAT_VERSION,
  type SnapshotWriteOptions,
  type LoadedSnapshot,
} from './snapshot/snapshot-file.js';
