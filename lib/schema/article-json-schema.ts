/**
 * The JSON Schema of a JSON/NDJSON corpus article, generated from a declared schema: the default
 * news properties (those of `schema/article.schema.json`, which is this function's output for
 * the default schema, a test checks) less the dropped ones, plus one typed property per declared
 * field. The corpus reader validates with it (ajv) and the server's OpenAPI document shows it.
 *
 * Plain data in, plain data out: no ajv here.
 */
import type { FieldSpec, SchemaDefinition } from './field-schema.js';

/** The `$id` of the default article schema (`schema/article.schema.json`). */
export const DEFAULT_ARTICLE_SCHEMA_ID = 'https://ledesearch.dev/schema/article.schema.json';

/** A JSON Schema, as plain data. */
export type JsonSchemaObject = Record<string, unknown>;

const DATE_PROPERTY = {
  type: 'string',
  anyOf: [{ format: 'date' }, { format: 'iso-date-time' }],
} as const;

const DATE_WORDING = 'an ISO 8601 date (2019-10-10) or date-time with seconds (2019-10-10T06:02:00, optionally with .sss and Z or +hh:mm)';

const STRING_LIST_REF = { $ref: '#/$defs/stringList' } as const;

/** The default news properties, in the order `schema/article.schema.json` lists them. */
function defaultProperties(): Record<string, JsonSchemaObject> {
  return {
    id: {
      description: 'Stable identifier, unique within the corpus, not blank; when absent the loader derives one from the file path',
      type: 'string',
      pattern: '\\S',
    },
    title: { description: 'Headline, not blank', type: 'string', pattern: '\\S' },
    paragraphs: { description: 'Body paragraphs in reading order.', type: 'array', items: { type: 'string' } },
    body: { description: 'The body as one text, paragraphs separated by blank lines.', type: 'string' },
    date: { description: `Publication date: ${DATE_WORDING}`, ...DATE_PROPERTY },
    publisher: { description: 'Who published it (Intellasia, Reuters).', type: 'string' },
    source: { description: 'The outlet the story came from (KoreaTimes).', type: 'string' },
    author: { description: 'Byline.', type: 'string' },
    dateline: { description: 'Dateline city (NEW YORK).', type: 'string' },
    url: { description: 'Canonical URL.', type: 'string' },
    category: {
      description: 'Categories: one as a string, or a list of strings',
      anyOf: [{ type: 'string' }, { ...STRING_LIST_REF }],
    },
    topics: { ...STRING_LIST_REF },
    places: { ...STRING_LIST_REF },
    people: { ...STRING_LIST_REF },
    organisations: { ...STRING_LIST_REF },
    exchanges: { ...STRING_LIST_REF },
  };
}

/** The names of the default article properties (id, title, paragraphs, body, date and the news fields). */
export const DEFAULT_ARTICLE_PROPERTIES: readonly string[] = Object.keys(defaultProperties());

const DEFAULT_DESCRIPTION =
  'A news article as ledesearch reads it from JSON and NDJSON corpus files. A title is required, and either paragraphs or a body (split into paragraphs on blank lines; ignored when paragraphs are given). Properties not listed here are allowed and ignored. Validating dates needs the ajv-formats formats \'date\' and \'iso-date-time\'.';

/** The JSON Schema of one declared field's value. */
export function fieldValueSchema(name: string, spec: FieldSpec): JsonSchemaObject {
  const label = spec.label ?? name;
  switch (spec.type) {
    case 'keyword':
      return spec.multiple
        ? { description: `${label}: a keyword, or a list of keywords`, anyOf: [{ type: 'string' }, { ...STRING_LIST_REF }] }
        : { description: `${label}: a keyword`, type: 'string' };
    case 'number':
      return { description: `${label}: a number`, type: 'number' };
    case 'date':
      return { description: `${label}: ${DATE_WORDING}`, ...DATE_PROPERTY };
    case 'text':
      return { description: `${label}: text`, type: 'string' };
    case 'stored':
      return {
        description: `${label}: a string, number, boolean, or a list of strings (stored, not indexed)`,
        anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { ...STRING_LIST_REF }],
      };
  }
}

/**
 * The JSON Schema (draft 2020-12) a JSON corpus article must satisfy under `schema`.
 *
 * Without declared fields or drops it is `schema/article.schema.json` exactly. Otherwise dropped
 * default properties are left out (so they are ignored like any undeclared property), declared
 * fields are added as typed properties, and the `$id` gets a query naming the fields and drops, so
 * that two schemas never share an id. Unknown properties stay allowed: the loader reports them
 * as a warning instead of refusing the article.
 *
 * Expects a schema that `resolveSchema` accepts (names valid and not default ones); it does not
 * validate it again.
 */
export function articleJsonSchema(schema: SchemaDefinition = {}): JsonSchemaObject {
  const properties = defaultProperties();
  const drop = schema.drop ?? [];
  for (const name of drop) {
    if (name !== 'id' && name !== 'title' && name !== 'paragraphs' && name !== 'body' && name !== 'date') delete properties[name];
  }
  const declared = Object.entries(schema.fields ?? {});
  for (const [name, spec] of declared) properties[name] = fieldValueSchema(name, spec);
  const custom = declared.length > 0 || drop.length > 0;
  const id = custom
    ? `${DEFAULT_ARTICLE_SCHEMA_ID}?fields=${declared.map(([name]) => name).join(',')}&drop=${drop.join(',')}`
    : DEFAULT_ARTICLE_SCHEMA_ID;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: id,
    title: 'Article',
    description: custom
      ? `${DEFAULT_DESCRIPTION} Declared fields: ${declared.map(([name, spec]) => `${name} (${spec.type})`).join(', ') || 'none'}${drop.length > 0 ? `; dropped: ${drop.join(', ')}` : ''}.`
      : DEFAULT_DESCRIPTION,
    type: 'object',
    required: ['title'],
    anyOf: [
      { properties: { paragraphs: true }, required: ['paragraphs'] },
      { properties: { body: true }, required: ['body'] },
    ],
    properties,
    $defs: { stringList: { description: 'A list of strings.', type: 'array', items: { type: 'string' } } },
  };
}
