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
export { articleJsonSchema } from './schema/article-json-schema.js';
export type { CorpusFile, CorpusFileListing } from './corpus/list-corpus-files.js';
export { CORPUS_CONFIG_FILE } from './corpus/list-corpus-files.js';
export { parseReferenceArticle, formatReferenceArticle } from './corpus/reference-format.js';
export { parseJsonArticles, type ParseJsonArticlesOptions } from './corpus/json-format.js';
export { createAnalyzer, DEFAULT_STOP_WORDS, type Analyzer, type AnalyzerOptions } from './analysis/analyzer.js';
export { escapeHtml } from './highlight/escape-html.js';
export {
  createSearchIndex,
  type SearchIndex,
  type SearchIndexOptions,
  type IndexStats,
} from './search/search-index.js';
export { DEFAULT_ADD_BATCH, type AddAllOptions } from './search/add-all-options.js';
export { type RankingOptions, DEFAULT_RANKING } from './ranking/bm25.js';
export { MAX_QUERY_CLAUSES, MAX_QUERY_EXPANSIONS, MAX_PREFIX_EXPANSIONS } from './search/bind-query.js';
export { MAX_NEAR_DISTANCE } from './query/query-lexer.js';
export {
  saveSnapshot,
  loadSnapshot,
  loadSnapshotWithMetadata,
  snapshotToBytes,
  snapshotFromBytes,
  snapshotWithMetadataFromBytes,
  type LoadedSnapshot,
  type LoadSnapshotOptions,
} from './search/snapshot.js';
export { readSnapshotMetadata, SNAPSHOT_FORMAT_VERSION, type SnapshotWriteOptions } from './snapshot/snapshot-file.js';
export { writeAtomically } from './snapshot/write-atomically.js';
export { type DuplicateOptions, DEFAULT_DUPLICATE_OPTIONS } from './duplicates/duplicate-options.js';
export { type MoreLikeThisOptions, DEFAULT_MORE_LIKE_THIS } from './ranking/more-like-this.js';
export { type SimilarOptions } from './search/similar-articles.js';
export { MAX_AUTO_BUCKETS } from './collector/date-buckets.js';
export {
  FIELD_TYPES, MAX_DECLARED_FIELDS, MAX_FIELD_NAME_LENGTH,
  type FieldType, type FieldSpec, type FieldValue, type SchemaDefinition, type NumberBucket,
  type KeywordFieldSpec, type NumberFieldSpec, type DateFieldSpec, type TextFieldSpec, type StoredFieldSpec,
} from './schema/field-schema.js';
export {
  resolveSchema, sameSchema, checkNumberBuckets, DEFAULT_SCHEMA, RESERVED_FIELD_NAMES, DROPPABLE_FIELDS,
  MAX_NUMBER_BUCKETS, MAX_TEXT_WEIGHT, MAX_FIELD_LABEL_LENGTH,
  type ResolvedSchema, type ResolvedField,
} from './schema/resolve-schema.js';
export { MAX_KEYWORD_LENGTH, MAX_KEYWORD_VALUES } from './schema/conform-article.js';
export type {
  DefaultSchema, KeywordFieldOf, NumberFieldOf, DateFieldOf, FilterFieldOf, FacetFieldOf, RangeFieldOf, SortOrderOf,
} from './schema/schema-types.js';
