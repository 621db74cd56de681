/**
 * The one catalogue of ledesearch's error codes, and the error classes that carry them.
 */

/** Every code a {@link SearchError} can carry. Stable: callers may branch on them. */
export type SearchErrorCode =
  | 'invalid_query' // a query or search option that cannot be honoured
  | 'query_too_complex' // a query past the documented limits on clauses or prefix expansions
  | 'invalid_argument' // an argument of the wrong type to a public function or method
  | 'invalid_article' // an article passed to `add` that is not well formed
  | 'duplicate_id' // an article id already present in the index
  | 'not_found' // an id that is not in the index
  | 'corpus_not_found' // a corpus folder that does not exist or is not a folder
  | 'snapshot_invalid' // a snapshot that is corrupt, truncated or of another format version
  | 'invalid_schema'; // a declared schema (lib/schema) that is not well formed

/** Base class of every error ledesearch throws on purpose. */
export class SearchError extends Error {
  /** Machine-readable reason. */
  readonly code: SearchErrorCode;
  /** Extra structured context (the offending parameter, value, limits …). */
  readonly details?: Record<string, unknown>;

  constructor(code: SearchErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'SearchError';
    this.code = code;
    this.details = details;
  }
}

/**
 * A query or search option that cannot be honoured (bad date, negative limit …): code
 * `invalid_query`, or `query_too_complex` for a query past the documented limits on its size.
 */
export class InvalidQueryError extends SearchError {
  constructor(message: string, details?: Record<string, unknown>, code: 'invalid_query' | 'query_too_complex' = 'invalid_query') {
    super(code, message, details);
    this.name = 'InvalidQueryError';
  }
}

/** An id that is not in the index (`similar` of an unknown article). */
export class NotFoundError extends SearchError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('not_found', message, details);
    this.name = 'NotFoundError';
  }
}

/** A snapshot that cannot be loaded: corrupt, truncated, or written by another format version. */
export class SnapshotError extends SearchError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('snapshot_invalid', message, details);
    this.name = 'SnapshotError';
  }
}
