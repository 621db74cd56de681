/**
 * Binds a query tree to an index (tantivy's `Query::weight`): words become term ids, prefixes
 * their expansions, field clauses the documents carrying the value. Also decides whether the
 * query is a plain bag of words, which the evaluator answers on its fast path alone, and checks
 * the documented limits on a query's size.
 */
import type { Analyzer } from '../analysis/analyzer.js';
import { InvalidQueryError } from '../errors.js';
import type { FacetStore } from '../facets/facet-store.js';
import type { TermDictionary } from '../index/term-dictionary.js';
import type { HighlightQuery } from '../highlight/highlight-query.js';
import type { BoolNode, FieldNode, PositionalNode, QueryNode, TextField } from '../query/query-node.js';

/** How many vocabulary terms one prefix (`missil*`) may expand to: the most frequent ones. */
export const MAX_PREFIX_EXPANSIONS = 50;
/**
 * Most word clauses one query may hold (words, phrase words, prefixes, field clauses), counted
 * after parsing. Past it the query is refused with `query_too_complex`: a pasted article is not a
 * query, and each clause costs a pass over its postings.
 */
export const MAX_QUERY_CLAUSES = 64;
/**
 * Most vocabulary terms all the prefixes of one query may expand to together. Past it the query
 * is refused with `query_too_complex` (four prefixes of 50 expansions fit).
 */
export const MAX_QUERY_EXPANSIONS = 200;

/** One scored query word (or prefix): the unit of the fast path and of coordination. */
export interface QuerySlot {
  /** The analysed term (for a prefix, the normalised prefix followed by `*`). */
  key: string;
  /** Term ids the slot matches; empty when the word is not in the index. */
  termIds: number[];
  /** Number of times the word occurs among the query's scored clauses. */
  weight: number;
  /** The word as typed. */
  text: string;
  prefix: boolean;
}

/** A positional clause bound to term ids: one id list per slot, null for a stop-word gap. */
export interface BoundPositional {
  kind: 'pos';
  field: TextField;
  slots: (readonly number[] | null)[];
}

/** A query tree node bound to an index. */
export type BoundNode =
  | BoundPositional
  | { kind: 'near'; distance: number; left: BoundPositional; right: BoundPositional }
  | { kind: 'same'; items: BoundPositional[] }
  | { kind: 'field'; docLists: readonly (readonly number[])[] }
  | { kind: 'bool'; must: BoundNode[]; should: BoundNode[]; mustNot: BoundNode[]; filter: BoundNode[] };

/** A field clause the evaluator applies as a filter, counting facets as the `filters` option does. */
export interface TopFilter {
  field: string;
  docLists: readonly (readonly number[])[];
}

/** A query bound to an index. */
export interface BoundQuery {
  /**
   * What a document must satisfy beyond the top filters; null when the scored slots decide the
   * match set themselves (a plain bag of words, or nothing but filters: browsing).
   */
  match: BoundNode | null;
  /** For a plain query: whether every slot is required (`match: 'all'`, or `a AND b`). */
  matchAll: boolean;
  /** Scored words of every clause that is not excluded. */
  slots: QuerySlot[];
  /** Field clauses of the top level, applied like the `filters` option. */
  topFilters: TopFilter[];
  /** Phrases, NEARs and SAMEs that are not excluded: their matches add to the score. */
  proximity: BoundNode[];
  /** What to mark in titles and in paragraphs (`title:` clauses are marked only in titles). */
  highlightTitle: HighlightQuery;
  highlightBody: HighlightQuery;
  /**
   * What to mark in each declared text field's texts: the unscoped words and phrases, and those
   * scoped to that field (`standfirst:budget`). One entry per {@link BindContext.textFields}.
   */
  highlightFields: ReadonlyMap<string, HighlightQuery>;
}

/** What binding needs from the engine. */
export interface BindContext {
  analyzer: Pick<Analyzer, 'term'>;
  dict: TermDictionary;
  df: ArrayLike<number>;
  facets: FacetStore;
  /** Fields the `filters` option already filters on (their clauses stay in the tree). */
  optionFilterFields: ReadonlySet<string>;
  matchAll: boolean;
  /** The index's declared text fields (default none). */
  textFields?: readonly string[];
}

/** Documents carrying one of a field's values: exactly as `filters` matches, else ignoring case. */
export function valueDocLists(facets: FacetStore, field: string, values: readonly string[]): number[][] {
  const col = facets.byField.get(field);
  if (!col) return [];
  const out: number[][] = [];
  for (const v of values) {
    const id = col.valueIds.get(v);
    if (id !== undefined) {
      out.push(col.valueDocs[id]);
      continue;
    }
    const lower = v.toLowerCase();
    col.values.forEach((value, i) => {
      if (value.toLowerCase() === lower) out.push(col.valueDocs[i]);
    });
  }
  return out;
}

class Binder {
  private readonly slots = new Map<string, QuerySlot>();
  private clauses = 0;
  private expansions = 0;
  readonly proximity: BoundNode[] = [];
  readonly titleTerms = new Set<string>();
  readonly bodyTerms = new Set<string>();
  readonly titlePhrases: (ReadonlySet<string> | null)[][] = [];
  readonly bodyPhrases: (ReadonlySet<string> | null)[][] = [];
  /** Terms and phrases of clauses scoped to one declared text field, by field. */
  fieldTerms: Map<string, Set<string>> | undefined;
  fieldPhrases: Map<string, (ReadonlySet<string> | null)[][]> | undefined;

  constructor(private readonly c: BindContext) {}

  slotList(): QuerySlot[] {
    return [...this.slots.values()];
  }

  /** Counts clauses against {@link MAX_QUERY_CLAUSES}. */
  count(n: number): void {
    this.clauses += n;
    if (this.clauses > MAX_QUERY_CLAUSES) {
      throw new InvalidQueryError(`the query has more than ${MAX_QUERY_CLAUSES} words and clauses`, {
        parameter: 'q', limit: MAX_QUERY_CLAUSES,
      }, 'query_too_complex');
    }
  }

  private termIds(term: string): number[] {
    const id = this.c.dict.get(term);
    return id >= 0 && this.c.df[id] > 0 ? [id] : [];
  }

  private prefixIds(prefix: string): number[] {
    const { dict, df } = this.c;
    const ids = new Set<number>(dict.prefix(prefix, MAX_PREFIX_EXPANSIONS * 4));
    // The stem of the prefix itself ("missil" for "missile*"), which the display forms may not start with.
    const exact = this.c.analyzer.term(prefix);
    if (exact !== undefined) {
      const id = dict.get(exact);
      if (id >= 0) ids.add(id);
    }
    const list = [...ids].filter((id) => df[id] > 0).sort((a, b) => df[b] - df[a]).slice(0, MAX_PREFIX_EXPANSIONS);
    this.expansions += list.length;
    if (this.expansions > MAX_QUERY_EXPANSIONS) {
      throw new InvalidQueryError(`the query's prefixes expand to more than ${MAX_QUERY_EXPANSIONS} words`, {
        parameter: 'q', limit: MAX_QUERY_EXPANSIONS,
      }, 'query_too_complex');
    }
    return list;
  }

  private addSlot(key: string, termIds: number[], text: string, prefix: boolean, scored: boolean): void {
    if (!scored) return;
    const s = this.slots.get(key);
    if (s) s.weight++;
    else this.slots.set(key, { key, termIds, weight: 1, text, prefix });
  }

  /** The highlight terms and phrases of a clause's scope: unscoped clauses are the body's (and mirrored elsewhere). */
  private scopeSets(field: string): { terms: Set<string>; phrases: (ReadonlySet<string> | null)[][] } {
    if (field === 'title') return { terms: this.titleTerms, phrases: this.titlePhrases };
    if (field === 'any') return { terms: this.bodyTerms, phrases: this.bodyPhrases };
    this.fieldTerms ??= new Map();
    this.fieldPhrases ??= new Map();
    let terms = this.fieldTerms.get(field);
    let phrases = this.fieldPhrases.get(field);
    if (!terms) this.fieldTerms.set(field, (terms = new Set()));
    if (!phrases) this.fieldPhrases.set(field, (phrases = []));
    return { terms, phrases };
  }

  /** Binds a positional clause; `scored` when it is not under an exclusion. */
  positional(n: PositionalNode, scored: boolean): BoundPositional {
    const terms = scored ? this.scopeSets(n.field).terms : null;
    const pattern: (ReadonlySet<string> | null)[] = [];
    const slots: (readonly number[] | null)[] = [];
    const add = (ids: number[], key: string): void => {
      slots.push(ids);
      const set = new Set<string>(ids.map((id) => this.c.dict.terms[id]));
      if (!key.endsWith('*')) set.add(key);
      pattern.push(set);
    };
    if (n.kind === 'term') {
      this.count(1);
      const ids = this.termIds(n.term);
      this.addSlot(n.term, ids, n.text, false, scored);
      terms?.add(n.term);
      return { kind: 'pos', field: n.field, slots: [ids] };
    }
    if (n.kind === 'prefix') {
      this.count(1);
      const ids = this.prefixIds(n.prefix);
      this.addSlot(`${n.prefix}*`, ids, `${n.prefix}*`, true, scored);
      if (terms) for (const id of ids) terms.add(this.c.dict.terms[id]);
      return { kind: 'pos', field: n.field, slots: [ids] };
    }
    for (const t of n.terms) {
      if (t === null) {
        slots.push(null);
        pattern.push(null);
        continue;
      }
      this.count(1);
      const ids = this.termIds(t);
      this.addSlot(t, ids, t, false, scored);
      add(ids, t);
    }
    if (n.prefix !== null) {
      this.count(1);
      const ids = this.prefixIds(n.prefix);
      this.addSlot(`${n.prefix}*`, ids, `${n.prefix}*`, true, scored);
      add(ids, `${n.prefix}*`);
    }
    if (scored) this.scopeSets(n.field).phrases.push(pattern);
    if (scored && n.field === 'any') this.titlePhrases.push(pattern);
    return { kind: 'pos', field: n.field, slots };
  }

  node(n: QueryNode, scored: boolean): BoundNode {
    switch (n.kind) {
      case 'term':
      case 'prefix':
      case 'phrase': {
        const b = this.positional(n, scored);
        if (n.kind === 'phrase' && scored) this.proximity.push(b);
        if (scored && n.field === 'any' && n.kind !== 'phrase') this.mirrorTitle(b);
        return b;
      }
      case 'near': {
        const b: BoundNode = { kind: 'near', distance: n.distance, left: this.item(n.left, scored), right: this.item(n.right, scored) };
        if (scored) this.proximity.push(b);
        return b;
      }
      case 'same': {
        const b: BoundNode = { kind: 'same', items: n.items.map((x) => this.item(x, scored)) };
        if (scored) this.proximity.push(b);
        return b;
      }
      case 'field':
        this.count(1);
        return this.field(n);
      case 'bool':
        return this.bool(n, scored);
    }
  }

  /** An item of NEAR or SAME: its words are marked wherever they occur. */
  private item(n: PositionalNode, scored: boolean): BoundPositional {
    const b = this.positional(n, scored);
    if (scored && n.field === 'any' && n.kind !== 'phrase') this.mirrorTitle(b);
    return b;
  }

  /** A word of the whole article is marked in the title too. */
  private mirrorTitle(b: BoundPositional): void {
    for (const ids of b.slots) if (ids) for (const id of ids) this.titleTerms.add(this.c.dict.terms[id]);
  }

  field(n: FieldNode): BoundNode {
    return { kind: 'field', docLists: valueDocLists(this.c.facets, n.field, [n.value]) };
  }

  bool(n: BoolNode, scored: boolean): BoundNode {
    // Under match: 'all', words side by side are all required.
    const allRequired = n.op === 'juxt' && this.c.matchAll;
    const should = n.should.map((x) => this.node(x, scored));
    const must = n.must.map((x) => this.node(x, scored));
    return {
      kind: 'bool',
      must: allRequired ? [...must, ...should] : must,
      should: allRequired ? [] : should,
      mustNot: n.mustNot.map((x) => this.node(x, false)),
      filter: n.filter.map((x) => {
        this.count(1);
        return this.field(x);
      }),
    };
  }
}

/** The highlight query of a binder's terms and phrases. */
function highlightOf(terms: Set<string>, phrases: (ReadonlySet<string> | null)[][]): HighlightQuery {
  return { terms, phrases };
}

const NO_FIELD_HIGHLIGHTS: ReadonlyMap<string, HighlightQuery> = new Map();

/** Per declared text field: the unscoped words and phrases (the body's), and the field's own. */
function fieldHighlights(b: Binder, textFields: readonly string[]): ReadonlyMap<string, HighlightQuery> {
  if (textFields.length === 0) return NO_FIELD_HIGHLIGHTS;
  const out = new Map<string, HighlightQuery>();
  for (const f of textFields) {
    const own = b.fieldTerms?.get(f);
    const phrases = b.fieldPhrases?.get(f);
    out.set(f, {
      terms: own ? new Set([...b.bodyTerms, ...own]) : b.bodyTerms,
      phrases: phrases ? [...b.bodyPhrases, ...phrases] : b.bodyPhrases,
    });
  }
  return out;
}

/**
 * Binds a parsed query tree. Throws InvalidQueryError `query_too_complex` past
 * {@link MAX_QUERY_CLAUSES} or {@link MAX_QUERY_EXPANSIONS}.
 */
export function bindQuery(root: QueryNode | null, c: BindContext): BoundQuery {
  const b = new Binder(c);
  const topFilters: TopFilter[] = [];
  let tree = root;
  // Field clauses at the top become filters, so facets count them as they count `filters`.
  if (tree?.kind === 'bool' && tree.op !== 'or' && tree.filter.length > 0) {
    const kept: FieldNode[] = [];
    const taken = new Set<string>(c.optionFilterFields);
    for (const f of tree.filter) {
      if (taken.has(f.field)) kept.push(f);
      else {
        taken.add(f.field);
        topFilters.push({ field: f.field, docLists: valueDocLists(c.facets, f.field, [f.value]) });
      }
    }
    tree = { ...tree, filter: kept };
  }
  const plain = tree === null ? null : plainWords(tree);
  let match: BoundNode | null = null;
  let matchAll = c.matchAll;
  if (plain) {
    for (const w of plain.words) b.node(w, true);
    matchAll = plain.all || c.matchAll;
  } else if (tree !== null) match = b.node(tree, true);
  b.count(topFilters.length);
  return {
    match,
    matchAll,
    slots: b.slotList(),
    topFilters,
    proximity: b.proximity,
    highlightTitle: highlightOf(b.titleTerms, b.titlePhrases),
    highlightBody: highlightOf(b.bodyTerms, b.bodyPhrases),
    highlightFields: fieldHighlights(b, c.textFields ?? []),
  };
}

/**
 * The words of a plain query, answered by the fast path alone: one word or prefix, words side
 * by side, or words all joined by AND (`all`); none of them scoped (`title:`, a text field). Null otherwise.
 */
function plainWords(n: QueryNode): { words: PositionalNode[]; all: boolean } | null {
  const isWord = (x: QueryNode): x is PositionalNode => (x.kind === 'term' || x.kind === 'prefix') && x.field === 'any';
  if (isWord(n)) return { words: [n], all: false };
  if (n.kind !== 'bool' || n.mustNot.length > 0 || n.filter.length > 0) return null;
  if (n.must.length === 0 && n.should.length === 0) return { words: [], all: false };
  if (n.op === 'juxt' && n.must.length === 0 && n.should.every(isWord)) return { words: n.should, all: false };
  if (n.op === 'and' && n.should.length === 0 && n.must.length > 0 && n.must.every(isWord)) return { words: n.must, all: true };
  return null;
}
