/**
 * The OpenAPI 3.1 document of the HTTP API, assembled from the same JSON Schemas the server
 * validates with, so the two cannot drift apart.
 */
import type { SchemaDocument, SchemaName, SchemaRegistry } from './schemas.js';

/** Version of the HTTP API the document describes (not the package version). */
export const API_VERSION = '1.0.0';

type Json = Record<string, unknown>;

/** Rewrites every schema reference to point into `#/components/schemas`. */
function rewriteRefs(node: unknown, refToComponent: (ref: string) => string): unknown {
  if (Array.isArray(node)) return node.map((n) => rewriteRefs(n, refToComponent));
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    // $id would change the base URI inside the component and break the rewritten refs.
    if (key === '$id' || key === '$schema' || key === '$defs') continue;
    out[key] = key === '$ref' && typeof value === 'string' ? refToComponent(value) : rewriteRefs(value, refToComponent);
  }
  return out;
}

/** Builds the document from the registry's schemas. */
export function buildOpenApi(schemas: SchemaRegistry): Json {
  const docs = schemas.documents;
  const doc = (name: SchemaName): SchemaDocument => {
    const d = docs.get(name);
    if (!d) throw new Error(`internal: schema ${name} missing`);
    return d;
  };
  const titleOf = (s: SchemaDocument, fallback: string): string => (typeof s.title === 'string' ? s.title : fallback);

  // Component names: each top-level schema by its title, each common $defs entry by its title.
  const byRef = new Map<string, string>();
  const components: Json = {};
  const commonDefs = (doc('common').$defs ?? {}) as Record<string, SchemaDocument>;
  for (const [key, def] of Object.entries(commonDefs)) {
    const name = titleOf(def, key);
    byRef.set(`common.schema.json#/$defs/${key}`, name);
    byRef.set(`#/$defs/${key}`, name);
  }
  for (const [file, d] of docs) {
    if (file !== 'common') byRef.set(`${file}.schema.json`, titleOf(d, file));
  }
  const toComponent = (ref: string): string => {
    const name = byRef.get(ref);
    if (!name) throw new Error(`internal: cannot place $ref ${ref} in the OpenAPI document`);
    return `#/components/schemas/${name}`;
  };
  for (const def of Object.values(commonDefs)) components[titleOf(def, '')] = rewriteRefs(def, toComponent);
  for (const [file, d] of docs) {
    if (file !== 'common') components[titleOf(d, file)] = rewriteRefs(d, toComponent);
  }

  const ref = (name: SchemaName): Json => ({ $ref: `#/components/schemas/${titleOf(doc(name), name)}` });
  const json = (name: SchemaName, description: string): Json => ({ description, content: { 'application/json': { schema: ref(name) } } });
  const error = (description: string): Json => json('error', description);

  /** Query parameters from a request schema's properties. */
  const queryParameters = (name: SchemaName): Json[] => {
    const s = doc(name);
    const required = new Set((s.required as string[] | undefined) ?? []);
    return Object.entries((s.properties ?? {}) as Record<string, SchemaDocument>).map(([param, prop]) => {
      const { description, ...schema } = rewriteRefs(prop, toComponent) as Json;
      const p: Json = { name: param, in: 'query', required: required.has(param), schema };
      if (typeof description === 'string') p.description = description;
      if (prop.type === 'array') Object.assign(p, { style: 'form', explode: true });
      return p;
    });
  };

  /**
   * A public read: no credentials (`security: []` says so explicitly, rather than leaving the
   * operation unspecified). The operationId is what client generators name their method after.
   */
  const get = (operationId: string, summary: string, request: SchemaName, response: SchemaName, extra: Json = {}, extraParams: Json[] = []): Json => ({
    get: {
      operationId,
      summary,
      security: [],
      parameters: [...extraParams, ...queryParameters(request)],
      responses: { 200: json(response, 'OK'), 400: error('A bad parameter, named in details'), ...extra },
    },
  });

  const idParameter: Json = {
    name: 'id',
    in: 'path',
    required: true,
    description: 'The article id. It contains slashes: give them URL-encoded (%2F) or raw (/api/articles/seed/000_db3d054a026eb58a).',
    schema: { type: 'string', minLength: 1 },
  };

  const document = {
    openapi: '3.1.0',
    info: {
      title: 'ledesearch',
      version: API_VERSION,
      description: 'Full-text search over a news archive: ranked hits with highlighted snippets, facets, articles.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    // Relative: the API is wherever this document was fetched from (any host, port or proxy).
    servers: [{ url: '/', description: 'The server that serves this document' }],
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths: {
      '/api/search': get('searchArticles', 'Search articles', 'search-request', 'search-response'),
      '/api/articles/{id}': get(
        'getArticle',
        'One article, with the words of q marked',
        'article-request',
        'article-response',
        { 404: error('No article with this id') },
        [idParameter],
      ),
      '/api/articles/{id}/similar': get(
        'getSimilarArticles',
        'Related stories: articles on the same story, the article and its copies left out',
        'similar-request',
        'search-response',
        { 404: error('No article with this id') },
        [idParameter],
      ),
      '/api/export': {
        get: {
          operationId: 'exportArticles',
          summary: 'Every matching article as a CSV or NDJSON download',
          description:
            'Columns id, date, title, source, publisher, url, score, then the fields asked for. Streamed in sort order; refused with 400 export_too_large, before anything is written, when the search matches more articles than the server exports (LEDESEARCH_EXPORT_MAX, default 100000). X-Total-Count carries the number of rows.',
          security: [],
          parameters: queryParameters('export-request'),
          responses: {
            200: {
              description: 'The rows, as an attachment named ledesearch-<query>-<date>.csv (or .ndjson)',
              content: { 'text/csv': { schema: { type: 'string' } }, 'application/x-ndjson': { schema: { type: 'string' } } },
            },
            400: error('A bad parameter (named in details), or more matches than the export limit (code export_too_large)'),
          },
        },
      },
      '/api/facets': get('listFacets', 'Every facet field with its values and counts', 'facets-request', 'facets-response'),
      '/api/suggest': get('suggestWords', 'Completions of a word prefix', 'suggest-request', 'suggest-response'),
      '/api/health': get('getHealth', 'Index counts, build time and reindex state', 'empty-request', 'health-response'),
      '/api/openapi.json': get('getOpenApi', 'This document', 'empty-request', 'openapi-response'),
      '/api/schema': get('getSchema', 'The declared schema of the index: its fields and what filters, facets, ranges and sorts take', 'empty-request', 'schema-response'),
      '/api/live': {
        get: {
          operationId: 'getLive',
          summary: 'Liveness: the process runs and answers (also while the index loads)',
          security: [],
          responses: {
            200: json('live-response', 'The process is alive'),
            // The probes take no parameters; the only client error is the HTTP layer's own.
            431: error('The request line and headers are larger than the server accepts (code headers_too_large)'),
          },
        },
      },
      '/api/ready': {
        get: {
          operationId: 'getReady',
          summary: 'Readiness: whether to send this process traffic',
          description: 'For load-balancer health checks: 503 while the index loads and while the process drains on SIGTERM.',
          security: [],
          responses: {
            200: json('ready-response', 'An index is in service'),
            431: error('The request line and headers are larger than the server accepts (code headers_too_large)'),
            503: json('ready-response', 'Starting (no index in service yet) or draining (shutting down)'),
          },
        },
      },
      '/api/reindex': {
        post: {
          operationId: 'startReindex',
          summary: 'Bring the index up to date with the corpus folder in the background',
          description:
            'Reads only the corpus files that are new, changed or gone since the index was built (full=1: every file). ' +
            'Searches keep being answered from the old index until the new one is swapped in. Disabled unless the server has a reindex token.',
          security: [{ reindexToken: [] }],
          parameters: queryParameters('reindex-request'),
          requestBody: { required: false, content: { 'application/json': { schema: ref('empty-request') } } },
          responses: {
            202: json('reindex-response', 'The rebuild has started; follow it in GET /api/health'),
            400: error('A body or parameter was given'),
            401: error('No bearer token'),
            403: error('Wrong token, or reindexing disabled (code reindex_disabled)'),
            409: error('A rebuild is already running (its status in reindex)'),
          },
        },
      },
    },
    components: {
      schemas: components,
      securitySchemes: { reindexToken: { type: 'http', scheme: 'bearer', description: 'The value of LEDESEARCH_REINDEX_TOKEN.' } },
    },
  };
  // Request schemas become query parameters; only what the paths reference stays a component.
  document.components.schemas = reachableComponents(document.paths, components);
  return document;
}

/** The components `root` references, directly or through other components, in their order. */
function reachableComponents(root: unknown, components: Json): Json {
  const prefix = '#/components/schemas/';
  const reached = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string' && value.startsWith(prefix)) {
          const name = value.slice(prefix.length);
          if (!reached.has(name)) {
            reached.add(name);
            visit(components[name]);
          }
        } else visit(value);
      }
    }
  };
  visit(root);
  return Object.fromEntries(Object.entries(components).filter(([name]) => reached.has(name)));
}
