/**
 * Values of the declared number and date fields, one column per field: a Float64Array indexed by
 * document id, NaN where the article has no value (dates as epoch ms, read by lib/dates as the
 * publication date is). Range filters, range facets, sorting and stats read these columns.
 */
import { isoDateToEpochMs } from '../dates/instant.js';
import { GrowableArray } from '../index/growable-array.js';
import type { ResolvedSchema } from '../schema/resolve-schema.js';
import type { Article } from '../types.js';

/** The number and date columns as plain arrays, for snapshots: field name → values by document. */
export type NumberStoreState = Record<string, Float64Array>;

/** The value of a number or date field of an article as a number (NaN when absent). */
function numericValue(article: Article, field: string, isDate: boolean): number {
  const fields = article.fields;
  if (fields === undefined || !Object.hasOwn(fields, field)) return NaN;
  const v = fields[field];
  if (isDate) return typeof v === 'string' ? isoDateToEpochMs(v) : NaN;
  return typeof v === 'number' ? v : NaN;
}

/** Per-document values of every declared number and date field. */
export class NumberStore {
  /** Column of each number or date field. */
  readonly columns = new Map<string, GrowableArray<Float64Array>>();
  /** Date fields among the columns. */
  readonly dateFields: ReadonlySet<string>;
  private numDocs = 0;

  constructor(schema: ResolvedSchema) {
    for (const f of [...schema.numberFields, ...schema.dateFields]) this.columns.set(f.name, new GrowableArray(Float64Array, 256));
    this.dateFields = new Set(schema.dateFields.map((f) => f.name));
  }

  /** Records the values of document `doc`, which must be the next document id. */
  add(doc: number, article: Article): void {
    if (doc !== this.numDocs) throw new Error(`internal: number store expected document ${this.numDocs}, got ${doc}`);
    for (const [field, col] of this.columns) col.push(numericValue(article, field, this.dateFields.has(field)));
    this.numDocs++;
  }

  /** The values of a field by document id (NaN: none), or undefined for a field that has no column. */
  column(field: string): Float64Array | undefined {
    return this.columns.get(field)?.data;
  }

  /** The columns as plain arrays. */
  exportState(): NumberStoreState {
    const out: NumberStoreState = {};
    for (const [field, col] of this.columns) out[field] = col.data.subarray(0, col.length);
    return out;
  }

  /** Restores exported columns of `numDocs` documents into this empty store. */
  importState(s: NumberStoreState, numDocs: number): void {
    if (this.numDocs !== 0) throw new Error('internal: number store import into a non-empty store');
    for (const [field, col] of this.columns) {
      const a = s[field];
      if (!a || a.length !== numDocs) throw new Error(`internal: snapshot column "${field}" has ${a?.length ?? 0} values for ${numDocs} documents`);
      col.resize(numDocs);
      col.data.set(a);
    }
    this.numDocs = numDocs;
  }
}
