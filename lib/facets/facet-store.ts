/**
 * Facet values per article: for each facet field a value dictionary, the value ids of every
 * document, the documents of every value (for filters) and live counts (for whole-index facets).
 * Also the calendar month of each document, for the date histogram.
 */
import { FACET_FIELDS, LIST_FIELDS, type Article, type FacetField } from '../types.js';

const LIST_FIELD_SET: ReadonlySet<string> = new Set(LIST_FIELDS);

/** Facet data of one field. */
export interface FacetColumn {
  readonly field: FacetField;
  readonly valueIds: Map<string, number>;
  readonly values: string[];
  /** Documents carrying each value, in increasing order (dead documents included). */
  readonly valueDocs: number[][];
  /** Number of live documents carrying each value. */
  readonly liveCount: number[];
  /** Value ids of each document (undefined: none). */
  readonly docValues: (Int32Array | undefined)[];
}

/** The values an article has for a facet field, de-duplicated, in source order. */
export function articleFacetValues(article: Article, field: FacetField): string[] {
  const raw = article[field as keyof Article];
  if (raw === undefined) return [];
  const list = LIST_FIELD_SET.has(field) ? (raw as string[]) : [raw as string];
  const out: string[] = [];
  for (const v of list) if (typeof v === 'string' && v !== '' && !out.includes(v)) out.push(v);
  return out;
}

export class FacetStore {
  readonly columns: FacetColumn[];
  readonly byField: Map<FacetField, FacetColumn>;
  /** Month id per document (-1: no date). */
  readonly docMonth: number[] = [];
  readonly months: string[] = [];
  private readonly monthIds = new Map<string, number>();

  constructor() {
    this.columns = FACET_FIELDS.map((field) => ({
      field,
      valueIds: new Map<string, number>(),
      values: [],
      valueDocs: [],
      liveCount: [],
      docValues: [],
    }));
    this.byField = new Map(this.columns.map((c) => [c.field, c]));
  }

  /** Records the facet values of document `doc` (which must be the next document id). */
  add(doc: number, article: Article): void {
    for (const col of this.columns) {
      const values = articleFacetValues(article, col.field);
      if (values.length === 0) {
        col.docValues[doc] = undefined;
        continue;
      }
      const ids = new Int32Array(values.length);
      values.forEach((v, i) => {
        let id = col.valueIds.get(v);
        if (id === undefined) {
          id = col.values.length;
          col.valueIds.set(v, id);
          col.values.push(v);
          col.valueDocs.push([]);
          col.liveCount.push(0);
        }
        ids[i] = id;
        col.valueDocs[id].push(doc);
        col.liveCount[id]++;
      });
      col.docValues[doc] = ids;
    }
    const month = article.date && /^\d{4}-\d{2}/.test(article.date) ? article.date.slice(0, 7) : undefined;
    if (month === undefined) this.docMonth[doc] = -1;
    else {
      let m = this.monthIds.get(month);
      if (m === undefined) {
        m = this.months.length;
        this.monthIds.set(month, m);
        this.months.push(month);
      }
      this.docMonth[doc] = m;
    }
  }

  /** Takes document `doc` out of the live counts. */
  remove(doc: number): void {
    for (const col of this.columns) {
      const ids = col.docValues[doc];
      if (ids) for (const id of ids) col.liveCount[id]--;
    }
  }
}
