/**
 * Validation and defaults for {@link SearchOptions}, resolved once per query.
 */
import { dateBoundToEpochMs } from '../dates/date-bound.js';
import { InvalidQueryError } from '../errors.js';
import type { NumericRange } from '../facets/range-filter.js';
import type { NumberBucket, SchemaDefinition } from '../schema/field-schema.js';
import { checkNumberBuckets, DEFAULT_SCHEMA, type ResolvedSchema } from '../schema/resolve-schema.js';
import { DEFAULT_TRACK_TOTAL, SNIPPET_PARTS, type HistogramInterval, type SearchOptions, type SnippetPart, type SortOrder } from '../types.js';

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
  filters: Record<string, string[]>;
  dateFrom: number;
  dateTo: number;
  /** Range filters over declared number and date fields (`ranges.date` is folded into dateFrom/dateTo). */
  ranges: { field: string; range: NumericRange }[];
  /** Facets to count: keyword facets by value, number fields by the range buckets given. */
  facets: string[];
  /** Buckets of each number field in `facets`. */
  buckets: Map<string, readonly NumberBucket[]>;
  /** Fields whose min/max to return. */
  stats: string[];
  /** A declared number or date field to sort by (`sort` is then `date` for descending, `date_asc` for ascending), or undefined. */
  sortField: string | undefined;
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
  /** Count matches exactly up to this many (Infinity: always). */
  trackTotal: number;
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

/** `trackTotal` as a threshold: true → Infinity, false → 0, else a whole number ≥ 0. */
function trackTotal(v: unknown): number {
  if (v === undefined) return DEFAULT_TRACK_TOTAL;
  if (v === true) return Infinity;
  if (v === false) return 0;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
    throw new InvalidQueryError(`trackTotal must be true, false or an integer ≥ 0, got ${JSON.stringify(v)}`, { parameter: 'trackTotal' });
  }
  return v;
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

/** "the X fields are a, b, c": the list an unknown-field error names. */
function known(kind: string, names: readonly string[]): string {
  return names.length > 0 ? `the ${kind} fields are ${names.join(', ')}` : `there are no ${kind} fields`;
}

/** A bound of a range filter as a number: a finite number for a number field, an ISO 8601 date for a date field. */
function rangeBound(field: string, key: string, v: unknown, isDate: boolean, side: 'from' | 'to'): number {
  const name = `ranges.${field}.${key}`;
  if (isDate) return parseDateBound(name, v, side === 'to');
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new InvalidQueryError(`${name} must be a finite number, got ${JSON.stringify(v) ?? typeof v}`, { parameter: name });
  return v;
}

/**
 * A range filter's object as a NumericRange. Dates: `gte`/`lt` take the first instant a bound
 * names, `lte`/`gt` the last, so `lte: '2019-10-10'` includes that whole day and `gt` excludes it.
 */
function resolveRange(field: string, v: unknown, isDate: boolean): NumericRange {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new InvalidQueryError(`ranges.${field} must be an object with gte, lte, gt or lt`, { parameter: `ranges.${field}` });
  let lo = -Infinity;
  let hi = Infinity;
  let loInclusive = true;
  let hiInclusive = true;
  for (const [key, bound] of Object.entries(v as Record<string, unknown>)) {
    if (bound === undefined) continue;
    if (key === 'gte' || key === 'gt') {
      const x = rangeBound(field, key, bound, isDate, key === 'gte' ? 'from' : 'to');
      if (x > lo || (x === lo && key === 'gt')) [lo, loInclusive] = [x, key === 'gte'];
    } else if (key === 'lte' || key === 'lt') {
      const x = rangeBound(field, key, bound, isDate, key === 'lte' ? 'to' : 'from');
      if (x < hi || (x === hi && key === 'lt')) [hi, hiInclusive] = [x, key === 'lte'];
    } else {
      throw new InvalidQueryError(`ranges.${field} has an unknown bound "${key}" (gte, lte, gt, lt)`, { parameter: `ranges.${field}` });
    }
  }
  return { lo, hi, loInclusive, hiInclusive };
}

/** The field names options are checked against, per schema (derived once: searches are many). */
interface FieldNames {
  filterFields: ReadonlySet<string>;
  numberFields: readonly string[];
  rangeFields: readonly string[];
}
const FIELD_NAMES = new WeakMap<ResolvedSchema, FieldNames>();

function fieldNames(schema: ResolvedSchema): FieldNames {
  let names = FIELD_NAMES.get(schema);
  if (!names) {
    const numberFields = schema.numberFields.map((f) => f.name);
    names = { filterFields: new Set(schema.facetFields), numberFields, rangeFields: ['date', ...numberFields, ...schema.dateFields.map((f) => f.name)] };
    FIELD_NAMES.set(schema, names);
  }
  return names;
}

/** Checks every option against `schema` and fills in defaults. Throws InvalidQueryError naming the bad option. */
export function resolveSearchOptions(o: SearchOptions<SchemaDefinition>, schema: ResolvedSchema = DEFAULT_SCHEMA): ResolvedSearchOptions {
  if (o === null || typeof o !== 'object') throw new InvalidQueryError('search options must be an object');
  const { filterFields, numberFields, rangeFields } = fieldNames(schema);
  const filters: Record<string, string[]> = {};
  if (o.filters !== undefined) {
    if (o.filters === null || typeof o.filters !== 'object') throw new InvalidQueryError('filters must be an object', { parameter: 'filters' });
    for (const [field, values] of Object.entries(o.filters as Record<string, unknown>)) {
      if (!filterFields.has(field)) throw new InvalidQueryError(`unknown filter field "${field}": ${known('filter', schema.facetFields)}`, { parameter: field });
      if (values === undefined) continue;
      if (!Array.isArray(values) || values.some((x) => typeof x !== 'string')) {
        throw new InvalidQueryError(`filter ${field} must be an array of strings`, { parameter: field });
      }
      filters[field] = values as string[];
    }
  }
  const facets: unknown = o.facets ?? [];
  if (!Array.isArray(facets)) throw new InvalidQueryError('facets must be an array of field names', { parameter: 'facets' });
  const bucketOption = o.facetBuckets as Record<string, unknown> | undefined;
  if (bucketOption !== undefined && (bucketOption === null || typeof bucketOption !== 'object' || Array.isArray(bucketOption))) {
    throw new InvalidQueryError('facetBuckets must be an object of bucket lists by number field', { parameter: 'facetBuckets' });
  }
  const buckets = new Map<string, readonly NumberBucket[]>();
  for (const [field, list] of Object.entries(bucketOption ?? {})) {
    if (!numberFields.includes(field)) throw new InvalidQueryError(`facetBuckets names "${field}", not a number field: ${known('number', numberFields)}`, { parameter: 'facetBuckets' });
    buckets.set(field, checkNumberBuckets(`facetBuckets.${field}`, list, (m) => new InvalidQueryError(m, { parameter: `facetBuckets.${field}` })));
  }
  for (const f of facets) {
    if (typeof f === 'string' && filterFields.has(f)) continue;
    if (typeof f === 'string' && numberFields.includes(f)) {
      if (!buckets.has(f)) {
        const declared = schema.byName.get(f)?.buckets ?? [];
        if (declared.length === 0) throw new InvalidQueryError(`number field "${f}" has no declared buckets: give facetBuckets.${f}`, { parameter: 'facets' });
        buckets.set(f, declared);
      }
      continue;
    }
    throw new InvalidQueryError(`unknown facet field "${String(f)}": ${known('facet', [...schema.facetFields, ...numberFields])}`, { parameter: 'facets' });
  }
  let dateFrom = parseDateBound('dateFrom', o.dateFrom, false);
  let dateTo = parseDateBound('dateTo', o.dateTo, true);
  if (dateFrom > dateTo) throw new InvalidQueryError('the date range is empty: dateFrom is after dateTo', { parameter: 'dateFrom' });
  const ranges: { field: string; range: NumericRange }[] = [];
  const rangeOption = o.ranges as Record<string, unknown> | undefined;
  if (rangeOption !== undefined && (rangeOption === null || typeof rangeOption !== 'object' || Array.isArray(rangeOption))) {
    throw new InvalidQueryError('ranges must be an object of range filters by field', { parameter: 'ranges' });
  }
  for (const [field, v] of Object.entries(rangeOption ?? {})) {
    if (v === undefined) continue;
    if (!rangeFields.includes(field)) throw new InvalidQueryError(`unknown range field "${field}": ${known('range', rangeFields)}`, { parameter: 'ranges' });
    const range = resolveRange(field, v, field === 'date' || schema.byName.get(field)?.type === 'date');
    if (field !== 'date') {
      ranges.push({ field, range });
      continue;
    }
    // Instants are whole milliseconds: an exclusive bound is the inclusive one a millisecond in.
    const from = range.loInclusive ? range.lo : range.lo + 1;
    const to = range.hiInclusive ? range.hi : range.hi - 1;
    if (Number.isFinite(from)) dateFrom = Number.isNaN(dateFrom) ? from : Math.max(dateFrom, from);
    if (Number.isFinite(to)) dateTo = Number.isNaN(dateTo) ? to : Math.min(dateTo, to);
  }
  const stats: unknown = o.stats ?? [];
  if (!Array.isArray(stats)) throw new InvalidQueryError('stats must be an array of field names', { parameter: 'stats' });
  for (const f of stats) {
    if (typeof f !== 'string' || !rangeFields.includes(f)) throw new InvalidQueryError(`unknown stats field "${String(f)}": ${known('number and date', rangeFields)}`, { parameter: 'stats' });
  }
  let sort: string = o.sort ?? DEFAULT_SEARCH_OPTIONS.sort;
  let sortField: string | undefined;
  if (typeof sort !== 'string') throw new InvalidQueryError('sort must be a string', { parameter: 'sort' });
  if (!SORTS.has(sort)) {
    const field = sort.startsWith('-') ? sort.slice(1) : sort;
    if (!rangeFields.includes(field) || field === 'date') {
      const sortable = rangeFields.slice(1).flatMap((f) => [f, `-${f}`]);
      throw new InvalidQueryError(`sort must be relevance, date, date_asc${sortable.length > 0 ? ` or one of ${sortable.join(', ')}` : ''}, got "${sort}"`, { parameter: 'sort' });
    }
    sortField = field;
    sort = sort.startsWith('-') ? 'date' : 'date_asc';
  }
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
  return {
    filters,
    dateFrom,
    dateTo,
    ranges,
    facets: [...new Set(facets as string[])],
    buckets,
    stats: stats.length === 0 ? [] : [...new Set(stats as string[])],
    sortField,
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
    trackTotal: trackTotal(o.trackTotal),
  };
}
