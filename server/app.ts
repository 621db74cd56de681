/**
 * The Express app of the search server: `createApp(holder, options)` builds it with no listen,
 * no environment and no I/O at import; `main.ts` does those.
 */
import cors from 'cors';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { createApiRouter } from './api-router.js';
import { DEFAULT_EXPORT_MAX } from './export-route.js';
import type { ApiContext } from './api-context.js';
import { errorHandler, notFoundHandler } from './error-handler.js';
import { HttpError } from './http-error.js';
import type { IndexHolder } from './index-holder.js';
import { buildOpenApi } from './openapi.js';
import { addProbeRoutes } from './probe-routes.js';
import { Readiness } from './readiness.js';
import { requestLog } from './request-log.js';
import { applySecurityHeaders, recordSecurityHeaders, securityHeaderOptions } from './security-headers.js';
import { Reindexer, type RebuildFunction, type ReindexStatus } from './reindexer.js';
import { DEFAULT_RESULT_CACHE_BYTES, ResponseCache } from './response-cache.js';
import { createSchemaRegistry, type SchemaRegistry } from './schemas.js';
import { DEFAULT_SCHEMA, type ResolvedSchema } from '../lib/index.js';
import { describeDeclaredSchema } from './declared-schemas.js';

/** Default {@link AppOptions.bodyLimit}: no endpoint takes a real body, so a small one. */
export const DEFAULT_BODY_LIMIT = '16kb';

/** Options of {@link createApp}. All optional. */
export interface AppOptions {
  /**
   * Builds a fresh index for POST /api/reindex. With `reindexToken`, enables that endpoint;
   * without either, it answers 403 `reindex_disabled`.
   */
  rebuild?: RebuildFunction;
  /** Readiness for GET /api/ready. Default: ready (the app has its index). */
  readiness?: Readiness;
  /** The secret POST /api/reindex requires as `Authorization: Bearer <token>`. */
  reindexToken?: string;
  /**
   * Request logger (pino): each request once finished, 2xx/3xx at `debug`, 4xx at `warn`, 5xx at
   * `error` (with the stack). Default: none. Pass `false` or leave it out in tests; the server's
   * main passes a real one.
   */
  logger?: Logger | false;
  /**
   * Origins allowed to call the API from a browser: a list of origins, or `*` for any.
   * Default: none (no CORS headers; same-origin pages only).
   */
  corsOrigins?: readonly string[] | '*';
  /** A folder of static files (the search page) served at `/`. Default: none. */
  webDir?: string;
  /** Largest accepted request body, in body-parser's notation. Default {@link DEFAULT_BODY_LIMIT}. */
  bodyLimit?: string;
  /**
   * Bytes of serialised /api/search answers to keep for repeated requests (emptied whenever the
   * index in service changes). Default {@link DEFAULT_RESULT_CACHE_BYTES}; 0 turns the cache off.
   */
  resultCacheBytes?: number;
  /**
   * Most rows GET /api/export writes; a search matching more is refused (400 `export_too_large`)
   * before anything is written. Default {@link DEFAULT_EXPORT_MAX} (100,000).
   */
  exportMax?: number;
  /**
   * The declared schema of the index (lib/schema): the search, export and facets parameters,
   * the OpenAPI document and GET /api/schema follow it. Default: the schema of the index in
   * `holder` when the app is made (a follower serves the schema its snapshots carry).
   */
  schema?: ResolvedSchema;
  /** Compiled schemas; default: read from the package's `schema/` folder once, here, for `schema`. */
  schemas?: SchemaRegistry;
}

/** The app, with a handle on its rebuild machinery (for shutdown and tests). */
export interface SearchApp extends Express {
  /** The reindexer; undefined when reindexing is disabled. */
  readonly reindexer?: Reindexer;
}

/** Builds the search server's Express app over the index in `holder`. */
export function createApp(holder: IndexHolder, options: AppOptions = {}): SearchApp {
  const schema = options.schema ?? holder.current.index.schema ?? DEFAULT_SCHEMA;
  const schemas = options.schemas ?? createSchemaRegistry(undefined, schema);
  const logger = options.logger || undefined;
  const reindexer =
    options.rebuild && options.reindexToken
      ? new Reindexer(holder, options.rebuild, (status: ReindexStatus, error?: unknown) => {
          if (status.state === 'failed') logger?.error({ err: error, reindex: status }, 'reindex failed; the old index stays in service');
          else logger?.info({ reindex: status }, 'reindex finished; new index in service');
        })
      : undefined;
  const ctx: ApiContext = {
    holder,
    schema,
    schemaBody: describeDeclaredSchema(schema),
    schemas,
    reindexer,
    reindexToken: reindexer ? options.reindexToken : undefined,
    exportMax: options.exportMax ?? DEFAULT_EXPORT_MAX,
    resultCache: new ResponseCache(options.resultCacheBytes ?? DEFAULT_RESULT_CACHE_BYTES),
    openapi: buildOpenApi(schemas),
  };

  const app = express() as SearchApp;
  Object.defineProperty(app, 'reindexer', { value: reindexer, enumerable: false });
  // Escape <, > and & in JSON so a response can never be sniffed as HTML, whatever an article holds.
  app.set('json escape', true);
  // Not sent at all, rather than set by Express and removed again by helmet on every response.
  app.disable('x-powered-by');
  // The simple parser gives strings and arrays only, never nested objects from a[b]=c.
  app.set('query parser', 'simple');
  addProbeRoutes(app, options.readiness ?? new Readiness('ready'));

  // Successful requests at debug, 4xx at warn, 5xx at error (see request-log.ts for why).
  if (logger) app.use(requestLog(logger));
  // helmet's headers, worked out once (security-headers.ts); set before the Host check, so its
  // 400 carries them too. HTTP/1.1 requires Host (RFC 9112 §3.2); the HTTP server leaves the
  // check to us for a JSON 400.
  const security = recordSecurityHeaders(securityHeaderOptions(options.corsOrigins !== undefined));
  app.use((req, res, next) => {
    applySecurityHeaders(security, res);
    if (req.httpVersionMajor === 1 && req.httpVersionMinor >= 1 && req.headers.host === undefined) {
      next(new HttpError(400, 'invalid_request', 'an HTTP/1.1 request needs a Host header'));
    } else next();
  });
  if (options.corsOrigins && options.corsOrigins.length > 0) {
    const origins = options.corsOrigins;
    app.use(
      '/api',
      cors({
        origin: origins === '*' ? '*' : [...origins],
        methods: ['GET', 'HEAD', 'POST'],
        allowedHeaders: ['Content-Type', 'Authorization'],
        maxAge: 600,
      }),
    );
  }
  app.use(express.json({ limit: options.bodyLimit ?? DEFAULT_BODY_LIMIT }));
  // The API router sets X-Index-Generation (which published generation answered) on its answers.
  app.use('/api', createApiRouter(ctx));
  if (options.webDir) app.use(express.static(options.webDir, { index: 'index.html', dotfiles: 'ignore', redirect: false }));

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
