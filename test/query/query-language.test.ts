/**
 * The query language against a straightforward evaluation (test/query/reference-matcher.ts): for
 * every construct, and for random queries and random phrases drawn from the indexed articles,
 * the engine's match set equals the reference's, on an index with removed articles.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { createSearchIndex, InvalidQueryError, type Article, type Filters, type SearchIndex } from '../../lib/index.js';
import { parseQueryString } from '../../lib/query/parse-query-string.js';
import { syntheticCorpus, rng } from '../search/synthetic-corpus.js';
import { itMatchesExamples, refDocs, referenceCheck, type RefDoc } from './reference-matcher.js';

const all = syntheticCorpus(400, 7);
const removed = new Set(all.filter((_, i) => i % 9 === 4).map((a) => a.id));
const live = all.filter((a) => !removed.has(a.id));
let index: SearchIndex;
let docs: RefDoc[];

const check = referenceCheck(() => ({ index, docs }), (q) => parseQueryString(q, index.analyzer).root);

describe('query language against a reference evaluation', () => {
  before(() => {
    index = createSearchIndex();
    index.addAll(all);
    for (const id of removed) index.remove(id);
    docs = refDocs(live, index.analyzer);
  });

  const examples: [string, string][] = [
    ['a phrase', '"north korea"'],
    ['a phrase with a stop word in it', '"missile of korea"'],
    ['a phrase with a prefix on its last word', '"north kor*"'],
    ['an exclusion', 'oil -gas -price'],
    ['an excluded phrase', 'korea -"north korea"'],
    ['a required word', '+wheat grain'],
    ['AND / OR / NOT with grouping', '(oil OR sugar) AND price'],
    ['AND NOT', 'wheat AND NOT grain'],
    ['only exclusions', '-korea -oil'],
    ['title: words and phrases', 'title:korea OR title:"oil price"'],
    ['field clauses', 'korea topics:crude'],
    ['a field clause in OR', 'korea OR category:Energy'],
    ['a prefix', 'mis* tes*'],
    ['NEAR', '"north korea" NEAR/3 missile'],
    ['NEAR across a stop word', 'test NEAR/1 seoul'],
    ['SAME', 'SAME(korea, sugar, tokyo)'],
    ['SAME with a phrase', 'SAME("oil price", gold)'],
    ['nested groups and exclusions', '(korea (seoul -tokyo)) OR (gold AND NOT (sugar OR coffee))'],
  ];
  itMatchesExamples(examples, check);

  it('never matches a phrase across two paragraphs', () => {
    const ix = createSearchIndex();
    ix.add({ id: 'split', title: 'x', paragraphs: ['talks with north', 'korea said'] });
    ix.add({ id: 'whole', title: 'y', paragraphs: ['north korea said'] });
    expect(ix.search('"north korea"').hits.map((h) => h.id)).to.deep.equal(['whole']);
    expect(ix.search('north NEAR/3 korea').hits.map((h) => h.id)).to.deep.equal(['whole']);
    expect(ix.search('SAME(north, korea)').hits.map((h) => h.id)).to.deep.equal(['whole']);
  });

  it('filters and counts facets for field:value exactly as the filters option does', () => {
    const cases: [string, Filters][] = [['korea topics:crude', { topics: ['crude'] }], ['oil category:Energy topics:grain', { category: ['Energy'], topics: ['grain'] }]];
    for (const [q, filters] of cases) {
      const words = q.split(' ')[0];
      const viaQuery = index.search(q, { facets: ['topics', 'category'], limit: 50 });
      const viaOption = index.search(words, { filters, facets: ['topics', 'category'], limit: 50 });
      expect(viaQuery.total, q).to.be.greaterThan(0);
      expect({ ...viaQuery, tookMs: 0, query: '', interpretedAs: '' }).to.deep.equal({ ...viaOption, tookMs: 0, query: '', interpretedAs: '' });
    }
  });

  it('never lets an excluded word count as a match', () => {
    for (const h of index.search('korea -seoul', { limit: 500 }).hits) {
      const a = index.get(h.id) as Article;
      expect(`${a.title} ${a.paragraphs.join(' ')}`.toLowerCase()).not.to.include('seoul');
    }
  });

  describe('properties', () => {
    const word = fc.constantFrom('korea', 'north', 'missile', 'oil', 'price', 'gold', 'sugar', 'seoul', 'tokyo', 'test', 'the', 'zebra');
    const leaf = fc.oneof(
      word,
      word.map((w) => `${w.slice(0, 3)}*`),
      fc.array(word, { minLength: 2, maxLength: 3 }).map((ws) => `"${ws.join(' ')}"`),
      word.map((w) => `title:${w}`),
      fc.constantFrom('topics:crude', 'category:Korea', 'category:Energy'),
      fc.tuple(word, fc.integer({ min: 1, max: 6 }), word).map(([a, n, b]) => `${a} NEAR/${n} ${b}`),
      fc.array(word, { minLength: 2, maxLength: 3 }).map((ws) => `SAME(${ws.join(', ')})`),
    );
    const tree: fc.Arbitrary<string> = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.tuple(tie('node'), fc.constantFrom(' AND ', ' OR ', ' AND NOT ', ' ', ' -', ' +'), tie('node')).map(([a, op, b]) => `(${a}${op}${b})`),
        tie('node').map((a) => `-${a}`),
      ),
    })).node as fc.Arbitrary<string>;

    it('search answers any string (only a query past the size limits is refused, with query_too_complex)', () => {
      const junk = fc.array(fc.constantFrom('korea', 'oil', 'the', '"', '(', ')', '-', '+', '*', 'AND', 'OR', 'NOT', 'NEAR/2', 'SAME(', ',', 'title:', 'topics:', ':', ' ', 'é', '🙂'), { maxLength: 40 });
      fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary' }), junk.map((xs) => xs.join(''))), (q) => {
        try {
          const r = index.search(q, { facets: ['topics'], dateHistogram: true });
          expect(r.total).to.be.at.least(0);
          expect(r.hits.length).to.be.at.most(10);
        } catch (e) {
          expect(e).to.be.instanceOf(InvalidQueryError);
          expect((e as InvalidQueryError).code).to.equal('query_too_complex');
        }
      }), { numRuns: 500 });
    });

    it('random boolean trees match what the reference matches', () => {
      fc.assert(fc.property(tree, fc.boolean(), (q, matchAll) => {
        check(q, matchAll);
      }), { numRuns: 300 });
    });

    it('random phrases drawn from the indexed articles find their article, and exactly the reference set', () => {
      const rand = rng(11);
      for (let n = 0; n < 200; n++) {
        const a = all[Math.floor(rand() * all.length)];
        const texts = [a.title, ...a.paragraphs];
        const words = texts[Math.floor(rand() * texts.length)].split(' ');
        const len = 2 + Math.floor(rand() * 3);
        const start = Math.floor(rand() * Math.max(1, words.length - len + 1));
        const q = `"${words.slice(start, start + len).join(' ')}"`;
        const ids = check(q);
        const { root } = parseQueryString(q, index.analyzer);
        if (root !== null) expect(ids.includes(a.id), `${q} in ${a.id}`).to.equal(!removed.has(a.id));
      }
    });
  });
});
