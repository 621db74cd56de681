/**
 * A declared schema: the metadata fields an archive has beyond the default news fields, and what
 * each is for (Orama's typed schema, Meilisearch's filterable/sortable/searchable attributes,
 * Elasticsearch's mappings). Plain data, so it can sit in a config file, a snapshot and an HTTP
 * answer (`/api/schema`) unchanged.
 *
 * Declared values live in `Article.fields` (a JSON corpus's top-level properties map there by
 * name); the default news fields (title, paragraphs, date, publisher, source, category …) stay
 * where they are on `Article`, so the default schema changes nothing.
 */

/** The kinds of declared field. */
export const FIELD_TYPES = ['keyword', 'number', 'date', 'text', 'stored'] as const;

/** One of {@link FIELD_TYPES}. */
export type FieldType = (typeof FIELD_TYPES)[number];

/** What every declared field may say. */
interface FieldSpecBase {
  /** Returned in hits (`hit.fields`). Default true for keyword, number, date and stored; false for text. */
  returned?: boolean;
  /** Human-readable label for pages and OpenAPI; default the field name. */
  label?: string;
}

/** Exact values: filterable, facetable, usable as `field:value` in a query. */
export interface KeywordFieldSpec extends FieldSpecBase {
  type: 'keyword';
  /** Several values per article (a list; a lone string reads as a list of one). Default false. */
  multiple?: boolean;
}

/** A bucket of a number field's range facet: `from` inclusive, `to` exclusive; either may be open. */
export interface NumberBucket {
  from?: number;
  to?: number;
}

/** Integers or decimals: range filters, sorting, range facets and min/max stats. */
export interface NumberFieldSpec extends FieldSpecBase {
  type: 'number';
  /** Default buckets of the field's range facet (a query may give its own). */
  buckets?: readonly NumberBucket[];
}

/** An ISO 8601 date or date-time (read by lib/dates like the publication date): range filters, sorting. */
export interface DateFieldSpec extends FieldSpecBase {
  type: 'date';
}

/** More searchable text, ranked in BM25F beside title and body with this weight, highlighted like the title. */
export interface TextFieldSpec extends FieldSpecBase {
  type: 'text';
  /** BM25F weight relative to the body (1). Default 1. Must be > 0. */
  weight?: number;
}

/** Returned with hits and articles, never indexed (a URL, an image address). */
export interface StoredFieldSpec extends FieldSpecBase {
  type: 'stored';
}

/** A declared field. */
export type FieldSpec = KeywordFieldSpec | NumberFieldSpec | DateFieldSpec | TextFieldSpec | StoredFieldSpec;

/** The value of a declared field on an article, once read: keyword (single) / text / date → string, keyword (multiple) → string[], number → number, stored → any of these. */
export type FieldValue = string | number | boolean | readonly string[];

/** A declared schema, as a user writes it (`createSearchIndex({ schema })`, `ledesearch.config.json`). */
export interface SchemaDefinition {
  /** The declared fields by name. Names: `[A-Za-z][A-Za-z0-9_]*`, at most 64 characters, not a default or reserved name. */
  readonly fields?: Readonly<Record<string, FieldSpec>>;
  /**
   * Default news facet fields to leave out (`['people', 'exchanges']`): not read, indexed,
   * filtered or returned. Only the facet fields and `author`/`dateline`/`url` may be dropped;
   * id, title, paragraphs and date always stay.
   */
  readonly drop?: readonly string[];
}

/** Limits on a declared schema, documented in the README. */
export const MAX_DECLARED_FIELDS = 64;
/** Longest declared field name. */
export const MAX_FIELD_NAME_LENGTH = 64;
