/**
 * From a {@link SchemaDefinition} as a user wrote it (untrusted JSON from a config file, an HTTP
 * body or a snapshot) to a {@link ResolvedSchema}: every field checked, defaults filled in, `drop`
 * applied, the fields listed by kind. The one place that decides what a schema means.
 */
import { SearchError } from '../errors.js';
import { FACET_FIELDS } from '../types.js';
import {
  FIELD_TYPES, MAX_DECLARED_FIELDS, MAX_FIELD_NAME_LENGTH,
  type FieldSpec, type FieldType, type NumberBucket, type SchemaDefinition,
} from './field-schema.js';

/** Most buckets a number field (or a query's `facetBuckets`) may give its range facet. */
export const MAX_NUMBER_BUCKETS = 100;
/** Largest BM25F weight of a text field (the body has 1, the title 2 by default). */
export const MAX_TEXT_WEIGHT = 100;
/** Longest field label. */
export const MAX_FIELD_LABEL_LENGTH = 200;

/** Default fields a schema's `drop` may remove: the facet fields and `url`. */
export const DROPPABLE_FIELDS: readonly string[] = [...FACET_FIELDS, 'url'];

/**
 * Names a declared field may not take: the default article fields, the names of hits and
 * results, the sort orders, the HTTP search parameters (`?section=World` must not collide with
 * `?limit=`), `any` (the query tree's scope of unscoped words), and the properties every
 * JavaScript object has.
 */
export const RESERVED_FIELD_NAMES: ReadonlySet<string> = new Set([
  'id', 'title', 'paragraphs', 'body', 'text', 'any', 'date', 'origin', 'fields', 'score', 'url',
  'publisher', 'source', 'author', 'dateline', 'category', 'topics', 'places', 'people', 'organisations', 'exchanges',
  'titleHtml', 'snippets', 'duplicates', 'duplicateCount', 'fieldsHtml', 'relevance', 'date_asc',
  'q', 'from', 'to', 'sort', 'limit', 'offset', 'facets', 'facetLimit', 'histogram', 'histogramNormalize',
  'compare', 'collapse', 'collapseCount', 'parts', 'match', 'format', 'ranges', 'stats', 'filters', 'facetBuckets',
  'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf',
  'propertyIsEnumerable', 'toLocaleString',
]);

const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;

/** A declared field with every default filled in. */
export interface ResolvedField {
  readonly name: string;
  readonly type: FieldType;
  /** Returned in hits (`hit.fields`). */
  readonly returned: boolean;
  /** Label for pages; the name when none was given. */
  readonly label: string;
  /** Keyword fields: several values per article. */
  readonly multiple: boolean;
  /** Number fields: the declared default buckets of the range facet (empty when none). */
  readonly buckets: readonly NumberBucket[];
  /** Text fields: BM25F weight (default 1). */
  readonly weight: number;
}

/** A checked schema: what an index, a corpus reader and a server work from. */
export interface ResolvedSchema {
  /** Declared fields in declaration order. */
  readonly fields: readonly ResolvedField[];
  /** Declared fields by name. */
  readonly byName: ReadonlyMap<string, ResolvedField>;
  /** Default facet fields kept (not dropped), in {@link FACET_FIELDS} order. */
  readonly defaultFacetFields: readonly string[];
  /** Every facet field: the kept default ones, then declared keyword fields. */
  readonly facetFields: readonly string[];
  /** Declared fields of each kind, in declaration order. */
  readonly keywordFields: readonly ResolvedField[];
  readonly numberFields: readonly ResolvedField[];
  readonly dateFields: readonly ResolvedField[];
  readonly textFields: readonly ResolvedField[];
  readonly storedFields: readonly ResolvedField[];
  /** Declared fields returned in hits. */
  readonly returnedFields: readonly ResolvedField[];
  /** Default fields removed by `drop`. */
  readonly dropped: ReadonlySet<string>;
  /** The schema as plain data, defaults filled in: what snapshots store and `/api/schema` shows. */
  readonly definition: SchemaDefinition;
  /** A short stable digest of {@link definition}: equal schemas, equal fingerprints. */
  readonly fingerprint: string;
  /** True for the default schema (no declared fields, nothing dropped). */
  readonly isDefault: boolean;
}

function invalid(message: string, details: Record<string, unknown> = {}): SearchError {
  return new SearchError('invalid_schema', `invalid schema: ${message}`, details);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? JSON.stringify(v) : typeof v;
}

const KEYS_BY_TYPE: Record<FieldType, readonly string[]> = {
  keyword: ['type', 'returned', 'label', 'multiple'],
  number: ['type', 'returned', 'label', 'buckets'],
  date: ['type', 'returned', 'label'],
  text: ['type', 'returned', 'label', 'weight'],
  stored: ['type', 'returned', 'label'],
};

/**
 * Checks a list of number-facet buckets (a field's declared ones or a query's `facetBuckets`):
 * at most {@link MAX_NUMBER_BUCKETS}, each an object with finite `from` and/or `to`, `from < to`.
 * Returns copies holding only `from`/`to`. `where` names the list in errors.
 */
export function checkNumberBuckets(where: string, value: unknown, onError: (message: string) => Error): NumberBucket[] {
  if (!Array.isArray(value)) throw onError(`${where} must be a list of buckets, got ${describe(value)}`);
  if (value.length > MAX_NUMBER_BUCKETS) throw onError(`${where} has ${value.length} buckets, more than the limit of ${MAX_NUMBER_BUCKETS}`);
  return value.map((b: unknown, i) => {
    if (!isPlainObject(b)) throw onError(`${where}[${i}] must be an object with from and/or to, got ${describe(b)}`);
    for (const key of Object.keys(b)) {
      if (key !== 'from' && key !== 'to') throw onError(`${where}[${i}] has an unknown property "${key}" (only from and to)`);
    }
    const out: NumberBucket = {};
    for (const key of ['from', 'to'] as const) {
      const v = b[key];
      if (v === undefined) continue;
      if (typeof v !== 'number' || !Number.isFinite(v)) throw onError(`${where}[${i}].${key} must be a finite number, got ${describe(v)}`);
      out[key] = v;
    }
    if (out.from === undefined && out.to === undefined) throw onError(`${where}[${i}] needs from or to`);
    if (out.from !== undefined && out.to !== undefined && !(out.from < out.to)) {
      throw onError(`${where}[${i}] has from ${out.from} not below to ${out.to}`);
    }
    return out;
  });
}

function resolveField(name: string, spec: unknown): ResolvedField {
  if (name.length > MAX_FIELD_NAME_LENGTH) throw invalid(`field name "${name.slice(0, 80)}…" is longer than ${MAX_FIELD_NAME_LENGTH} characters`, { field: name });
  if (!NAME_PATTERN.test(name)) throw invalid(`field name "${name}" must start with a letter and hold only letters, digits and _`, { field: name });
  if (RESERVED_FIELD_NAMES.has(name)) throw invalid(`field "${name}" has a default or reserved name`, { field: name });
  if (!isPlainObject(spec)) throw invalid(`field "${name}" must be an object like { "type": "keyword" }, got ${describe(spec)}`, { field: name });
  const type = spec['type'];
  if (typeof type !== 'string' || !(FIELD_TYPES as readonly string[]).includes(type)) {
    throw invalid(`field "${name}" has type ${describe(type)}; expected one of ${FIELD_TYPES.join(', ')}`, { field: name });
  }
  const kind = type as FieldType;
  for (const key of Object.keys(spec)) {
    if (!KEYS_BY_TYPE[kind].includes(key)) {
      throw invalid(`field "${name}" (${kind}) has an unknown property "${key}"; allowed: ${KEYS_BY_TYPE[kind].join(', ')}`, { field: name });
    }
  }
  const onError = (message: string): SearchError => invalid(`field "${name}": ${message}`, { field: name });
  const returned = spec['returned'] ?? kind !== 'text';
  if (typeof returned !== 'boolean') throw onError(`returned must be true or false, got ${describe(returned)}`);
  const label = spec['label'] ?? name;
  if (typeof label !== 'string' || label.trim() === '' || label.length > MAX_FIELD_LABEL_LENGTH) {
    throw onError(`label must be a non-empty string of at most ${MAX_FIELD_LABEL_LENGTH} characters`);
  }
  const multiple = spec['multiple'] ?? false;
  if (typeof multiple !== 'boolean') throw onError(`multiple must be true or false, got ${describe(multiple)}`);
  const weight = spec['weight'] ?? 1;
  if (typeof weight !== 'number' || !Number.isFinite(weight) || weight <= 0 || weight > MAX_TEXT_WEIGHT) {
    throw onError(`weight must be a number above 0 and at most ${MAX_TEXT_WEIGHT}, got ${describe(weight)}${typeof weight === 'number' ? ` (${weight})` : ''}`);
  }
  const buckets = spec['buckets'] === undefined ? [] : checkNumberBuckets('buckets', spec['buckets'], onError);
  return { name, type: kind, returned, label, multiple, buckets, weight };
}

/** The plain-data form of a resolved field: only what applies to its kind, defaults filled in. */
function fieldDefinition(f: ResolvedField): FieldSpec {
  const base = { returned: f.returned, label: f.label };
  switch (f.type) {
    case 'keyword': return { type: 'keyword', multiple: f.multiple, ...base };
    case 'number': return f.buckets.length > 0 ? { type: 'number', buckets: f.buckets, ...base } : { type: 'number', ...base };
    case 'text': return { type: 'text', weight: f.weight, ...base };
    case 'date': return { type: 'date', ...base };
    case 'stored': return { type: 'stored', ...base };
  }
}

/** FNV-1a over the string, twice with different seeds: 16 hex digits. Not cryptographic; it names a schema. */
function digest(s: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** Canonical JSON: object keys sorted, so equal schemas print equal. */
function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (isPlainObject(v)) {
    return `{${Object.keys(v).filter((k) => v[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * Checks a schema definition from untrusted input and resolves it. `undefined` gives the
 * default schema (today's news fields). Throws SearchError `invalid_schema` naming the field and
 * the problem: an unknown type or property, a bad or reserved name, a weight not in (0, 100],
 * bad buckets, more than {@link MAX_DECLARED_FIELDS} fields, an unknown `drop` name.
 */
export function resolveSchema(definition?: unknown): ResolvedSchema {
  if (definition === undefined || definition === null) return DEFAULT_SCHEMA;
  if (!isPlainObject(definition)) throw invalid(`a schema must be an object like { "fields": { … } }, got ${describe(definition)}`);
  for (const key of Object.keys(definition)) {
    if (key !== 'fields' && key !== 'drop') throw invalid(`unknown property "${key}" (a schema has fields and drop)`);
  }
  const rawFields = definition['fields'] ?? {};
  if (!isPlainObject(rawFields)) throw invalid(`fields must be an object of field specs by name, got ${describe(rawFields)}`);
  const names = Object.keys(rawFields);
  if (names.length > MAX_DECLARED_FIELDS) throw invalid(`${names.length} declared fields, more than the limit of ${MAX_DECLARED_FIELDS}`);
  const fields = names.map((name) => resolveField(name, rawFields[name]));
  const rawDrop = definition['drop'] ?? [];
  if (!Array.isArray(rawDrop)) throw invalid(`drop must be a list of field names, got ${describe(rawDrop)}`);
  const dropped = new Set<string>();
  for (const d of rawDrop) {
    if (typeof d !== 'string' || !DROPPABLE_FIELDS.includes(d)) {
      throw invalid(`drop names ${describe(d)}, which is not a default field that may be dropped (${DROPPABLE_FIELDS.join(', ')})`, { field: d });
    }
    dropped.add(d);
  }
  return buildResolved(fields, dropped);
}

function buildResolved(fields: readonly ResolvedField[], dropped: ReadonlySet<string>): ResolvedSchema {
  const ofType = (t: FieldType): ResolvedField[] => fields.filter((f) => f.type === t);
  const defaultFacetFields = FACET_FIELDS.filter((f) => !dropped.has(f));
  const keywordFields = ofType('keyword');
  const drop = DROPPABLE_FIELDS.filter((f) => dropped.has(f));
  const definition: SchemaDefinition = {
    fields: Object.fromEntries(fields.map((f) => [f.name, fieldDefinition(f)])),
    ...(drop.length > 0 ? { drop } : {}),
  };
  // Field order does not change what an index holds, so the fingerprint sorts names.
  return {
    fields,
    byName: new Map(fields.map((f) => [f.name, f])),
    defaultFacetFields,
    facetFields: [...defaultFacetFields, ...keywordFields.map((f) => f.name)],
    keywordFields,
    numberFields: ofType('number'),
    dateFields: ofType('date'),
    textFields: ofType('text'),
    storedFields: ofType('stored'),
    returnedFields: fields.filter((f) => f.returned),
    dropped,
    definition,
    fingerprint: digest(canonicalJson(definition)),
    isDefault: fields.length === 0 && dropped.size === 0,
  };
}

/** The default schema: today's news fields, nothing declared, nothing dropped. */
export const DEFAULT_SCHEMA: ResolvedSchema = buildResolved([], new Set());

/** Whether two resolved schemas index the same way (same fields, kinds, options and drops). */
export function sameSchema(a: ResolvedSchema, b: ResolvedSchema): boolean {
  return a === b || canonicalJson(a.definition) === canonicalJson(b.definition);
}
