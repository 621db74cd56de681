/**
 * Reading the values of a declared schema's fields (lib/schema) from a corpus: a JSON article's
 * top-level properties, and the reference format's trailer lines (`Tags: a, b`). The JSON values
 * have passed the generated article JSON Schema already; the trailer's are text and are parsed
 * here. Also names the properties nothing reads, for the loader's once-per-corpus warning.
 */
import { normaliseIsoDate } from '../dates/iso-date.js';
import { splitListValue } from './reference-trailer.js';
import { DEFAULT_ARTICLE_PROPERTIES } from '../schema/article-json-schema.js';
import type { FieldValue } from '../schema/field-schema.js';
import { DEFAULT_SCHEMA, type ResolvedField, type ResolvedSchema } from '../schema/resolve-schema.js';

/** What the readers need of a field: its kind, whether a keyword holds a list. */
type FieldKind = Pick<ResolvedField, 'type' | 'multiple'>;

/** A resolved schema as the corpus readers use it: the fields by name, what is dropped, trailer keys. */
export interface CorpusSchema {
  /** The schema, resolved (its `definition` gives the article JSON Schema). */
  readonly resolved: ResolvedSchema;
  /** Declared fields, in declaration order. */
  readonly fields: readonly ResolvedField[];
  /** Default properties left out (`drop`). */
  readonly dropped: ReadonlySet<string>;
  /** Every property a JSON article may carry that is read (default ones not dropped, declared ones). */
  readonly known: ReadonlySet<string>;
  /** Trailer keys, lower case (the field name and its label), to the declared field name. */
  readonly trailerKeys: ReadonlyMap<string, string>;
  /** Declared text fields, whose values are held to the paragraph length limit rather than the field one. */
  readonly textFields: ReadonlySet<string>;
}

/** The corpus readers' view of a resolved schema (default: the default schema, no declared fields). */
export function corpusSchema(resolved: ResolvedSchema = DEFAULT_SCHEMA): CorpusSchema {
  const { fields, dropped } = resolved;
  const known = new Set([...DEFAULT_ARTICLE_PROPERTIES.filter((name) => !dropped.has(name)), ...fields.map((f) => f.name)]);
  const trailerKeys = new Map<string, string>();
  for (const { name, label } of fields) {
    trailerKeys.set(name.toLowerCase(), name);
    trailerKeys.set(label.trim().toLowerCase(), name);
  }
  const textFields = new Set(resolved.textFields.map((f) => f.name));
  return { resolved, fields, dropped, known, trailerKeys, textFields };
}

/** A list of strings: a lone string is a list of one; trimmed, empty items and repeats dropped. */
export function stringList(value: unknown): string[] {
  const items: readonly unknown[] = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
  const strings = items.filter((item): item is string => typeof item === 'string');
  return [...new Set(strings.map((item) => item.trim()).filter((item) => item !== ''))];
}

/**
 * One declared field's value from a JSON value the article JSON Schema accepted: strings trimmed
 * (empty → absent), a multiple keyword made a list, a date in canonical ISO form.
 *
 * @returns the value, undefined when absent or empty, or a reason string when a value the
 *   schema let through is still unusable (a non-finite number cannot be, in JSON).
 */
function jsonFieldValue(name: string, spec: FieldKind, value: unknown): FieldValue | undefined | { reason: string } {
  switch (spec.type) {
    case 'keyword':
      if (spec.multiple) {
        const list = stringList(value);
        return list.length > 0 ? list : undefined;
      }
      return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
    case 'text':
      return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
    case 'date': {
      if (typeof value !== 'string') return undefined;
      const date = normaliseIsoDate(value.trim());
      return date ?? { reason: `field "${name}" is not a valid date or date-time, got ${JSON.stringify(value)}` };
    }
    case 'stored':
      if (typeof value === 'string') return value.trim() !== '' ? value.trim() : undefined;
      if (typeof value === 'number' || typeof value === 'boolean') return value;
      if (Array.isArray(value)) {
        const list = stringList(value);
        return list.length > 0 ? list : undefined;
      }
      return undefined;
  }
}

/** What {@link readJsonFields} returns. */
export interface JsonFields {
  /** Declared values; absent when the article has none. */
  fields?: Record<string, FieldValue>;
  /** Properties neither a default field nor a declared one (in the article's order). */
  undeclared: string[];
}

/**
 * The declared fields' values of a JSON article the generated JSON Schema accepted, and its
 * properties that nothing reads.
 *
 * @returns the values, or a reason naming the field when one is unusable.
 */
export function readJsonFields(record: Readonly<Record<string, unknown>>, schema: CorpusSchema): JsonFields | string {
  let fields: Record<string, FieldValue> | undefined;
  for (const spec of schema.fields) {
    const { name } = spec;
    if (!Object.hasOwn(record, name)) continue;
    const value = jsonFieldValue(name, spec, record[name]);
    if (value === undefined) continue;
    if (typeof value === 'object' && 'reason' in value) return value.reason;
    (fields ??= {})[name] = value;
  }
  const undeclared = Object.keys(record).filter((key) => !schema.known.has(key) && !schema.dropped.has(key));
  return fields === undefined ? { undeclared } : { fields, undeclared };
}

/**
 * One declared field's value from the values of its trailer lines (in order; one line each):
 * a multiple keyword gathers every line's comma-separated items, other fields take the first
 * non-empty line; numbers are read as JavaScript decimals (`1200`, `12.5`, `-3`), dates by
 * lib/dates.
 *
 * @returns the value, undefined when every line was empty, or a reason naming the field.
 */
export function trailerFieldValue(name: string, spec: FieldKind, lines: readonly string[]): FieldValue | undefined | { reason: string } {
  if (spec.type === 'keyword' && spec.multiple) {
    const list = stringList(lines.flatMap(splitListValue));
    return list.length > 0 ? list : undefined;
  }
  const first = lines.map((line) => line.trim()).find((line) => line !== '');
  if (first === undefined) return undefined;
  if (spec.type === 'number') {
    const number = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(first) ? Number(first) : NaN;
    if (!Number.isFinite(number)) return { reason: `trailer field "${name}" must be a number, got ${JSON.stringify(first.slice(0, 60))}` };
    return number;
  }
  if (spec.type === 'date') {
    const date = normaliseIsoDate(first);
    return date ?? { reason: `trailer field "${name}" is not a valid ISO 8601 date or date-time, got ${JSON.stringify(first.slice(0, 60))}` };
  }
  return first;
}
