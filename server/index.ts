/**
 * The server as a library, `ledesearch/server`: the Express app of the search API, to mount in
 * an Express app of one's own, and what it takes to build one.
 *
 * ```ts
 * import express from 'express';
 * import { createSearchIndex } from 'ledesearch';
 * import { createApp, createIndexHolder } from 'ledesearch/server';
 *
 * const index = createSearchIndex();
 * index.addAll(articles);
 * const outer = express();
 * outer.use('/search', createApp(createIndexHolder(index)));
 * ```
 *
 * Loading corpora and snapshots, listening and signals stay with `ledesearch serve`; this entry
 * does no I/O at import.
 */
export { createApp, DEFAULT_BODY_LIMIT, type AppOptions, type SearchApp } from './app.js';
export { createIndexHolder, IndexHolder, type IndexSource, type LoadedIndex } from './index-holder.js';
export type { Reindexer, RebuildFunction, ReindexStatus } from './reindexer.js';
export { DEFAULT_EXPORT_MAX } from './export-route.js';
export { DEFAULT_RESULT_CACHE_BYTES } from './response-cache.js';
export { createSchemaRegistry, type RequestProblem, type SchemaDocument, type SchemaName, type SchemaRegistry } from './schemas.js';
export { defaultWebDir } from './web-dir.js';
