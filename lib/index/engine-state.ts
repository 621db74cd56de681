/**
 * An index's complete state as plain data: what the facade exports and a snapshot stores.
 *
 * It lives below the facade so that lower floors (lib/snapshot) can handle it without importing
 * the engine: imports inside lib/ run one way, and only the entry point reaches lib/search/.
 */
import type { AnalyzerOptions } from '../analysis/analyzer.js';
import type { FacetStoreState } from '../facets/facet-store.js';
import type { NumberStoreState } from '../facets/number-store.js';
import type { SchemaDefinition } from '../schema/field-schema.js';
import type { RankingOptions } from '../ranking/bm25.js';
import type { InvertedIndexState } from './inverted-index.js';

/**
 * Articles kept as bytes, like a search engine's stored fields: document d's UTF-8 JSON, empty
 * for a removed one. A page of hits decodes ten articles, not all of them.
 */
export interface StoredArticles {
  readonly numDocs: number;
  bytes(doc: number): Uint8Array;
  /**
   * Where these articles came from when they were loaded from a snapshot: its stored articles,
   * and which documents still have exactly those bytes (alive since the load). A snapshot
   * writer copies the compressed blocks of such documents instead of compressing them again,
   * which is most of what re-saving an updated index costs.
   */
  readonly origin?: { stored: StoredArticles; unchanged(doc: number): boolean };
  /** The compressed form these articles were read from, when they were (see lib/snapshot/article-blocks.ts). */
  readonly packed?: unknown;
}

/** An index's complete state as plain data: what a snapshot stores. Internal to the library. */
export interface EngineState {
  /** The options the index was created with (the facade's SearchIndexOptions). */
  options: { analyzer?: AnalyzerOptions; ranking?: RankingOptions; schema?: SchemaDefinition };
  /** Article id by document id; null where one was removed. */
  ids: (string | null)[];
  /** Every article as UTF-8 JSON; after a load they stay bytes until first used. */
  articles: StoredArticles;
  index: InvertedIndexState;
  facets: FacetStoreState;
  /** Columns of the declared number and date fields (absent: none). */
  numbers?: NumberStoreState;
}
