/**
 * What the page takes from the archive's declared schema (`GET /api/schema`): which fields the
 * sidebar filters on and how (values, number ranges, date ranges), which sort orders there are,
 * what each field is called, and which declared fields hits and articles carry.
 *
 * Pure functions, no DOM: the tests run them in Node as well as in the browser. With the default
 * schema (no declared fields) the page is exactly the news page it always was.
 */

/** Facet fields of the default schema, in sidebar order (the library's FACET_FIELDS). */
export const DEFAULT_FACET_FIELDS = Object.freeze([
  'category', 'publisher', 'source', 'topics', 'places', 'people', 'organisations', 'exchanges',
  'author', 'dateline',
]);

/** Human names of the default facet fields. */
export const DEFAULT_LABELS = Object.freeze({
  category: 'Category',
  publisher: 'Publisher',
  source: 'Source',
  topics: 'Topics',
  places: 'Places',
  people: 'People',
  organisations: 'Organisations',
  exchanges: 'Exchanges',
  author: 'Author',
  dateline: 'Dateline',
});

/**
 * @typedef {object} DeclaredField
 * @property {string} name
 * @property {'keyword' | 'number' | 'date' | 'text' | 'stored'} type
 * @property {string} label
 * @property {boolean} returned
 * @property {{from?: number, to?: number}[]} [buckets] number fields: the range facet's buckets
 */

/**
 * @typedef {object} PageSchema
 * @property {readonly string[]} valueFields fields filtered by ticked values, in sidebar order
 * @property {readonly DeclaredField[]} rangeFields declared number and date fields (range filters)
 * @property {readonly string[]} sortFields declared fields `sort=` takes (`field`, `-field`)
 * @property {readonly DeclaredField[]} returned declared fields hits and articles carry
 * @property {Readonly<Record<string, string>>} labels human name per field
 */

/** @type {PageSchema} */
export const DEFAULT_PAGE_SCHEMA = Object.freeze({
  valueFields: DEFAULT_FACET_FIELDS,
  rangeFields: Object.freeze([]),
  sortFields: Object.freeze([]),
  returned: Object.freeze([]),
  labels: DEFAULT_LABELS,
});

/**
 * The page's view of a `/api/schema` body. Anything unreadable falls back to the default
 * schema, so an old server (without `/api/schema`) still gets a working page.
 * @param {any} body
 * @returns {PageSchema}
 */
export function pageSchema(body) {
  if (!body || !Array.isArray(body.fields) || !Array.isArray(body.filterFields)) return DEFAULT_PAGE_SCHEMA;
  /** @type {DeclaredField[]} */
  const fields = body.fields.filter((f) => f && typeof f.name === 'string' && typeof f.type === 'string');
  const facetable = new Set(Array.isArray(body.facetFields) ? body.facetFields : []);
  const filterable = body.filterFields.filter((f) => typeof f === 'string');
  /** @type {Record<string, string>} */
  const labels = { ...DEFAULT_LABELS };
  for (const f of fields) labels[f.name] = typeof f.label === 'string' && f.label ? f.label : f.name;
  return {
    // Facet order: the schema's (default fields first, then the declared ones as declared).
    valueFields: filterable.filter((f) => facetable.has(f)),
    rangeFields: fields.filter((f) => f.type === 'number' || f.type === 'date'),
    sortFields: (Array.isArray(body.sortFields) ? body.sortFields : []).filter((f) => typeof f === 'string'),
    returned: fields.filter((f) => f.returned),
    labels,
  };
}

/**
 * The sort orders a schema offers beyond relevance and the publication date: each declared
 * number or date field, both ways, named for the reader (`Word count: high to low`).
 * @param {PageSchema} schema
 * @returns {{value: string, text: string}[]}
 */
export function declaredSorts(schema) {
  const out = [];
  for (const name of schema.sortFields) {
    const field = schema.rangeFields.find((f) => f.name === name);
    const label = schema.labels[name] ?? name;
    const isDate = field?.type === 'date';
    out.push({ value: `-${name}`, text: `${label}: ${isDate ? 'newest first' : 'high to low'}` });
    out.push({ value: name, text: `${label}: ${isDate ? 'oldest first' : 'low to high'}` });
  }
  return out;
}
