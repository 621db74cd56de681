/**
 * What the route handlers share: the index holder, the compiled schemas, the rebuild machinery.
 */
import type { ResolvedSchema } from '../lib/index.js';
import type { IndexHolder } from './index-holder.js';
import type { Reindexer } from './reindexer.js';
import type { ResponseCache } from './response-cache.js';
import type { SchemaRegistry } from './schemas.js';

/** The state the API's handlers work on; built once by `createApp`. */
export interface ApiContext {
  holder: IndexHolder;
  /** The declared schema of the index in service; the request schemas in `schemas` are generated from it. */
  schema: ResolvedSchema;
  /** The body of GET /api/schema (`schema/schema-response.schema.json`), made once. */
  schemaBody: Record<string, unknown>;
  schemas: SchemaRegistry;
  /** Absent when reindexing is disabled (no rebuild function or no token). */
  reindexer?: Reindexer;
  /** The secret POST /api/reindex requires; absent when reindexing is disabled. */
  reindexToken?: string;
  /** Serialised /api/search answers of the index in service (disabled when built with 0 bytes). */
  resultCache: ResponseCache;
  /** Most rows GET /api/export writes; a larger match set is a 400 `export_too_large`. */
  exportMax: number;
  /** The OpenAPI document, assembled once. */
  openapi: Record<string, unknown>;
}
