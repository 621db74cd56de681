/**
 * The endpoints of the HTTP API under `/api`: search, articles, facets, suggestions, health,
 * OpenAPI, and reindex (whose handler lives in `reindex-route.ts`).
 *
 * Each handler validates its query string against its request schema first (a bad one is a 400
 * naming the parameter), reads the index in service once, and returns the library's answer as
 * it is.
 */
import { Router, type Request } from 'express';
import { FACET_FIELDS, type Article, type FacetField, type Filters, type SearchIndex, type SimilarOptions } from '../lib/index.js';
import type { ApiContext } from './api-context.js';
import { badPathEncoding } from './error-handler.js';
import { HttpError } from './http-error.js';
import { createExportHandler } from './export-route.js';
import { createReindexHandler } from './reindex-route.js';
import { sendJsonBytes, toJsonBytes } from './json-text.js';
import { searchEtag } from './search-etag.js';
import { splitListParameters, parseSearchParams, toSearchOptions } from './search-params.js';

/** The query string as a plain object (Express 5 parses it afresh on every read). */
function queryOf(req: Request): Record<string, unknown> {
  return { ...(req.query as Record<string, unknown>) };
}

/**
 * The cache key of a search: its raw query string. A hit then skips parsing and validation too:
 * only answers to valid requests are stored, and the same string always means the same request.
 * (`?a&b` and `?b&a` get an entry each; the budget is in bytes, so that costs room, not answers.)
 */
function searchCacheKey(req: Request): string {
  const url = req.originalUrl;
  const q = url.indexOf('?');
  return q < 0 ? '' : url.slice(q + 1);
}

/** Builds the router for the read endpoints under `/api`. */
export function createApiRouter(ctx: ApiContext): Router {
  const router = Router();
  const { holder, schemas } = ctx;

  // Which published generation answered, so a client or balancer can see replicas converge.
  router.use((_req, res, next) => {
    const generation = holder.current.generation;
    if (generation !== undefined) res.setHeader('X-Index-Generation', String(generation));
    next();
  });

  router.get('/search', (req, res) => {
    const current = holder.current;
    const cache = ctx.resultCache;
    const key = searchCacheKey(req);
    // Known before searching: a client that already has this answer gets a 304 for nothing
    // (Express's freshness rules: GET and HEAD only, `Cache-Control: no-cache` wants the body).
    // `If-None-Match: *` names no answer, so it skips neither validation nor search.
    const etag = searchEtag(current, key);
    const ifNoneMatch = req.headers['if-none-match'];
    if (ifNoneMatch !== undefined && ifNoneMatch.trim() !== '*') {
      res.setHeader('ETag', etag);
      if (req.fresh) {
        res.status(304).end();
        return;
      }
      // Only an answer carries the tag: an error must not hand out a validator.
      res.removeHeader('ETag');
    }
    const entry = cache.enabled ? cache.get(current, key) : undefined;
    const hit = entry !== undefined;
    let body: Buffer;
    if (entry !== undefined) {
      body = entry.body;
    } else {
      // Validation throws a 400 for a bad request, before anything is stored.
      const { query, options } = toSearchOptions(parseSearchParams(schemas, req.query as Record<string, unknown>), ctx.schema);
      body = toJsonBytes(current.index.search(query, options));
      if (cache.enabled) cache.set(current, key, { body });
    }
    if (cache.enabled) res.setHeader('X-Cache', hit ? 'HIT' : 'MISS');
    res.setHeader('ETag', etag);
    sendJsonBytes(req, res, body);
  });

  // Checked before the route, so the 400 can name the parameter (the router's own decoding
  // error does not say which one failed).
  router.use('/articles', (req, _res, next) => {
    try {
      decodeURIComponent(req.path);
    } catch {
      throw badPathEncoding('id');
    }
    next();
  });

  // Related stories. Registered before the article route, whose wildcard would take
  // `…/similar` as part of the id; an article whose own id ends in `/similar` still wins.
  router.get('/articles/*id/similar', (req, res, next) => {
    const id = idParam(req);
    const { index } = holder.current;
    if (index.has(`${id}/similar`)) {
      next('route');
      return;
    }
    const p = schemas.parseRequest<SimilarParams>('similar-request', queryOf(req));
    if (!index.has(id)) throw new HttpError(404, 'not_found', `no article with id ${JSON.stringify(id)}`);
    res.json(index.similar(id, toSimilarOptions(p)));
  });

  // Ids contain slashes (`seed/000_db3d054a026eb58a`): accept them raw, as the wildcard's
  // segments, or URL-encoded (%2F) inside one segment; both decode to the same id.
  router.get('/articles/*id', (req, res) => {
    const { q } = schemas.parseRequest<{ q: string }>('article-request', queryOf(req));
    const id = idParam(req);
    const { index } = holder.current;
    const highlighted = index.highlightArticle(id, q);
    if (!highlighted) throw new HttpError(404, 'not_found', `no article with id ${JSON.stringify(id)}`);
    res.json({
      article: highlighted.article,
      query: q,
      titleHtml: highlighted.titleHtml,
      duplicates: duplicateSummaries(index, id),
      paragraphs: highlighted.paragraphs,
      // Declared text fields only (the default schema's answer has no such key).
      ...(highlighted.fieldsHtml ? { fieldsHtml: highlighted.fieldsHtml } : {}),
    });
  });

  router.get('/export', createExportHandler(ctx, ctx.exportMax));

  router.get('/facets', (req, res) => {
    const p = schemas.parseRequest<{ fields?: FacetField[]; limit: number }>('facets-request', splitListParameters(queryOf(req)));
    const { index } = holder.current;
    res.json({ numArticles: index.size, facets: index.facetValues(p.fields ?? (ctx.schema.facetFields as FacetField[]), p.limit) });
  });

  router.get('/schema', (req, res) => {
    schemas.parseRequest('empty-request', queryOf(req));
    res.json(ctx.schemaBody);
  });

  router.get('/suggest', (req, res) => {
    const p = schemas.parseRequest<{ q: string; limit: number }>('suggest-request', queryOf(req));
    res.json({ query: p.q, suggestions: holder.current.index.suggest(p.q, p.limit) });
  });

  router.get('/health', (req, res) => {
    schemas.parseRequest('empty-request', queryOf(req));
    const current = holder.current;
    const stats = current.index.stats();
    const body: Record<string, unknown> = {
      status: 'ok',
      numArticles: stats.numArticles,
      numParagraphs: stats.numParagraphs,
      numTerms: stats.numTerms,
      builtAt: current.builtAt,
      buildMs: current.buildMs,
      source: current.source,
      reindex: ctx.reindexer?.status() ?? { state: 'idle' },
      resultCache: ctx.resultCache.stats(),
    };
    if (current.numCorpusErrors !== undefined) body.numCorpusErrors = current.numCorpusErrors;
    if (current.generation !== undefined) body.generation = current.generation;
    res.set('Cache-Control', 'no-store').json(body);
  });

  router.get('/openapi.json', (req, res) => {
    schemas.parseRequest('empty-request', queryOf(req));
    res.json(ctx.openapi);
  });

  router.post('/reindex', createReindexHandler(ctx));

  return router;
}

/** The article id of an `/articles/*id` route: the wildcard's segments joined back with `/`. */
function idParam(req: Request): string {
  const segments = (req.params as { id: string[] | string }).id;
  return Array.isArray(segments) ? segments.join('/') : segments;
}

/** Parameters of GET /api/articles/{id}/similar after validation (`schema/similar-request.schema.json`). */
interface SimilarParams extends Partial<Record<FacetField, string[]>> {
  from?: string;
  to?: string;
  limit: number;
  offset: number;
  snippets: number;
  withinDays?: number;
}

/** The library options a set of valid similar parameters stands for. */
function toSimilarOptions(p: SimilarParams): SimilarOptions {
  const filters: Filters = {};
  for (const field of FACET_FIELDS) {
    const values = p[field];
    if (values && values.length > 0) filters[field] = values;
  }
  const options: SimilarOptions = { filters, limit: p.limit, offset: p.offset, snippets: p.snippets };
  if (p.from !== undefined) options.dateFrom = p.from;
  if (p.to !== undefined) options.dateTo = p.to;
  if (p.withinDays !== undefined) options.withinDays = p.withinDays;
  return options;
}

/** A near-duplicate copy as the API lists it: enough to show and link it. */
export interface DuplicateSummary {
  id: string;
  title: string;
  date?: string;
  source?: string;
  publisher?: string;
}

/** The other copies in the near-duplicate group of article `id`, as summaries. */
function duplicateSummaries(index: SearchIndex, id: string): DuplicateSummary[] {
  const out: DuplicateSummary[] = [];
  for (const other of index.duplicatesOf(id)) {
    const a: Article | undefined = index.get(other);
    if (!a) continue;
    const d: DuplicateSummary = { id: a.id, title: a.title };
    if (a.date !== undefined) d.date = a.date;
    if (a.source !== undefined) d.source = a.source;
    if (a.publisher !== undefined) d.publisher = a.publisher;
    out.push(d);
  }
  return out;
}
