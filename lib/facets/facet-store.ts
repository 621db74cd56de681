/**
 * Facet values per article: for each facet field a value dictionary, the documents of every
 * value (for filters) and live counts (for whole-index facets); and for every document its values
 * of all fields in one append-only CSR over global value ids, so that counting every facet of a
 * match set is one tight pass over flat typed arrays. Also the month of each document, for the
 * date histogram.
 */
import { GrowableArray } from '../index/growable-array.js';
import { DEFAULT_SCHEMA, type ResolvedSchema } from '../schema/resolve-schema.js';
import { LIST_FIELDS, type Article } from '../types.js';

const LIST_FIELD_SET: ReadonlySet<string> = new Set(LIST_FIELDS);

/** Facet data of one field. */
export interface FacetColumn {
  /** A default facet field (`topics`) or a declared keyword field (`section`). */
  readonly field: string;
  /** Position of the field in the schema's `facetFields`. */
  readonly index: number;
  /** True for a declared keyword field (read from `Article.fields`). */
  readonly declared: boolean;
  readonly valueIds: Map<string, number>;
  readonly values: string[];
  /** Global value id of each of this field's values. */
  readonly globalIds: number[];
  /** Documents carrying each value, in increasing order (removed documents included). */
  readonly valueDocs: number[][];
  /** Number of live documents carrying each value. */
  readonly liveCount: number[];
}

/**
 * The values an article has for a facet field, de-duplicated, in source order: a default field
 * from the article itself, a declared keyword field (`declared`) from `article.fields` (a lone
 * string or a list, as checked at `add`).
 */
export function articleFacetValues(article: Article, field: string, declared = false): string[] {
  let raw: unknown;
  if (declared) {
    const fields = article.fields;
    raw = fields !== undefined && Object.hasOwn(fields, field) ? fields[field] : undefined;
  } else {
    raw = article[field as keyof Article];
  }
  if (raw === undefined) return [];
  const list = declared ? (Array.isArray(raw) ? (raw as string[]) : [raw as string]) : LIST_FIELD_SET.has(field) ? (raw as string[]) : [raw as string];
  const out: string[] = [];
  for (const v of list) if (typeof v === 'string' && v !== '' && !out.includes(v)) out.push(v);
  return out;
}

/**
 * The documents' values as {@link FacetStore.countingRows} gives them for counting: the CSR of
 * every document's values without the values every live document carries, which are listed apart.
 */
export interface CountingRows {
  /** start[d] … start[d + 1]: document d's global value ids in `values`, the shared ones left out. */
  readonly start: Int32Array;
  readonly values: Int32Array;
  /** The global value ids every live document carries (a corpus-wide publisher or source). */
  readonly shared: Int32Array;
}

/** The facet store as plain arrays, for snapshots: no article needs to be read to restore it. */
export interface FacetStoreState {
  arrays: Record<'docValueStart' | 'docValues' | 'globalField' | 'globalLocal', Int32Array>;
  /** Values of each column, in the schema's `facetFields` order. */
  values: string[][];
}

export class FacetStore {
  readonly columns: FacetColumn[];
  readonly byField: Map<string, FacetColumn>;
  /** docValueStart[d] … docValueStart[d + 1]: document d's global value ids in `docValues`. */
  readonly docValueStart = new GrowableArray(Int32Array);
  readonly docValues = new GrowableArray(Int32Array);
  /** Field index and local value id of each global value id. */
  readonly globalField = new GrowableArray(Int32Array, 256);
  readonly globalLocal = new GrowableArray(Int32Array, 256);
  /** Documents added and not removed. */
  private numLive = 0;
  /** Bumped by every add and remove, so that {@link countingRows} knows when to rebuild. */
  private changes = 0;
  private counting: { rows: CountingRows; changes: number } | undefined;

  /** A store for the facet fields of `schema`: the kept default ones, then declared keyword fields. */
  constructor(schema: ResolvedSchema = DEFAULT_SCHEMA) {
    this.columns = schema.facetFields.map((field, index) => ({
      field,
      index,
      declared: schema.byName.has(field),
      valueIds: new Map<string, number>(),
      values: [],
      globalIds: [],
      valueDocs: [],
      liveCount: [],
    }));
    this.byField = new Map(this.columns.map((c) => [c.field, c]));
    this.docValueStart.push(0);
  }

  /** Number of global value ids. */
  get numValues(): number {
    return this.globalField.length;
  }

  /** Records the facet values of document `doc`, which must be the next document id. */
  add(doc: number, article: Article): void {
    if (doc !== this.docValueStart.length - 1) throw new Error(`internal: facet store expected document ${this.docValueStart.length - 1}, got ${doc}`);
    for (const col of this.columns) {
      for (const v of articleFacetValues(article, col.field, col.declared)) {
        let id = col.valueIds.get(v);
        if (id === undefined) {
          id = col.values.length;
          col.valueIds.set(v, id);
          col.values.push(v);
          col.globalIds.push(this.globalField.length);
          this.globalField.push(col.index);
          this.globalLocal.push(id);
          col.valueDocs.push([]);
          col.liveCount.push(0);
        }
        col.valueDocs[id].push(doc);
        col.liveCount[id]++;
        this.docValues.push(col.globalIds[id]);
      }
    }
    this.docValueStart.push(this.docValues.length);
    this.numLive++;
    this.changes++;
  }

  /**
   * The documents' values for counting a match set of live documents (see {@link CountingRows}),
   * rebuilt on first use after a change (0.7 ms and 0.3 MB on Reuters).
   *
   * A value every document carries costs an increment per matched document and tells nothing
   * until counted, yet its count is simply the number of matches: on Reuters `publisher` and
   * `source` are two of the five values of an average article, and leaving them out of the rows
   * takes ~15% off a facet count of a typical match set.
   */
  countingRows(): CountingRows {
    if (this.counting?.changes === this.changes) return this.counting.rows;
    const shared: number[] = [];
    const isShared = new Uint8Array(this.numValues);
    if (this.numLive > 0) {
      for (const col of this.columns) {
        col.liveCount.forEach((n, id) => {
          if (n === this.numLive) {
            shared.push(col.globalIds[id]);
            isShared[col.globalIds[id]] = 1;
          }
        });
      }
    }
    const numDocs = this.docValueStart.length - 1;
    const from = this.docValueStart.data;
    const all = this.docValues.data;
    const start = new Int32Array(numDocs + 1);
    let kept = 0;
    for (let j = 0; j < this.docValues.length; j++) if (isShared[all[j]] === 0) kept++;
    const values = new Int32Array(kept);
    let n = 0;
    for (let d = 0; d < numDocs; d++) {
      for (let j = from[d], e = from[d + 1]; j < e; j++) {
        const v = all[j];
        if (isShared[v] === 0) values[n++] = v;
      }
      start[d + 1] = n;
    }
    const rows: CountingRows = { start, values, shared: Int32Array.from(shared) };
    this.counting = { rows, changes: this.changes };
    return rows;
  }

  /** The store's state as plain arrays. */
  exportState(): FacetStoreState {
    const view = (g: GrowableArray<Int32Array>): Int32Array => g.data.subarray(0, g.length);
    return {
      arrays: {
        docValueStart: view(this.docValueStart),
        docValues: view(this.docValues),
        globalField: view(this.globalField),
        globalLocal: view(this.globalLocal),
      },
      values: this.columns.map((c) => c.values),
    };
  }

  /** Restores an exported state into this empty store; `alive` says which documents count. */
  importState(s: FacetStoreState, alive: Uint8Array): void {
    if (this.docValueStart.length > 1) throw new Error('internal: facet store import into a non-empty store');
    const fill = (g: GrowableArray<Int32Array>, a: Int32Array): void => {
      g.resize(a.length);
      g.data.set(a);
    };
    fill(this.docValueStart, s.arrays.docValueStart);
    fill(this.docValues, s.arrays.docValues);
    fill(this.globalField, s.arrays.globalField);
    fill(this.globalLocal, s.arrays.globalLocal);
    this.columns.forEach((col, c) => {
      (s.values[c] ?? []).forEach((v, id) => {
        col.valueIds.set(v, id);
        col.values.push(v);
        col.globalIds.push(-1);
        col.valueDocs.push([]);
        col.liveCount.push(0);
      });
    });
    const field = this.globalField.data;
    const local = this.globalLocal.data;
    for (let g = 0; g < this.globalField.length; g++) this.columns[field[g]].globalIds[local[g]] = g;
    const start = this.docValueStart.data;
    const values = this.docValues.data;
    for (let d = 0; d + 1 < this.docValueStart.length; d++) {
      if (alive[d]) this.numLive++;
      for (let j = start[d]; j < start[d + 1]; j++) {
        const col = this.columns[field[values[j]]];
        const id = local[values[j]];
        col.valueDocs[id].push(d);
        if (alive[d]) col.liveCount[id]++;
      }
    }
    this.changes++;
  }

  /** Takes document `doc` out of the live counts. */
  remove(doc: number): void {
    const start = this.docValueStart.data;
    const values = this.docValues.data;
    for (let j = start[doc]; j < start[doc + 1]; j++) {
      const g = values[j];
      this.columns[this.globalField.data[g]].liveCount[this.globalLocal.data[g]]--;
    }
    this.numLive--;
    this.changes++;
  }
}
