/**
 * Compile-time field names of a declared schema: what `createSearchIndex({ schema })` uses to
 * check the field names in `filters`, `facets`, `ranges`, `sort` and `stats` (the run-time check
 * is in lib/search/search-options.ts). For a schema known only at run time (the wide
 * `SchemaDefinition`), every name is a `string` and only the run-time check applies.
 */
import type { FacetField } from '../types.js';
import type { FieldSpec } from './field-schema.js';

/** The schema of an index created without one: today's news fields. */
export type DefaultSchema = {};

/** The declared fields of a schema type. */
type FieldsOf<S> = S extends { readonly fields?: infer F }
  ? NonNullable<F> extends Readonly<Record<string, FieldSpec>> ? NonNullable<F> : DefaultSchema
  : DefaultSchema;

/** Names of the declared fields of `S` whose type is `T`. */
type NamesOfType<S, T extends FieldSpec['type']> = {
  [K in keyof FieldsOf<S>]: [Extract<FieldsOf<S>[K], { type: T }>] extends [never] ? never : K;
}[keyof FieldsOf<S>] & string;

/** Default fields the schema drops. */
type DroppedOf<S> = S extends { readonly drop: readonly (infer D)[] } ? D : never;

/** Declared keyword fields of `S`. */
export type KeywordFieldOf<S> = NamesOfType<S, 'keyword'>;
/** Declared number fields of `S`. */
export type NumberFieldOf<S> = NamesOfType<S, 'number'>;
/** Declared date fields of `S`. */
export type DateFieldOf<S> = NamesOfType<S, 'date'>;
/** Fields `filters` takes (and `field:value` in a query): the kept default facet fields and declared keyword fields. */
export type FilterFieldOf<S> = Exclude<FacetField, DroppedOf<S>> | KeywordFieldOf<S>;
/** Fields `facets` takes: filter fields (values) and number fields (range buckets). */
export type FacetFieldOf<S> = FilterFieldOf<S> | NumberFieldOf<S>;
/** Fields `ranges` and `stats` take: `date` and declared number and date fields. */
export type RangeFieldOf<S> = 'date' | NumberFieldOf<S> | DateFieldOf<S>;

/**
 * Sort orders of `S`: relevance, date, date_asc, and each declared number or date field
 * ascending (`wordCount`) or descending (`-wordCount`). A schema with no such fields keeps the
 * open {@link SortOrder} (checked at run time).
 */
export type SortOrderOf<S> = [NumberFieldOf<S> | DateFieldOf<S>] extends [never]
  ? 'relevance' | 'date' | 'date_asc' | (string & {})
  : 'relevance' | 'date' | 'date_asc' | NumberFieldOf<S> | DateFieldOf<S> | `-${NumberFieldOf<S> | DateFieldOf<S>}`;
