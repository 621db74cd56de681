/**
 * From the parameters of GET /api/search (and of `ledesearch search`) to the library's
 * SearchOptions: the one place the two front ends agree on what a parameter means.
 */
import {
  DEFAULT_SCHEMA, FACET_FIELDS,
  type DateHistogramOptions, type FacetField, type Filters, type HistogramInterval, type NumberBucket, type RangeFilter, type ResolvedSchema,
  type SearchOptions, type SnippetPart, type SortOrder,
} from '../lib/index.js';
import { FACET_BUCKETS_PREFIX, facetableFields, RANGE_BOUNDS, sortableFields } from './declared-schemas.js';
import type { SchemaRegistry } from './schemas.js';

/**
 * Search parameters after validation against `schema/search-request.schema.json`, defaults
 * filled in. Kept in step with that schema (a test checks the facet fields).
 */
export interface SearchParams extends Partial<Record<FacetField, string[]>> {
  q: string;
  from?: string;
  to?: string;
  sort: SortOrder;
  limit: number;
  offset: number;
  /** Absent: none; `*` stands for every facet field of the schema. */
  facets?: Array<FacetField | typeof EVERY_FACET>;
  facetLimit: number;
  histogram: '0' | '1' | 'true' | 'false' | HistogramInterval | 'auto';
  histogramNormalize: '0' | '1' | 'true' | 'false';
  compare?: string;
  collapse?: 'duplicates';
  collapseCount: 'groups' | 'articles';
  snippets: number;
  snippetLength: number;
  /** Snippet parts; the schema's default is `html` alone. */
  parts: SnippetPart[];
  match: 'any' | 'all';
  /** `true`, `false` or a whole number, as the request schema's pattern allows; absent: the library's default. */
  trackTotal?: string;
}

/** The `facets` item that asks for every facet field (Meilisearch spells it the same). */
export const EVERY_FACET = '*';

/** Parameters that may be comma-separated as well as repeated. */
const LIST_PARAMETERS: ReadonlySet<string> = new Set(['facets', 'fields', 'parts', 'stats']);

/** True for the parameters that may be comma-separated: {@link LIST_PARAMETERS} and `facetBuckets.<field>`. */
function isListParameter(key: string): boolean {
  return LIST_PARAMETERS.has(key) || key.startsWith(FACET_BUCKETS_PREFIX);
}

/**
 * Spreads comma-separated list parameters (`facets=category,topics`) into arrays, so that
 * `facets=a,b` and `facets=a&facets=b` mean the same; empty items are dropped, so `facets=`
 * asks for none. Other parameters are copied as they are.
 */
export function splitListParameters(query: Record<string, unknown>): Record<string, unknown> {
  // No prototype: on a plain object `out.__proto__ = v` would set the prototype instead of
  // copying the parameter, and `?__proto__=x` would slip past the schema's unknown-parameter check.
  const out = Object.create(null) as Record<string, unknown>;
  for (const [key, value] of Object.entries(query)) {
    if (isListParameter(key) && (typeof value === 'string' || Array.isArray(value))) {
      const items = (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]));
      out[key] = items.map((v) => (typeof v === 'string' ? v.trim() : v)).filter((v) => v !== '');
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** Validates raw search parameters (throws a 400 HttpError naming the parameter). */
export function parseSearchParams(schemas: SchemaRegistry, query: Record<string, unknown>): SearchParams {
  return schemas.parseRequest<SearchParams>('search-request', splitListParameters(query));
}

/**
 * The range a `field=a..b` parameter (both ends inclusive, either open) and `field.gte=…`-style
 * parameters give, or undefined when none is there. Numbers for number fields, ISO strings for
 * date fields; the request schema has checked their spelling.
 */
function rangeOf(p: Readonly<Record<string, unknown>>, name: string, isNumber: boolean): RangeFilter | undefined {
  const value = (text: string): number | string => (isNumber ? Number(text) : text);
  const range: RangeFilter = {};
  const spelled = p[name];
  if (typeof spelled === 'string') {
    const dots = spelled.indexOf('..');
    const [low, high] = [spelled.slice(0, dots), spelled.slice(dots + 2)];
    if (low !== '') range.gte = value(low);
    if (high !== '') range.lte = value(high);
  }
  for (const bound of RANGE_BOUNDS) {
    const given = p[`${name}.${bound}`];
    if (typeof given === 'number' || typeof given === 'string') range[bound] = given;
  }
  return Object.keys(range).length > 0 ? range : undefined;
}

/**
 * The range-facet buckets `facetBuckets.<field>=..300,300..800,800..` gives for each number
 * field (`from..to`: from inclusive, to exclusive, as the library's buckets), or undefined when
 * none does. The request schema has checked their spelling; the library checks the rest
 * (`from` below `to`).
 */
function facetBucketsOf(p: Readonly<Record<string, unknown>>, schema: ResolvedSchema): Record<string, NumberBucket[]> | undefined {
  const out: Record<string, NumberBucket[]> = {};
  for (const field of schema.numberFields) {
    const spelled = p[FACET_BUCKETS_PREFIX + field.name];
    if (!Array.isArray(spelled)) continue;
    out[field.name] = spelled.map((text) => {
      const [low, high] = String(text).split('..');
      const bucket: NumberBucket = {};
      if (low !== '') bucket.from = Number(low);
      if (high !== '') bucket.to = Number(high);
      return bucket;
    });
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * The library call a set of valid search parameters stands for, under the declared schema
 * `schema` (default: the default schema): declared keyword fields filter like the default
 * facet fields, number and date fields give `ranges`, `stats` is passed on, `facets` counts
 * the fields it names (none when absent: counting is a pass over every match, so an answer
 * pays for it only when asked; `*` names every facet field of the schema, number fields with
 * declared buckets as range buckets), and `facetBuckets.<field>` gives a number field's
 * buckets for this query (and counts it).
 */
export function toSearchOptions(p: SearchParams, schema: ResolvedSchema = DEFAULT_SCHEMA): { query: string; options: SearchOptions } {
  const filters: Filters = {};
  const raw = p as unknown as Readonly<Record<string, unknown>>;
  const filterFields: readonly string[] = schema.isDefault ? FACET_FIELDS : schema.facetFields;
  for (const field of filterFields) {
    const values = raw[field];
    if (Array.isArray(values) && values.length > 0) (filters as Record<string, readonly string[]>)[field] = values as string[];
  }
  const options: SearchOptions = {
    filters,
    facets: facetsAskedFor(p.facets, schema),
    facetLimit: p.facetLimit,
    dateHistogram: toHistogramOption(p),
    sort: p.sort,
    limit: p.limit,
    offset: p.offset,
    snippets: p.snippets,
    snippetLength: p.snippetLength,
    snippetParts: p.parts,
    match: p.match,
  };
  if (p.trackTotal !== undefined) options.trackTotal = p.trackTotal === 'true' ? true : p.trackTotal === 'false' ? false : Number(p.trackTotal);
  if (p.from !== undefined) options.dateFrom = p.from;
  if (p.to !== undefined) options.dateTo = p.to;
  if (p.collapse !== undefined) {
    options.collapse = p.collapse;
    options.collapseCount = p.collapseCount;
  }
  if (!schema.isDefault) {
    const ranges: Record<string, RangeFilter> = {};
    for (const field of sortableFields(schema)) {
      const range = rangeOf(raw, field.name, field.type === 'number');
      if (range !== undefined) ranges[field.name] = range;
    }
    if (Object.keys(ranges).length > 0) options.ranges = ranges;
    const buckets = facetBucketsOf(raw, schema);
    if (buckets !== undefined) {
      // A field given buckets is counted, whether `facets` names it or not.
      options.facetBuckets = buckets as SearchOptions['facetBuckets'];
      options.facets = [...new Set([...(options.facets ?? []), ...Object.keys(buckets)])] as FacetField[];
    }
    const stats = raw.stats;
    // Field names are the declared schema's (checked by the request schema and again by the library), which the default-typed options cannot name.
    if (Array.isArray(stats) && stats.length > 0) options.stats = stats as unknown as SearchOptions['stats'];
  }
  return { query: p.q, options };
}

/** The fields a `facets` parameter names, `*` spread into every facet field of `schema`. */
function facetsAskedFor(asked: SearchParams['facets'], schema: ResolvedSchema): FacetField[] {
  if (asked === undefined) return [];
  if (!asked.includes(EVERY_FACET)) return asked as FacetField[];
  return schema.isDefault ? [...FACET_FIELDS] : (facetableFields(schema) as FacetField[]);
}

/** True for the query-string spellings of "yes". */
function yes(value: string): boolean {
  return value === '1' || value === 'true';
}

/**
 * The histogram the parameters ask for: `false`, `true` (months, the meaning `histogram=1` has
 * always had), or options for an interval, shares or a comparison series.
 */
function toHistogramOption(p: SearchParams): boolean | DateHistogramOptions {
  const h = p.histogram;
  if (h === '0' || h === 'false') return false;
  const normalize = yes(p.histogramNormalize);
  if (yes(h) && !normalize && p.compare === undefined) return true;
  const out: DateHistogramOptions = { interval: h === '1' || h === 'true' ? 'month' : h };
  if (normalize) out.normalize = true;
  if (p.compare !== undefined) out.compare = p.compare;
  return out;
}
