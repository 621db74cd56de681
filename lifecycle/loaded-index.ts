/**
 * An index ready to serve, with how and when it was made: what building, loading and updating
 * give, and what the server holds and reports.
 */
import type { SearchIndex } from '../lib/index.js';
import type { CorpusManifest } from './corpus-manifest.js';

/** How an index in service was made. */
export type IndexSource = 'corpus' | 'snapshot' | 'memory';

/** An index together with how and when it was made (reported by GET /api/health). */
export interface LoadedIndex {
  index: SearchIndex;
  /** When the index was made ready (ISO 8601). */
  builtAt: string;
  /** How long building (source `corpus`) or loading (source `snapshot`) it took, in ms. */
  buildMs: number;
  source: IndexSource;
  /** Corpus files or lines that could not be read, when built from a corpus. */
  numCorpusErrors?: number;
  /** The corpus files it was built from, when known: what an incremental update starts from. */
  manifest?: CorpusManifest;
  /** The published generation it was loaded from, when following a publish folder. */
  generation?: number;
}
