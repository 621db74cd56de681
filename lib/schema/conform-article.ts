/**
 * An article as a declared schema keeps it: declared values checked against their kinds
 * (`"wordCount": "long"` is an error naming the field), a lone keyword of a `multiple` field read
 * as a list of one, dropped default fields removed. What `add` stores, so `get` and hits show it.
 */
import { SearchError } from '../errors.js';
import { isoDateToEpochMs } from '../dates/instant.js';
import type { Article } from '../types.js';
import type { FieldValue } from './field-schema.js';
import type { ResolvedField, ResolvedSchema } from './resolve-schema.js';

/** Longest value of a keyword field, in UTF-16 code units (a tag, not a text). */
export const MAX_KEYWORD_LENGTH = 1000;
/** Most values of a multi-valued keyword field on one article. */
export const MAX_KEYWORD_VALUES = 1000;

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
  if (typeof v === 'number') return String(v);
  return typeof v;
}

/** The checked value of one declared field; throws `why` for a value of the wrong kind. */
function conformValue(f: ResolvedField, v: unknown, why: (message: string) => SearchError): FieldValue {
  const keyword = (x: unknown): string => {
    if (typeof x !== 'string') throw why(`must be a string${f.multiple ? ' or a list of strings' : ''}, got ${describe(x)}`);
    if (x.length > MAX_KEYWORD_LENGTH) throw why(`a value is longer than ${MAX_KEYWORD_LENGTH} characters`);
    return x;
  };
  switch (f.type) {
    case 'keyword':
      if (!f.multiple) return keyword(v);
      if (!Array.isArray(v)) return [keyword(v)];
      if (v.length > MAX_KEYWORD_VALUES) throw why(`has ${v.length} values, more than ${MAX_KEYWORD_VALUES}`);
      return v.map(keyword);
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) throw why(`must be a finite number, got ${describe(v)}`);
      return v;
    case 'date':
      if (typeof v !== 'string' || Number.isNaN(isoDateToEpochMs(v))) throw why(`must be an ISO 8601 date, got ${describe(v)}`);
      return v;
    case 'text':
      if (typeof v !== 'string') throw why(`must be a string, got ${describe(v)}`);
      return v;
    case 'stored':
      if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) return v;
      if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
      throw why(`must be a string, number, boolean or list of strings, got ${describe(v)}`);
  }
}

/**
 * The article as `schema` stores it. Returns `article` itself under the default schema when it has
 * no `fields` (nothing to check or copy). Throws SearchError `invalid_article` naming the field:
 * a value of the wrong kind, or a field the schema does not declare.
 */
export function conformArticle(article: Article, schema: ResolvedSchema): Article {
  const raw: unknown = article.fields;
  if (raw === undefined && schema.dropped.size === 0) return article;
  const why = (field: string) => (message: string): SearchError =>
    new SearchError('invalid_article', `invalid article "${article.id}": field "${field}" ${message}`, { id: article.id, field });
  let fields: Record<string, FieldValue> | undefined;
  if (raw !== undefined) {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw why('fields')(`must be an object of declared field values, got ${describe(raw)}`);
    fields = {};
    for (const [name, v] of Object.entries(raw as Record<string, unknown>)) {
      const f = schema.byName.get(name);
      if (!f) {
        const declared = schema.fields.map((x) => x.name);
        throw why(name)(`is not declared in the schema (declared: ${declared.length > 0 ? declared.join(', ') : 'none'})`);
      }
      if (v === undefined || v === null) continue;
      fields[name] = conformValue(f, v, why(name));
    }
  }
  const out: Article = { ...article };
  for (const d of schema.dropped) delete out[d as keyof Article];
  if (fields && Object.keys(fields).length > 0) out.fields = fields;
  else delete out.fields;
  return out;
}
