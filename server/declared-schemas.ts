/**
 * The HTTP API's JSON Schemas for a declared schema (issue 11), generated from the default ones
 * in `schema/`: the facet field list is the schema's (dropped fields gone, declared keyword and
 * number fields added), and the search and export requests take one parameter per declared
 * field: `section=World` (keyword, repeatable), `wordCount=300..800` (number or date range,
 * inclusive; either end may be left open) or `wordCount.gte=300` (also `.lte`, `.gt`, `.lt`),
 * `sort=-wordCount`, `stats=wordCount`, and a number field's range-facet buckets for one query
 * (`facetBuckets.wordCount=..300,300..800,800..`); an export's `fields=` takes the declared
 * fields returned in hits as columns. Unknown parameters stay refused (400 naming
 * them). Declared text fields add `fieldsHtml` to a hit and to the article answer. The OpenAPI document is assembled from these, so it shows the declared fields too.
 */
import { MAX_NUMBER_BUCKETS, type ResolvedField, type ResolvedSchema } from '../lib/index.js';
import { exportExtraFields } from './export-format.js';
import type { SchemaDocument, SchemaName } from './schemas.js';

/** The suffixes of a range bound parameter (`wordCount.gte`), as `RangeFilter` names them. */
export const RANGE_BOUNDS = ['gte', 'lte', 'gt', 'lt'] as const;

/** A number as a query string spells it. */
const NUMBER = '-?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?';
/** An ISO date as `from`/`to` take it (common.schema.json's isoDate, unanchored). */
const DATE = '\\d{4}-\\d{2}(-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?)?)?';

/** Most values of one keyword parameter, as for the default facet fields. */
const MAX_FILTER_VALUES = 20;

/** Fields `sort` may name: the declared number and date fields. */
export function sortableFields(schema: ResolvedSchema): ResolvedField[] {
  return [...schema.numberFields, ...schema.dateFields];
}

/**
 * Fields `facets=*` counts (and GET /api/schema lists as `facetFields`): the
 * kept default facet fields, declared keyword fields (values), and number fields with declared
 * buckets (range buckets).
 */
export function facetableFields(schema: ResolvedSchema): string[] {
  return [...schema.facetFields, ...schema.numberFields.filter((f) => f.buckets.length > 0).map((f) => f.name)];
}

/**
 * Fields `facets` may name and a response's facets may hold: {@link facetableFields} and every
 * other number field, whose buckets a query then gives (`facetBuckets.<field>`).
 */
export function countableFields(schema: ResolvedSchema): string[] {
  return [...schema.facetFields, ...schema.numberFields.map((f) => f.name)];
}

/** The parameter prefix of a query's range-facet buckets: `facetBuckets.wordCount`, as the library's `facetBuckets` option. */
export const FACET_BUCKETS_PREFIX = 'facetBuckets.';

/** A range-facet bucket as a query string spells it: `from..to`, from inclusive, to exclusive, either end open (not both). */
const BUCKET_PATTERN = `^((${NUMBER})\\.\\.(${NUMBER})?|\\.\\.(${NUMBER}))$`;

function bucketsParameter(field: ResolvedField): SchemaDocument {
  const declared = field.buckets.length > 0 ? 'replacing the declared ones' : 'the field declares none';
  return {
    description: `Buckets of the ${field.label} range facet for this query (${declared}): from..to, from inclusive, to exclusive, ` +
      `either end open (..300,300..800,800..); comma-separated or repeated, at most ${MAX_NUMBER_BUCKETS}. Giving them counts ${field.name} as a facet, named in facets or not.`,
    type: 'array',
    minItems: 1,
    maxItems: MAX_NUMBER_BUCKETS,
    items: { type: 'string', pattern: BUCKET_PATTERN },
  };
}

function rangeParameter(field: ResolvedField): SchemaDocument {
  const bound = field.type === 'number' ? NUMBER : DATE;
  const example = field.type === 'number' ? '300..800' : '2024-01-01..2024-03-31';
  return {
    description: `${field.label}: a range, both ends inclusive, either left open (${example}, ..${example.split('..')[1]}, ${example.split('..')[0]}..).`,
    type: 'string',
    pattern: `^(${bound})?\\.\\.(${bound})?$`,
  };
}

function boundParameter(field: ResolvedField, bound: (typeof RANGE_BOUNDS)[number]): SchemaDocument {
  const words = { gte: 'at least', lte: 'at most', gt: 'more than', lt: 'less than' }[bound];
  return field.type === 'number'
    ? { description: `${field.label} ${words} this.`, type: 'number' }
    : { description: `${field.label} ${words} this date.`, $ref: 'common.schema.json#/$defs/isoDate' };
}

/** Adds the declared fields' parameters to a search or export request schema, and drops the dropped fields'. */
function declareRequest(doc: SchemaDocument, schema: ResolvedSchema, withPaging: boolean): SchemaDocument {
  const properties = { ...(doc.properties as Record<string, SchemaDocument>) };
  for (const name of schema.dropped) delete properties[name];
  for (const field of schema.keywordFields) {
    properties[field.name] = {
      description: `Only articles whose ${field.label} is one of these values (repeat the parameter). Values of one field OR together; different fields AND.`,
      type: 'array',
      maxItems: MAX_FILTER_VALUES,
      items: { type: 'string', minLength: 1, maxLength: 200 },
    };
  }
  for (const field of sortableFields(schema)) {
    properties[field.name] = rangeParameter(field);
    for (const bound of RANGE_BOUNDS) properties[`${field.name}.${bound}`] = boundParameter(field, bound);
  }
  const sortable = sortableFields(schema).flatMap((f) => [f.name, `-${f.name}`]);
  const sort = properties.sort as SchemaDocument | undefined;
  if (sort && Array.isArray(sort.enum)) {
    properties.sort = {
      ...sort,
      description: `${String(sort.description)} Or a declared number or date field, ascending (wordCount) or descending (-wordCount).`,
      enum: [...(sort.enum as string[]), ...sortable],
    };
  }
  if (withPaging) {
    for (const field of schema.numberFields) properties[FACET_BUCKETS_PREFIX + field.name] = bucketsParameter(field);
  }
  if (withPaging && sortable.length > 0) {
    properties.stats = {
      description: 'Number or date fields whose min and max over the match set to return (comma-separated or repeated).',
      type: 'array',
      uniqueItems: true,
      items: { type: 'string', enum: ['date', ...sortableFields(schema).map((f) => f.name)] },
    };
  }
  const facets = properties.facets as SchemaDocument | undefined;
  // Every countable field, or those and `*`.
  if (facets) properties.facets = { ...facets, maxItems: countableFields(schema).length + 1 };
  const columns = properties.fields as SchemaDocument | undefined;
  if (!withPaging && columns) {
    const extra = exportExtraFields(schema);
    properties.fields = {
      ...columns,
      description: `${String(columns.description)} Declared fields returned in hits are columns too (a multi-valued keyword joined as lists are).`,
      maxItems: extra.length,
      items: { type: 'string', enum: extra },
    };
  }
  return { ...doc, properties };
}

/** A `fieldsHtml` object (a hit's, an article's): one string property per declared text field. */
function textFieldsHtml(schema: ResolvedSchema, description: string): SchemaDocument {
  return {
    description,
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(schema.textFields.map((f) => [f.name, { description: `${f.label}, marked.`, type: 'string' }])),
  };
}

/** Adds a `fieldsHtml` property to an object schema. */
function withFieldsHtml(doc: SchemaDocument, fieldsHtml: SchemaDocument): SchemaDocument {
  return { ...doc, properties: { ...(doc.properties as Record<string, SchemaDocument>), fieldsHtml } };
}

/** The common definitions with the schema's facet fields, and a hit's `fieldsHtml` when it declares text fields. */
function declareCommon(doc: SchemaDocument, schema: ResolvedSchema): SchemaDocument {
  const defs = { ...(doc.$defs as Record<string, SchemaDocument>) };
  defs.facetField = { ...defs.facetField, enum: countableFields(schema) };
  const hit = defs.hit as SchemaDocument | undefined;
  if (hit && schema.textFields.length > 0) {
    defs.hit = withFieldsHtml(hit, textFieldsHtml(schema,
      'The declared text fields the query matched in, each whole, HTML-escaped, matched words in <mark> (as titleHtml).'));
  }
  return { ...doc, $defs: defs };
}

/** The article answer's `fieldsHtml` when the schema declares text fields. */
function declareArticleResponse(doc: SchemaDocument, schema: ResolvedSchema): SchemaDocument {
  if (schema.textFields.length === 0) return doc;
  return withFieldsHtml(doc, textFieldsHtml(schema,
    'Every declared text field the article has a value for, each whole, HTML-escaped, the words of q in <mark> as in a hit\'s fieldsHtml ' +
    '(a clause scoped to a field marks only that field); unmarked when q does not match in it. Absent when the article has no text field value.'));
}

/** The facets listing takes the keyword facet fields (number fields have no values to list). */
function declareFacetsRequest(doc: SchemaDocument, schema: ResolvedSchema): SchemaDocument {
  const properties = { ...(doc.properties as Record<string, SchemaDocument>) };
  const fields = properties.fields;
  if (fields) properties.fields = { ...fields, maxItems: schema.facetFields.length, items: { type: 'string', enum: [...schema.facetFields] } };
  return { ...doc, properties };
}

/**
 * The API's schema documents for `schema`: the default ones as they are for the default schema,
 * else copies with the declared fields (the originals are not changed).
 */
export function declareSchemaDocuments(documents: ReadonlyMap<SchemaName, SchemaDocument>, schema: ResolvedSchema): Map<SchemaName, SchemaDocument> {
  const out = new Map(documents);
  if (schema.isDefault) return out;
  const edit = (name: SchemaName, change: (doc: SchemaDocument) => SchemaDocument): void => {
    const doc = out.get(name);
    if (doc) out.set(name, change(doc));
  };
  edit('common', (doc) => declareCommon(doc, schema));
  edit('search-request', (doc) => declareRequest(doc, schema, true));
  edit('export-request', (doc) => declareRequest(doc, schema, false));
  edit('facets-request', (doc) => declareFacetsRequest(doc, schema));
  edit('article-response', (doc) => declareArticleResponse(doc, schema));
  return out;
}

/**
 * The body of GET /api/schema: the declared fields with every default filled in, the dropped
 * default fields, and which fields each part of the API takes (`schema/schema-response.schema.json`).
 * The page builds its facet sidebar, range filters and sort options from it.
 */
export function describeDeclaredSchema(schema: ResolvedSchema): Record<string, unknown> {
  const fields = schema.fields.map((f) => {
    const out: Record<string, unknown> = { name: f.name, type: f.type, label: f.label, returned: f.returned };
    if (f.type === 'keyword') out.multiple = f.multiple;
    if (f.type === 'number') out.buckets = f.buckets.map((b) => ({ ...b }));
    if (f.type === 'text') out.weight = f.weight;
    return out;
  });
  return {
    fields,
    drop: [...schema.dropped],
    facetFields: facetableFields(schema),
    filterFields: [...schema.facetFields],
    rangeFields: sortableFields(schema).map((f) => f.name),
    sortFields: sortableFields(schema).map((f) => f.name),
    dateField: 'date',
  };
}
