/**
 * Evaluates a bound query tree to the set of documents it matches, and the proximity evidence
 * (phrase, NEAR and SAME frequencies) that adds to their scores. Boolean clauses combine
 * per-document flags; phrases, NEAR and SAME are answered from the index's token positions,
 * inside one paragraph, the title or one field text (a declared text field's value), never
 * across two. A clause scoped to the title or to one text field (`standfirst:"a phrase"`) looks
 * only there; a clause combining items of two different scopes matches nowhere.
 *
 * Term-at-a-time like the evaluator: a unit (paragraph, title or field text) is a candidate only when every
 * word of the clause has a posting in it, found by stamping units word after word; positions
 * are then read for those few units only.
 */
import type { InvertedIndex } from '../index/inverted-index.js';
import type { BoundNode, BoundPositional } from './bind-query.js';

/** A posting table with positions (the index's `art` for titles, `para` for paragraphs, `fieldTexts`). */
interface PositionedPostings {
  readonly offsets: Int32Array;
  readonly ids: Int32Array;
  readonly positions: ArrayLike<number>;
  posStart(i: number): number;
  posEnd(i: number): number;
  lowerBound(term: number, id: number): number;
}

/** A span of positions `[start, end]` (inclusive) where a clause occurs in one unit. */
type Spans = number[]; // flattened start, end pairs, ascending by start

/** Per-document occurrence counts of one proximity clause, in titles, in paragraphs and in field texts. */
export interface ProximityCounts {
  docs: number[];
  title: Float64Array;
  body: Float64Array;
  /** The field texts holding the clause, and how often (parallel lists; a field text's document is the index's `fieldTextDoc`). */
  fieldTexts: number[];
  fieldTextCounts: number[];
}

export class TreeMatcher {
  private gen = 0;
  private unitGen = new Int32Array(0);
  // A phrase is found once per query even though it both filters and scores.
  private readonly cache = new Map<BoundNode, ProximityCounts>();

  constructor(private readonly ix: InvertedIndex) {}

  /** Documents (live only) matching `node`: 1 where it matches. */
  match(node: BoundNode): Uint8Array {
    const nd = this.ix.numDocs;
    switch (node.kind) {
      case 'pos':
        if (node.slots.length === 1) return this.termFlags(node, nd);
        return this.flags(this.proximity(node).docs, nd);
      case 'near':
      case 'same':
        return this.flags(this.proximity(node).docs, nd);
      case 'field': {
        const out = new Uint8Array(nd);
        const alive = this.ix.alive.data;
        for (const list of node.docLists) for (const d of list) if (alive[d]) out[d] = 1;
        return out;
      }
      case 'bool': {
        // Filters do not make the optional clauses optional: `oil topics:crude` is "oil", filtered.
        let out: Uint8Array;
        if (node.must.length === 0 && node.should.length > 0) {
          out = this.match(node.should[0]);
          for (let k = 1; k < node.should.length; k++) or(out, this.match(node.should[k]));
        } else out = this.ix.alive.data.slice(0, nd); // with no clause but exclusions: everything except
        for (const x of node.must) and(out, this.match(x));
        for (const x of node.filter) and(out, this.match(x));
        for (const x of node.mustNot) andNot(out, this.match(x));
        return out;
      }
    }
  }

  /**
   * The documents matching `node` as lists of ids, without a pass over every document when the
   * node is a word, a phrase, NEAR, SAME or a field value (a group falls back to {@link match}).
   * Lists may repeat a document and may hold removed ones: for excluding, not counting.
   */
  matchLists(node: BoundNode): ArrayLike<number>[] {
    switch (node.kind) {
      case 'pos':
        if (node.slots.length === 1 && node.field === 'any') {
          // Straight views of the article postings: every posting is a document holding the word.
          const art = this.ix.art;
          return (node.slots[0] ?? []).map((t) => art.ids.subarray(art.offsets[t], art.offsets[t + 1]));
        }
        return [this.proximity(node).docs];
      case 'near':
      case 'same':
        return [this.proximity(node).docs];
      case 'field':
        return [...node.docLists];
      case 'bool': {
        const flags = this.match(node);
        const docs: number[] = [];
        for (let d = 0; d < flags.length; d++) if (flags[d]) docs.push(d);
        return [docs];
      }
    }
  }

  /** Documents holding a word (or a prefix's words), straight from the article (or a text field's) postings. */
  private termFlags(node: BoundPositional, nd: number): Uint8Array {
    const out = new Uint8Array(nd);
    const { art, alive } = this.ix;
    const live = alive.data;
    if (node.field !== 'any' && node.field !== 'title') {
      for (const d of this.proximity(node).docs) out[d] = 1;
      return out;
    }
    const tfTitle = art.cols[1];
    const titleOnly = node.field === 'title';
    for (const t of node.slots[0] ?? []) {
      for (let i = art.offsets[t], e = art.offsets[t + 1]; i < e; i++) {
        if (titleOnly && tfTitle[i] === 0) continue;
        const d = art.ids[i];
        out[d] = live[d];
      }
    }
    return out;
  }

  private flags(docs: readonly number[], nd: number): Uint8Array {
    const out = new Uint8Array(nd);
    for (const d of docs) out[d] = 1;
    return out;
  }

  /**
   * Occurrences per document of a positional clause, NEAR or SAME. A one-word clause is answered
   * from the article postings alone (its count is the term frequency); the others from positions.
   */
  proximity(node: BoundNode): ProximityCounts {
    if (node.kind === 'field' || node.kind === 'bool') throw new Error('internal: not a positional clause');
    const cached = this.cache.get(node);
    if (cached) return cached;
    const res = this.occurrences(node);
    this.cache.set(node, res);
    return res;
  }

  /** Forgets the occurrences of the previous query's clauses. */
  reset(): void {
    this.cache.clear();
  }

  private occurrences(node: Exclude<BoundNode, { kind: 'field' | 'bool' }>): ProximityCounts {
    const ix = this.ix;
    const nd = ix.numDocs;
    const res: ProximityCounts = { docs: [], title: new Float64Array(nd), body: new Float64Array(nd), fieldTexts: [], fieldTextCounts: [] };
    const alive = ix.alive.data;
    const seen = new Uint8Array(nd);
    if (node.kind === 'pos' && node.slots.length === 1 && (node.field === 'any' || node.field === 'title')) {
      // A word's documents (for matching only: field-text occurrences are not counted here).
      const art = ix.art;
      const tfBody = art.cols[0];
      const tfTitle = art.cols[1];
      for (const t of node.slots[0] ?? []) {
        for (let i = art.offsets[t], e = art.offsets[t + 1]; i < e; i++) {
          const d = art.ids[i];
          if (!alive[d] || (node.field === 'title' && tfTitle[i] === 0)) continue;
          if (!seen[d]) {
            seen[d] = 1;
            res.docs.push(d);
          }
          res.title[d] += tfTitle[i];
          if (node.field === 'any') res.body[d] += tfBody[i];
        }
      }
      return res;
    }
    const items: BoundPositional[] = node.kind === 'pos' ? [node] : node.kind === 'near' ? [node.left, node.right] : node.items;
    const count = (spans: Spans[]): number => {
      if (node.kind === 'pos') return spans[0].length / 2;
      if (spans.some((s) => s.length === 0)) return 0;
      if (node.kind === 'same') return 1;
      return node.kind === 'near' ? nearCount(spans[0], spans[1], node.distance) : 0;
    };
    const found = (d: number): void => {
      if (!seen[d]) {
        seen[d] = 1;
        res.docs.push(d);
      }
    };
    // The one scope the items share beyond `any` (`any` when none has one; null for two scopes).
    let scope: string | null = 'any';
    for (const it of items) if (it.field !== 'any') scope = scope === 'any' || scope === it.field ? it.field : null;
    if (scope === null) return res;
    // Titles: unless an item is scoped to a text field. Paragraphs: only when no item is scoped.
    if (scope === 'any' || scope === 'title') {
      this.units(ix.art, items, ix.numDocs, (d) => alive[d] === 1, count, (d, n) => {
        found(d);
        res.title[d] += n;
      }, true);
    }
    if (scope !== 'title' && ix.fieldTexts.numTerms > 0) {
      // Field texts: all of them for unscoped items, else those of the one field.
      const field = scope === 'any' ? -1 : ix.textFields.indexOf(scope);
      const ftDoc = ix.fieldTextDoc.data;
      const ftField = ix.fieldTextField.data;
      if (scope === 'any' || field >= 0) {
        this.units(ix.fieldTexts, items, ftDoc.length, (k) => alive[ftDoc[k]] === 1 && (field < 0 || ftField[k] === field), count, (k, n) => {
          found(ftDoc[k]);
          res.fieldTexts.push(k);
          res.fieldTextCounts.push(n);
        }, false);
      }
    }
    if (scope === 'any') {
      const paraDoc = ix.paraDoc.data;
      this.units(ix.para, items, paraDoc.length, (p) => alive[paraDoc[p]] === 1, count, (p, n) => {
        const d = paraDoc[p];
        found(d);
        res.body[d] += n;
      }, false);
    }
    return res;
  }

  /**
   * Finds the units of `table` holding every word of `items`, reads the items' spans there and
   * reports `count(spans)` per unit where it is positive.
   */
  private units(
    table: PositionedPostings,
    items: readonly BoundPositional[],
    numUnits: number,
    live: (unit: number) => boolean,
    count: (spans: Spans[]) => number,
    report: (unit: number, n: number) => void,
    titles: boolean,
  ): void {
    if (this.unitGen.length < numUnits) this.unitGen = new Int32Array(Math.max(numUnits, 16));
    const ug = this.unitGen;
    const lists: (readonly number[])[] = [];
    for (const it of items) for (const s of it.slots) if (s) lists.push(s);
    // Rarest word first: the later, longer lists then only confirm units already found.
    const size = (ids: readonly number[]): number => ids.reduce((n, t) => n + table.offsets[t + 1] - table.offsets[t], 0);
    lists.sort((a, b) => size(a) - size(b));
    // In the title table a posting counts only when the word is in the title.
    const counts = (i: number): boolean => !titles || table.posEnd(i) > table.posStart(i);
    let candidates: number[] = [];
    let gen = ++this.gen;
    for (const t of lists[0] ?? []) {
      for (let i = table.offsets[t], e = table.offsets[t + 1]; i < e; i++) {
        const u = table.ids[i];
        if (ug[u] !== gen && counts(i)) {
          ug[u] = gen;
          candidates.push(u);
        }
      }
    }
    for (let k = 1; k < lists.length && candidates.length > 0; k++) {
      const ids = lists[k];
      const next: number[] = [];
      if (candidates.length * 20 < size(ids)) {
        // Few candidates against a long list (a common word): look each one up by binary search.
        for (const u of candidates) {
          for (const t of ids) {
            const i = table.lowerBound(t, u);
            if (i < table.offsets[t + 1] && table.ids[i] === u && counts(i)) {
              next.push(u);
              break;
            }
          }
        }
        // Only the survivors carry the current mark, for a scanning round after this one.
        gen = ++this.gen;
        for (const u of next) ug[u] = gen;
      } else {
        const mark = gen;
        gen = ++this.gen;
        for (const t of ids) {
          for (let i = table.offsets[t], e = table.offsets[t + 1]; i < e; i++) {
            const u = table.ids[i];
            if (ug[u] === mark && counts(i)) {
              ug[u] = gen;
              next.push(u);
            }
          }
        }
      }
      candidates = next;
    }
    for (const u of candidates) {
      if (!live(u)) continue;
      const spans = items.map((it) => this.spans(table, it, u));
      const n = count(spans);
      if (n > 0) report(u, n);
    }
  }

  /** Sorted positions of any of `ids` in unit `u`. */
  private positionsIn(table: PositionedPostings, ids: readonly number[], u: number): number[] {
    const out: number[] = [];
    for (const t of ids) {
      const i = table.lowerBound(t, u);
      if (i >= table.offsets[t + 1] || table.ids[i] !== u) continue;
      for (let j = table.posStart(i), e = table.posEnd(i); j < e; j++) out.push(table.positions[j]);
    }
    if (ids.length > 1) out.sort((a, b) => a - b);
    return out;
  }

  /** Where a positional clause occurs in unit `u`: its spans, as flattened (start, end) pairs. */
  private spans(table: PositionedPostings, it: BoundPositional, u: number): Spans {
    const first = this.positionsIn(table, it.slots[0] ?? [], u);
    const width = it.slots.length;
    if (width === 1) return first.flatMap((p) => [p, p]);
    const rest = it.slots.map((ids) => (ids ? new Set(this.positionsIn(table, ids, u)) : null));
    const out: Spans = [];
    for (const p of first) {
      let ok = true;
      for (let k = 1; k < width && ok; k++) {
        const set = rest[k];
        if (set && !set.has(p + k)) ok = false;
      }
      if (ok) out.push(p, p + width - 1);
    }
    return out;
  }
}

/** How many spans of `a` have a span of `b` within `distance` positions (gap between them). */
function nearCount(a: Spans, b: Spans, distance: number): number {
  let n = 0;
  for (let i = 0; i < a.length; i += 2) {
    for (let j = 0; j < b.length; j += 2) {
      const gap = Math.max(b[j] - a[i + 1], a[i] - b[j + 1]);
      if (gap <= distance) {
        n++;
        break;
      }
    }
  }
  return n;
}

function and(out: Uint8Array, x: Uint8Array): void {
  for (let i = 0; i < out.length; i++) out[i] &= x[i];
}

function or(out: Uint8Array, x: Uint8Array): void {
  for (let i = 0; i < out.length; i++) out[i] |= x[i];
}

function andNot(out: Uint8Array, x: Uint8Array): void {
  for (let i = 0; i < out.length; i++) if (x[i]) out[i] = 0;
}
