/**
 * A straightforward evaluation of query trees over the analysed text of each article, with no
 * index: the yardstick the engine's match sets are checked against. Every unit (the title, each
 * paragraph, each declared text field's value) is analysed into tokens with positions, and each
 * construct is checked by its definition: a clause scoped to the title or to a text field looks
 * only in units of that kind.
 */
import { expect } from 'chai';
import type { Analyzer, Article, SchemaDefinition, SearchIndex } from '../../lib/index.js';
import type { PositionalNode, QueryNode } from '../../lib/query/query-node.js';

interface RefToken {
  term: string;
  norm: string;
  pos: number;
}
interface RefUnit {
  title: boolean;
  /** The declared text field whose value this unit is; undefined for the title and paragraphs. */
  field?: string;
  tokens: RefToken[];
}
export interface RefDoc {
  article: Article;
  units: RefUnit[];
  /** Every document of the collection, for prefix expansion. */
  all: RefDoc[];
  analyzer: Analyzer;
  prefixCache: Map<string, Set<string>>;
}

/** The reference documents of `articles`; `textFields` are the declared text fields (`fields[name]` strings). */
export function refDocs(articles: readonly Article[], analyzer: Analyzer, textFields: readonly string[] = []): RefDoc[] {
  const unit = (text: string, title: boolean, field?: string): RefUnit => ({
    title,
    ...(field !== undefined ? { field } : {}),
    tokens: analyzer.analyze(text).map((t) => ({ term: t.term, norm: analyzer.normalize(text.slice(t.start, t.end)), pos: t.position })),
  });
  const all: RefDoc[] = [];
  const prefixCache = new Map<string, Set<string>>();
  for (const article of articles) {
    const texts = textFields.flatMap((f) => {
      const v = article.fields?.[f];
      return typeof v === 'string' && v !== '' ? [unit(v, false, f)] : [];
    });
    all.push({ article, units: [unit(article.title, true), ...article.paragraphs.map((p) => unit(p, false)), ...texts], all, analyzer, prefixCache });
  }
  return all;
}

/**
 * The terms a prefix stands for: those of every word in the collection that starts with it, and
 * the prefix's own term (prefixes match index terms, so "negotiat*" also finds "negotiable",
 * which shares the stem "negoti" with "negotiate").
 */
function prefixTerms(doc: RefDoc, prefix: string): Set<string> {
  let set = doc.prefixCache.get(prefix);
  if (set) return set;
  set = new Set<string>();
  for (const d of doc.all) for (const u of d.units) for (const t of u.tokens) if (t.norm.startsWith(prefix)) set.add(t.term);
  const own = doc.analyzer.term(prefix);
  if (own !== undefined) set.add(own);
  doc.prefixCache.set(prefix, set);
  return set;
}

/** [start, end] position spans of a positional clause in one unit. */
function spans(n: PositionalNode, u: RefUnit, doc: RefDoc): [number, number][] {
  if (n.field === 'title' && !u.title) return [];
  if (n.field !== 'title' && n.field !== 'any' && u.field !== n.field) return [];
  const at = (pos: number): RefToken | undefined => u.tokens.find((t) => t.pos === pos);
  if (n.kind === 'term') return u.tokens.filter((t) => t.term === n.term).map((t) => [t.pos, t.pos]);
  if (n.kind === 'prefix') {
    const terms = prefixTerms(doc, n.prefix);
    return u.tokens.filter((t) => terms.has(t.term)).map((t) => [t.pos, t.pos]);
  }
  const last = n.prefix === null ? null : prefixTerms(doc, n.prefix);
  const width = n.terms.length + (n.prefix !== null ? 1 : 0);
  const out: [number, number][] = [];
  for (const t of u.tokens) {
    const ok = n.terms.every((term, k) => term === null || at(t.pos + k)?.term === term)
      && (last === null || last.has(at(t.pos + n.terms.length)?.term ?? ''));
    if (ok) out.push([t.pos, t.pos + width - 1]);
  }
  return out;
}

function inUnit(n: PositionalNode[], u: RefUnit, doc: RefDoc): boolean {
  return n.every((x) => spans(x, u, doc).length > 0);
}

/** Whether the article matches the tree; `matchAll`: words side by side are all required. */
export function refMatches(n: QueryNode, doc: RefDoc, matchAll: boolean): boolean {
  switch (n.kind) {
    case 'term':
    case 'prefix':
    case 'phrase':
      return doc.units.some((u) => spans(n, u, doc).length > 0);
    case 'near':
      return doc.units.some((u) => spans(n.left, u, doc).some(([s1, e1]) => spans(n.right, u, doc).some(([s2, e2]) => Math.max(s2 - e1, s1 - e2) <= n.distance)));
    case 'same':
      return doc.units.some((u) => inUnit(n.items, u, doc));
    case 'field': {
      const v = doc.article[n.field as keyof typeof doc.article] ?? doc.article.fields?.[n.field];
      return Array.isArray(v) ? v.includes(n.value) : v === n.value;
    }
    case 'bool': {
      const must = matchAll && n.op === 'juxt' ? [...n.must, ...n.should] : n.must;
      const should = matchAll && n.op === 'juxt' ? [] : n.should;
      if (!must.every((x) => refMatches(x, doc, matchAll))) return false;
      if (!n.filter.every((x) => refMatches(x, doc, matchAll))) return false;
      if (n.mustNot.some((x) => refMatches(x, doc, matchAll))) return false;
      return must.length > 0 || should.length === 0 || should.some((x) => refMatches(x, doc, matchAll));
    }
  }
}

/** Compares an index's match set for a query with the reference's; returns the (sorted) ids. */
export type ReferenceCheck = (q: string, matchAll?: boolean) => string[];

/**
 * A {@link ReferenceCheck} over the index and reference documents `state()` gives (read at each
 * call, so they may be built in a `before` hook); `parse` gives a query's tree as the index reads it.
 */
export function referenceCheck(
  state: () => { index: SearchIndex<SchemaDefinition>; docs: readonly RefDoc[] },
  parse: (q: string) => QueryNode | null,
): ReferenceCheck {
  return (q, matchAll = false) => {
    const { index, docs } = state();
    const r = index.search(q, { limit: Math.max(1, docs.length), snippets: 0, highlight: false, match: matchAll ? 'all' : 'any' });
    expect(r.hits.length).to.equal(r.total);
    const ids = r.hits.map((h) => h.id).sort();
    const root = parse(q);
    const expected = root === null ? [] : docs.filter((d) => refMatches(root, d, matchAll)).map((d) => d.article.id).sort();
    expect(ids, `${q}${matchAll ? ' (match all)' : ''}`).to.deep.equal(expected);
    return ids;
  };
}

/** One test per `[what, query]` example: it matches something, and the reference's set, with and without `match: 'all'`. */
export function itMatchesExamples(examples: readonly (readonly [string, string])[], check: ReferenceCheck): void {
  for (const [what, q] of examples) {
    it(`matches ${what}: ${q}`, () => {
      expect(check(q).length, 'the example should match something').to.be.greaterThan(0);
      check(q, true);
    });
  }
}
