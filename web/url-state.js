/**
 * The page's state and its two spellings: the page URL (what a reader shares, reloads and
 * navigates with back/forward) and the search API URL.
 *
 * Pure functions, no DOM: the tests run them in Node as well as in the browser.
 */

import { DEFAULT_FACET_FIELDS, DEFAULT_PAGE_SCHEMA, declaredSorts } from './page-schema.js';

/** Facet fields of the default schema in sidebar order (the library's FACET_FIELDS). */
export const FACET_FIELDS = DEFAULT_FACET_FIELDS;

/** Sort orders the API accepts, the default first. */
export const SORTS = Object.freeze(['relevance', 'date', 'date_asc']);

/** Timeline intervals, the default (the API's `histogram=1`) first. */
export const INTERVALS = Object.freeze(['month', 'auto', 'day', 'week', 'year']);

/** Longest comparison query kept from a URL (the API's own limit on `q` is far above). */
const MAX_COMPARE_LENGTH = 200;

/** Hits per page. */
export const PAGE_SIZE = 10;

/** Last reachable page: the API caps `offset` at 10,000. */
export const MAX_PAGE = Math.floor(10_000 / PAGE_SIZE) + 1;

/** Facet values asked for per field; the sidebar shows a few and folds the rest. */
export const FACET_LIMIT = 40;

/**
 * @typedef {object} PageState
 * @property {string} q the query as typed
 * @property {Record<string, string[]>} filters accepted values per facet field (absent: no filter)
 * @property {Record<string, RangeBounds>} [ranges] bounds per declared number or date field
 *   (absent when there are none, so a default-schema state is what it always was)
 * @property {string} from earliest date `YYYY-MM-DD`, or ''
 * @property {string} to latest date `YYYY-MM-DD`, or ''
 * @property {string} sort one of {@link SORTS}
 * @property {number} page 1-based page number
 * @property {string} article id of the open article, or ''
 * @property {boolean} share the timeline shows each bucket's share of all articles, not counts
 * @property {string} interval the timeline's bucket width, one of {@link INTERVALS}
 * @property {string} compare a second query drawn on the timeline, or ''
 */

/**
 * A range filter as the API spells it (`field.gte=300&field.lt=800`): values as in the URL,
 * numbers for number fields, `YYYY-MM-DD` for date fields. `gte`/`lt` are a facet bucket
 * (from inclusive, to exclusive), `gte`/`lte` what the from/to inputs give.
 * @typedef {{gte?: string, lt?: string, lte?: string}} RangeBounds
 */

/** The bounds a range filter may have, in URL order. */
export const RANGE_BOUNDS = Object.freeze(/** @type {const} */ (['gte', 'lt', 'lte']));

/** @returns {PageState} */
export function emptyState() {
  return { q: '', filters: {}, from: '', to: '', sort: 'relevance', page: 1, article: '', share: false, interval: 'month', compare: '' };
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * Reads the state from a URL query string (`?q=korea&category=Korea&page=2`). Anything
 * malformed is dropped rather than passed on, so a hand-edited URL still gives a working page.
 * @param {string} search
 * @param {import('./page-schema.js').PageSchema} [schema] the archive's fields (default: the news fields)
 * @returns {PageState}
 */
export function parseState(search, schema = DEFAULT_PAGE_SCHEMA) {
  const p = new URLSearchParams(search);
  const s = emptyState();
  s.q = p.get('q') ?? '';
  for (const field of schema.valueFields) {
    const values = [...new Set(p.getAll(field).filter((v) => v !== ''))];
    if (values.length > 0) s.filters[field] = values;
  }
  for (const field of schema.rangeFields) {
    const valid = field.type === 'number' ? NUMBER : ISO_DAY;
    /** @type {RangeBounds} */
    const bounds = {};
    for (const bound of RANGE_BOUNDS) {
      const v = p.get(`${field.name}.${bound}`) ?? '';
      if (valid.test(v)) bounds[bound] = v;
    }
    if (Object.keys(bounds).length > 0) (s.ranges ??= {})[field.name] = bounds;
  }
  const from = p.get('from') ?? '';
  const to = p.get('to') ?? '';
  if (ISO_DAY.test(from)) s.from = from;
  if (ISO_DAY.test(to)) s.to = to;
  const sort = p.get('sort') ?? '';
  if (SORTS.includes(sort) || declaredSorts(schema).some((o) => o.value === sort)) s.sort = sort;
  const page = Number(p.get('page'));
  if (Number.isInteger(page) && page > 1) s.page = Math.min(page, MAX_PAGE);
  s.article = p.get('article') ?? '';
  s.share = p.get('share') === '1';
  const interval = p.get('interval') ?? '';
  if (INTERVALS.includes(interval)) s.interval = interval;
  s.compare = (p.get('compare') ?? '').trim().slice(0, MAX_COMPARE_LENGTH);
  return s;
}

/**
 * The page URL's query string for a state, `''` for the empty state. Defaults are left out and
 * the order is fixed, so equal states give equal strings.
 * @param {PageState} s
 * @returns {string}
 */
export function stateToQuery(s) {
  const p = searchParams(s);
  if (s.sort !== 'relevance') p.append('sort', s.sort);
  if (s.share) p.append('share', '1');
  if (s.interval !== 'month') p.append('interval', s.interval);
  if (s.compare.trim()) p.append('compare', s.compare.trim());
  if (s.page > 1) p.append('page', String(s.page));
  if (s.article) p.append('article', s.article);
  const str = p.toString();
  return str ? `?${str}` : '';
}

/**
 * A key naming the search a state asks for (everything but the open article).
 * @param {PageState} s
 */
export function searchKey(s) {
  return stateToQuery({ ...s, article: '' });
}

/**
 * The `/api/search` URL (relative, so the page also works below a path prefix).
 * @param {PageState} s
 */
export function searchApiUrl(s) {
  const p = searchParams(s);
  p.append('sort', s.sort);
  p.append('limit', String(PAGE_SIZE));
  p.append('offset', String((s.page - 1) * PAGE_SIZE));
  // The sidebar shows every facet field; the API counts only those asked for.
  p.append('facets', '*');
  p.append('facetLimit', String(FACET_LIMIT));
  p.append('histogram', s.interval === 'month' ? '1' : s.interval);
  // A second query on the same chart, over the same buckets and filters.
  if (s.compare.trim()) p.append('compare', s.compare.trim());
  // Each month's share of all articles then, so a busier month does not look like more interest.
  if (s.share) p.append('histogramNormalize', '1');
  // Syndicated copies as one hit with a "+N copies" badge, as a Nexis reader expects.
  p.append('collapse', 'duplicates');
  return `api/search?${p}`;
}

/**
 * The `/api/export` URL of every result of the search as CSV (the same query, filters, dates,
 * order and collapsing as the list).
 * @param {PageState} s
 */
export function exportApiUrl(s) {
  const p = searchParams(s);
  p.append('sort', s.sort);
  p.append('collapse', 'duplicates');
  p.append('format', 'csv');
  return `api/export?${p}`;
}

/**
 * The `/api/articles/:id/similar` URL: a few related stories, without snippets.
 * @param {string} id
 */
export function similarApiUrl(id) {
  return `api/articles/${encodeURIComponent(id)}/similar?limit=5&snippets=0`;
}

/**
 * The `/api/articles/:id` URL, with the query whose words the server should mark.
 * @param {string} id
 * @param {string} q
 */
export function articleApiUrl(id, q) {
  const base = `api/articles/${encodeURIComponent(id)}`;
  return q.trim() ? `${base}?${new URLSearchParams({ q })}` : base;
}

/** @param {PageState} s */
function searchParams(s) {
  const p = new URLSearchParams();
  if (s.q.trim()) p.append('q', s.q);
  for (const field of orderedKeys(s.filters)) for (const v of s.filters[field] ?? []) p.append(field, v);
  for (const field of orderedKeys(s.ranges ?? {})) {
    const bounds = s.ranges?.[field] ?? {};
    for (const bound of RANGE_BOUNDS) if (bounds[bound] !== undefined && bounds[bound] !== '') p.append(`${field}.${bound}`, String(bounds[bound]));
  }
  if (s.from) p.append('from', s.from);
  if (s.to) p.append('to', s.to);
  return p;
}

/**
 * A record's keys in a fixed order (the default facet fields in sidebar order, then the others
 * alphabetically), so equal states give equal URLs whatever order they were made in.
 * @param {Record<string, unknown>} record
 */
function orderedKeys(record) {
  const rank = (k) => {
    const i = FACET_FIELDS.indexOf(k);
    return i === -1 ? FACET_FIELDS.length : i;
  };
  return Object.keys(record).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * True when the state asks for nothing in particular: no words, filters or dates.
 * @param {PageState} s
 */
export function isBlank(s) {
  return !s.q.trim() && countFilters(s) === 0 && !s.from && !s.to;
}

/**
 * Number of ticked facet values plus the range-filtered fields.
 * @param {PageState} s
 */
export function countFilters(s) {
  return Object.values(s.filters).reduce((n, vs) => n + vs.length, 0) + Object.keys(s.ranges ?? {}).length;
}

/**
 * The first and last day of a month key: `2019-02` → `{ from: '2019-02-01', to: '2019-02-28' }`.
 * @param {string} month
 */
export function monthRange(month) {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** `YYYY-MM-DD` of a UTC day number (days since 1970-01-01). */
function dayKey(days) {
  return new Date(days * 86400000).toISOString().slice(0, 10);
}

/** The UTC day number of `YYYY-MM-DD`. */
function dayNumber(day) {
  return Math.floor(Date.parse(`${day}T00:00:00Z`) / 86400000);
}

/**
 * The first and last day of a histogram bucket: a day (`2019-02-03`), a week (its Monday,
 * `2019-02-04` → to the Sunday `2019-02-10`), a month (`2019-02`) or a year (`2019`).
 * @param {string} value the bucket's key, as the API's `dateHistogram` gives it
 * @param {string} interval `day`, `week`, `month` or `year`
 */
export function bucketRange(value, interval) {
  if (interval === 'day') return { from: value, to: value };
  if (interval === 'week') return { from: value, to: dayKey(dayNumber(value) + 6) };
  if (interval === 'year') return { from: `${value}-01-01`, to: `${value}-12-31` };
  return monthRange(value);
}

/**
 * Every bucket key from `first` to `last` inclusive, for any interval (see {@link bucketRange}).
 * @param {string} first
 * @param {string} last
 * @param {string} interval
 * @returns {string[]}
 */
export function bucketsBetween(first, last, interval) {
  if (interval === 'month') return monthsBetween(first, last);
  const out = [];
  if (interval === 'year') {
    for (let y = Number(first); y <= Number(last); y++) out.push(String(y));
    return out;
  }
  const step = interval === 'week' ? 7 : 1;
  for (let d = dayNumber(first), end = dayNumber(last); d <= end; d += step) out.push(dayKey(d));
  return out;
}

/**
 * Every month key from `first` to `last` inclusive (`2019-11` … `2020-02`).
 * @param {string} first
 * @param {string} last
 * @returns {string[]}
 */
export function monthsBetween(first, last) {
  const out = [];
  let [y, m] = first.split('-').map(Number);
  const [ly, lm] = last.split('-').map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}
