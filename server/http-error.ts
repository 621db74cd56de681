/**
 * The error a request handler throws to answer with a given status and JSON error body.
 */
import type { RequestProblem } from './schemas.js';

/** Stable codes of the API's error bodies (see `schema/error.schema.json`). */
export type ApiErrorCode =
  | 'invalid_request'
  | 'invalid_query'
  | 'invalid_json'
  | 'payload_too_large'
  | 'headers_too_large'
  | 'request_timeout'
  | 'not_found'
  | 'unauthorized'
  | 'forbidden'
  | 'reindex_disabled'
  | 'reindex_running'
  | 'unavailable'
  | 'export_too_large'
  | 'internal';

/** An error that maps to one HTTP response: status, code, message, optional details. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly details?: RequestProblem[];
  /** Extra top-level fields of the error body (e.g. `reindex` on a 409). */
  readonly extra?: Record<string, unknown>;

  constructor(status: number, code: ApiErrorCode, message: string, details?: RequestProblem[], extra?: Record<string, unknown>) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.extra = extra;
  }
}
