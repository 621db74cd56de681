/**
 * Validation of JSON articles against the article JSON Schema generated from a declared schema
 * (`lib/schema/article-json-schema.ts`; for the default schema, `schema/article.schema.json`).
 *
 * Each schema is compiled once and kept (a handful of schemas per process at most); ajv's types
 * stay inside this file, so callers only ever see a reason string.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { articleJsonSchema, DEFAULT_ARTICLE_SCHEMA_ID } from '../schema/article-json-schema.js';
import type { SchemaDefinition } from '../schema/field-schema.js';

/** The `$id` of the default article schema. */
export const ARTICLE_SCHEMA_ID = DEFAULT_ARTICLE_SCHEMA_ID;

/** Compiled validators by the JSON of their schema definition; bounded, oldest dropped first. */
const compiled = new Map<string, ValidateFunction>();
const MAX_COMPILED = 16;

function validatorFor(schema: SchemaDefinition | undefined): ValidateFunction {
  const key = JSON.stringify({ fields: schema?.fields ?? {}, drop: schema?.drop ?? [] });
  let validate = compiled.get(key);
  if (validate !== undefined) return validate;
  // `verbose` keeps the failing value and sub-schema on each error, which the reasons quote;
  // `strict` makes a schema mistake fail at compile rather than validate loosely. One ajv per
  // schema, so that schemas with the same `$id` never meet.
  const ajv = new Ajv2020({ allErrors: false, verbose: true, strict: true });
  addFormats.default(ajv, ['date', 'iso-date-time']);
  validate = ajv.compile(articleJsonSchema(schema));
  if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value as string);
  compiled.set(key, validate);
  return validate;
}

/** What {@link validateArticleRecord} returns. */
export type ArticleValidation =
  | { ok: true; record: Readonly<Record<string, unknown>> }
  | { ok: false; reason: string };

/** `/paragraphs/3` → `paragraphs[3]`, `/date` → `date`. */
function fieldName(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment, i) => (/^\d+$/.test(segment) ? `[${segment}]` : i === 0 ? segment : `.${segment}`))
    .join('');
}

/** A short JSON rendering of an offending value for a message. */
function quote(value: unknown): string {
  // A long string is cut before it is stringified, and a huge list or object only costs one
  // bounded walk; stringify cannot fail on parsed JSON, whose depth the reader has bounded.
  const short = typeof value === 'string' && value.length > 60 ? value.slice(0, 60) : value;
  const text = JSON.stringify(short) ?? String(short);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function describeOf(error: ErrorObject): string | undefined {
  const schema: unknown = error.parentSchema;
  if (typeof schema !== 'object' || schema === null || !('description' in schema)) return undefined;
  return typeof schema.description === 'string' ? schema.description : undefined;
}

/** Turns ajv's errors (the last one is the failure; earlier ones are failed alternatives) into one reason. */
function describeErrors(errors: readonly ErrorObject[]): string {
  const failure = errors[errors.length - 1];
  if (!failure) return 'does not match the article schema';
  const field = fieldName(failure.instancePath);
  if (failure.keyword === 'required') {
    const missing: unknown = failure.params.missingProperty;
    return `missing required field "${String(missing)}"`;
  }
  if (failure.keyword === 'anyOf' && field === '') {
    // The only root alternative is paragraphs-or-body.
    const names = errors
      .filter((e) => e.keyword === 'required' && e.instancePath === '')
      .map((e) => `"${String(e.params.missingProperty)}"`);
    return `missing required field ${names.join(' or ')}`;
  }
  const subject = field === '' ? 'article' : `field "${field}"`;
  // ajv's wording for alternatives and patterns ("must match a schema in anyOf") says nothing
  // useful; the schema's own description says what is expected.
  const description = failure.keyword === 'anyOf' || failure.keyword === 'pattern' ? describeOf(failure) : undefined;
  const expected = description ?? failure.message ?? 'is invalid';
  return `${subject} ${description ? `is invalid (${expected})` : expected}, got ${quote(failure.data)}`;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks a parsed JSON value against the article schema of `schema` (default: the default schema).
 *
 * @returns the value as a record when valid, else a reason naming the offending field and value
 *   (`field "date" is invalid (Publication date: …), got "10/10/2019"`).
 */
export function validateArticleRecord(value: unknown, schema?: SchemaDefinition): ArticleValidation {
  const validate = validatorFor(schema);
  if (validate(value) && isRecord(value)) return { ok: true, record: value };
  return { ok: false, reason: describeErrors(validate.errors ?? []) };
}
