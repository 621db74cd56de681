/**
 * Validation and defaults for {@link SearchOptions}, resolved once per query.
 */
import { dateBoundToEpochMs } from '../dates/date-bound.js';
import { InvalidQueryError } from '../errors.js';
import { FACET_FIELDS, SNIPPET_PARTS, type FacetField, type HistogramInterval, type SearchOptions, type SnippetPart, type SortOrder } from '../types.js';

/** Defaults of every search option. */
export const DEFAULT_SEARCH_OPTIONS = Object.freeze({
  limit: 10,
  offset: 0,
  snippets: 3,
  snippetLength: 200,
  facetLimit: 20,
  sort: 'relevance' as SortOrder,
  match: 'any' as const,
});

const FACET_SET: ReadonlySet<string> = new Set(FACET_FIELDS);
const SORTS: ReadonlySet<string> = new Set(['relevance', 'date', 'date_asc']);
const PART_SET: ReadonlySet<string> = new Set(SNIPPET_PARTS);

/** Checks `snippetParts`; undefined when every part is kept, so the hit path strips nothing. */
function snippetParts(v: unknown): ReadonlySet<SnippetPart> | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) throw new InvalidQueryError('snippetParts must be an array of text, html, matches', { parameter: 'snippetParts' });
  const parts = new Set<SnippetPart>();
  for (const x of v) {
    if (typeof x !== 'string' || !PART_SET.has(x)) {
      throw new InvalidQueryError(`unknown snippet part ${JSON.stringify(x)}: expected text, html or matches`, { parameter: 'snippetParts' });
    }
    parts.add(x as SnippetPart);
  }
  return parts.size === SNIPPET_PARTS.length ? undefined : parts;
}

/** SearchOptions with every default filled in and dates as epoch ms (NaN: open bound). */
export interface ResolvedSearchOptions {
  filters: Record<FacetField, string[]>;
  dateFrom: number;
  dateTo: number;
  facets: FacetField[];
  /** The histogram asked for, or undefined. */
  dateHistogram: ResolvedHistogramOptions | undefined;
  collapse: boolean;
  collapseCount: 'groups' | 'articles';
  facetLimit: number;
  sort: SortOrder;
  limit: number;
  offset: number;
  snippets: number;
  snippetLength: number;
  /** The parts each snippet keeps; undefined for all of them (nothing to strip). */
  snippetParts: ReadonlySet<SnippetPart> | undefined;
  highlight: boolean;
  match: 'any' | 'all';
}

/** {@link DateHistogramOptions} with defaults filled in. */
export interface ResolvedHistogramOptions {
  interval: HistogramInterval | 'auto';
  normalize: boolean;
  compare: string | undefined;
  /** False for `dateHistogram: true`, whose answer keeps its original shape (no interval field). */
  explicit: boolean;
}

const INTERVALS: ReadonlySet<string> = new Set(['day', 'week', 'month', 'year', 'auto']);

function resolveHistogram(v: unknown): ResolvedHistogramOptions | undefined {
  if (v === undefined || v === false) return undefined;
  if (v === true) return { interval: 'month', normalize: false, compare: undefined, explicit: false };
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new InvalidQueryError('dateHistogram must be true, false or an object', { parameter: 'dateHistogram' });
  }
  const o = v as Record<string, unknown>;
  const interval = o.interval ?? 'month';
  if (typeof interval !== 'string' || !INTERVALS.has(interval)) {
    throw new InvalidQueryError(`dateHistogram.interval must be day, week, month, year or auto, got ${JSON.stringify(interval)}`, { parameter: 'interval' });
  }
  if (o.normalize !== undefined && typeof o.normalize !== 'boolean') {
    throw new InvalidQueryError('dateHistogram.normalize must be true or false', { parameter: 'normalize' });
  }
  if (o.compare !== undefined && typeof o.compare !== 'string') {
    throw new InvalidQueryError('dateHistogram.compare must be a query string', { parameter: 'compare' });
  }
  return { interval: interval as HistogramInterval | 'auto', normalize: o.normalize === true, compare: o.compare, explicit: true };
}

function count(name: string, v: unknown, dflt: number, min = 0): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    throw new InvalidQueryError(`${name} must be an integer ≥ ${min}, got ${JSON.stringify(v)}`, { parameter: name });
  }
  return v;
}

/**
 * Parses an ISO 8601 month, date or date-time bound (lib/dates/date-bound.ts: instants in UTC,
 * the rule article dates follow). A bare date `to` bound covers its whole day, so
 * `dateTo: "2019-10-10"` includes articles published at 6:02 that day; a month covers the month.
 */
export function parseDateBound(name: string, v: unknown, endOfDay: boolean): number {
  if (v === undefined || v === '') return NaN;
  if (typeof v !== 'string') throw new InvalidQueryError(`${name} must be an ISO 8601 date string`, { parameter: name });
  const t = dateBoundToEpochMs(v, endOfDay ? 'to' : 'from');
  if (t === undefined) {
    throw new InvalidQueryError(`${name} "${v}" is not a valid ISO 8601 date (YYYY-MM-DD)`, { parameter: name, value: v });
  }
  return t;
}

/** Checks every option and fills in defaults. Throws InvalidQueryError naming the bad option. */
export function resolveSearchOptions(o: SearchOptions): ResolvedSearchOptions {
  if (o === null || typeof o !== 'object') throw new InvalidQueryError('search options must be an object');
  const filters = {} as Record<FacetField, string[]>;
  if (o.filters !== undefined) {
    if (o.filters === null || typeof o.filters !== 'object') throw new InvalidQueryError('filters must be an object', { parameter: 'filters' });
    for (const [field, values] of Object.entries(o.filters)) {
      if (!FACET_SET.has(field)) throw new InvalidQueryError(`unknown filter field "${field}"`, { parameter: field });
      if (values === undefined) continue;
      if (!Array.isArray(values) || values.some((x) => typeof x !== 'string')) {
        throw new InvalidQueryError(`filter ${field} must be an array of strings`, { parameter: field });
      }
      filters[field as FacetField] = values;
    }
  }
  const facets = o.facets ?? [];
  if (!Array.isArray(facets)) throw new InvalidQueryError('facets must be an array of field names', { parameter: 'facets' });
  for (const f of facets) {
    if (!FACET_SET.has(f)) throw new InvalidQueryError(`unknown facet field "${String(f)}"`, { parameter: 'facets' });
  }
  const sort = o.sort ?? DEFAULT_SEARCH_OPTIONS.sort;
  if (!SORTS.has(sort)) throw new InvalidQueryError(`sort must be relevance, date or date_asc, got "${String(sort)}"`, { parameter: 'sort' });
  const match = o.match ?? DEFAULT_SEARCH_OPTIONS.match;
  if (match !== 'any' && match !== 'all') throw new InvalidQueryError(`match must be any or all, got "${String(match)}"`, { parameter: 'match' });
  if (o.highlight !== undefined && typeof o.highlight !== 'boolean') {
    throw new InvalidQueryError('highlight must be true or false', { parameter: 'highlight' });
  }
  if (o.collapse !== undefined && o.collapse !== 'duplicates') {
    throw new InvalidQueryError(`collapse must be "duplicates", got ${JSON.stringify(o.collapse)}`, { parameter: 'collapse' });
  }
  const collapseCount = o.collapseCount ?? 'groups';
  if (collapseCount !== 'groups' && collapseCount !== 'articles') {
    throw new InvalidQueryError(`collapseCount must be groups or articles, got ${JSON.stringify(collapseCount)}`, { parameter: 'collapseCount' });
  }
  const dateFrom = parseDateBound('dateFrom', o.dateFrom, false);
  const dateTo = parseDateBound('dateTo', o.dateTo, true);
  if (dateFrom > dateTo) throw new InvalidQueryError('the date range is empty: dateFrom is after dateTo', { parameter: 'dateFrom' });
  return {
    filters,
    dateFrom,
    dateTo,
    facets: [...new Set(facets)],
    dateHistogram: resolveHistogram(o.dateHistogram),
    collapse: o.collapse === 'duplicates',
    collapseCount,
    facetLimit: count('facetLimit', o.facetLimit, DEFAULT_SEARCH_OPTIONS.facetLimit),
    sort,
    limit: count('limit', o.limit, DEFAULT_SEARCH_OPTIONS.limit),
    offset: count('offset', o.offset, DEFAULT_SEARCH_OPTIONS.offset),
    snippets: count('snippets', o.snippets, DEFAULT_SEARCH_OPTIONS.snippets),
    snippetLength: count('snippetLength', o.snippetLength, DEFAULT_SEARCH_OPTIONS.snippetLength, 20),
    snippetParts: snippetParts(o.snippetParts),
    highlight: o.highlight !== false,
    match,
  };
}
