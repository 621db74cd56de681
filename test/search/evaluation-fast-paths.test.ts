/**
 * The evaluator's two shortcuts against the straightforward computations they replace:
 * - a plain query with top-level exclusions (`oil price -gas`) is answered by scoring the words
 *   and leaving the excluded documents out: its hits are the plain query's hits minus the
 *   documents the reference evaluation (sets from the analysed text) finds the exclusion in;
 * - a shallow ranked page is refined from score bounds (lib/collector/page-order.ts), with the
 *   proximity evidence of the query's word pairs in them: its page equals the top of the ranking
 *   computed exactly for every candidate (a page deeper than the bounded path allows), on random
 *   queries with stop words, repeats and prefixes.
 * Both on an index with removed articles.
 */
import { expect } from 'chai';
import { createSearchIndex, type Article, type Hit, type SearchIndex } from '../../lib/index.js';
import { parseQueryString } from '../../lib/query/parse-query-string.js';
import { refDocs, refMatches, type RefDoc } from '../query/reference-matcher.js';
import { WORDS, rng, syntheticCorpus } from './synthetic-corpus.js';

const all = syntheticCorpus(500, 21);
const removed = new Set(all.filter((_, i) => i % 8 === 5).map((a) => a.id));
const live = all.filter((a) => !removed.has(a.id));
/** Larger than the bounded path's deepest page (100), so every candidate is scored exactly. */
const EVERYTHING = 1000;

let index: SearchIndex;
let docs: RefDoc[];

function hits(q: string, limit: number, offset = 0, matchAll = false): Hit[] {
  return index.search(q, { limit, offset, snippets: 0, highlight: false, match: matchAll ? 'all' : 'any' }).hits;
}

/** Ids of the live articles in which the reference evaluation finds `clause` (a query of its own). */
function referenceSet(clause: string): Set<string> {
  const { root } = parseQueryString(clause, index.analyzer);
  expect(root, clause).not.to.equal(null);
  return new Set(docs.filter((d) => root !== null && refMatches(root, d, false)).map((d) => d.article.id));
}

/** The synthetic vocabulary without its stop words (a query of stop words only searches nothing). */
const CONTENT = WORDS.filter((w) => !['the', 'of', 'and', 'a'].includes(w));
const pick = (rand: () => number): string => CONTENT[Math.floor(rand() * CONTENT.length)];

describe('evaluator fast paths', () => {
  before(() => {
    index = createSearchIndex();
    index.addAll(all);
    for (const id of removed) index.remove(id);
    docs = refDocs(live, index.analyzer);
  });

  describe('exclusions on the plain path', () => {
    // The words, then the exclusions: the excluded words sit after the scored ones, so the plain
    // query keeps the same proximity pairs and its scores can be compared one for one.
    const cases: { words: string; exclusions: string[]; matchAll?: boolean }[] = [
      { words: 'oil price', exclusions: ['gold'] },
      { words: 'korea', exclusions: ['north', 'seoul'] },
      { words: 'north korea missile', exclusions: ['"nuclear test"'] },
      { words: 'bank rate', exclusions: ['ban*'] },
      { words: 'trade export', exclusions: ['tokyo'], matchAll: true },
      { words: 'wheat grain', exclusions: ['title:grain'] },
      { words: 'sugar coffee', exclusions: ['"the market" NEAR/3 gold', 'topics:crude'] },
    ];
    const rand = rng(17);
    for (let n = 0; n < 40; n++) {
      const words = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(rand)).join(' ');
      cases.push({ words, exclusions: Array.from({ length: 1 + Math.floor(rand() * 2) }, () => pick(rand)), matchAll: rand() < 0.3 });
    }

    it('give the plain query\'s hits, scores and order minus the reference\'s excluded documents (every match scored exactly)', () => {
      let compared = 0;
      for (const c of cases) {
        const q = `${c.words} ${c.exclusions.map((x) => `-${x}`).join(' ')}`;
        const out = new Set<string>();
        for (const x of c.exclusions) for (const id of referenceSet(x)) out.add(id);
        const expected = hits(c.words, EVERYTHING, 0, c.matchAll).filter((h) => !out.has(h.id));
        const got = hits(q, EVERYTHING, 0, c.matchAll);
        expect(got.map((h) => h.id), q).to.deep.equal(expected.map((h) => h.id));
        expect(got.map((h) => h.score), q).to.deep.equal(expected.map((h) => h.score));
        compared += got.length;
      }
      expect(compared, 'the cases should match something').to.be.greaterThan(100);
    });

    it('give the same first pages through the bounded top-k path', () => {
      for (const c of cases) {
        const q = `${c.words} ${c.exclusions.map((x) => `-${x}`).join(' ')}`;
        const full = hits(q, EVERYTHING, 0, c.matchAll);
        for (const offset of [0, 10]) {
          const page = hits(q, 10, offset, c.matchAll);
          expect(page.map((h) => h.id), `${q} @${offset}`).to.deep.equal(full.slice(offset, offset + 10).map((h) => h.id));
          page.forEach((h, i) => expect(h.score, q).to.be.closeTo(full[offset + i].score, 1e-9));
        }
      }
    });

    it('answer a query of exclusions only with every live article except the excluded ones', () => {
      for (const exclusions of [['korea'], ['oil', '"gold price"'], ['sugar', 'title:coffee']]) {
        const q = exclusions.map((x) => `-${x}`).join(' ');
        const out = new Set<string>();
        for (const x of exclusions) for (const id of referenceSet(x)) out.add(id);
        const expected = live.filter((a) => !out.has(a.id)).map((a) => a.id).sort();
        const r = index.search(q, { limit: EVERYTHING, snippets: 0, highlight: false });
        expect(r.total, q).to.equal(expected.length);
        expect(r.hits.map((h) => h.id).sort(), q).to.deep.equal(expected);
        expect(out.size, `${q} should exclude something`).to.be.greaterThan(0);
      }
    });

    it('never return a removed article even when the exclusion lists hold it', () => {
      const r = index.search('korea -oil', { limit: EVERYTHING, snippets: 0, highlight: false });
      expect(r.hits.length).to.be.greaterThan(0);
      for (const h of r.hits) expect(removed.has(h.id), h.id).to.equal(false);
    });
  });

  describe('the bounded top-k of a shallow page, with proximity', () => {
    // Two to five words, with stop words (which keep their slots), repeats and the odd prefix.
    const rand = rng(29);
    const queries = ['north korea', 'bank of england', 'oil price gold', 'korea korea talks', 'security council nuclear summit', 'mis* test north'];
    for (let n = 0; n < 80; n++) {
      const len = 2 + Math.floor(rand() * 4);
      queries.push(Array.from({ length: len }, () => {
        const w = WORDS[Math.floor(rand() * WORDS.length)];
        return rand() < 0.08 ? `${w.slice(0, 3)}*` : w;
      }).join(' '));
    }

    const expectSamePages = (ix: SearchIndex, q: string): number => {
      const opts = { snippets: 0, highlight: false } as const;
      const full = ix.search(q, { ...opts, limit: EVERYTHING }).hits;
      for (const offset of [0, 10, 40]) {
        const page = ix.search(q, { ...opts, limit: 10, offset }).hits;
        expect(page.map((h) => h.id), `${q} @${offset}`).to.deep.equal(full.slice(offset, offset + 10).map((h) => h.id));
        page.forEach((h, i) => expect(h.score, q).to.be.closeTo(full[offset + i].score, 1e-9));
      }
      return full.length;
    };

    it('gives the same pages, ids and scores, as exact scores for every candidate, on random queries', () => {
      let total = 0;
      for (const q of queries) total += expectSamePages(index, q);
      expect(total).to.be.greaterThan(1000);
    });

    it('moves a page when proximity moves it, on the bounded page as in the exact ranking', () => {
      // Documents with the words adjacent and documents with both words apart: proximity must
      // put the adjacent ones first, on the bounded page as in the exact ranking.
      const ix = createSearchIndex();
      const filler = (i: number): string => Array.from({ length: 6 }, (_, k) => `filler${(i + k) % 9}`).join(' ');
      const articles: Article[] = [];
      for (let i = 0; i < 30; i++) articles.push({ id: `apart-${i}`, title: `t${i}`, paragraphs: [`alpha ${filler(i)} beta ${filler(i + 1)}`] });
      for (let i = 0; i < 5; i++) articles.push({ id: `together-${i}`, title: `u${i}`, paragraphs: [`${filler(i)} alpha beta ${filler(i + 2)}`] });
      ix.addAll(articles);
      const page = ix.search('alpha beta', { limit: 5, snippets: 0, highlight: false }).hits;
      expect(page.map((h) => h.id).sort()).to.deep.equal(['together-0', 'together-1', 'together-2', 'together-3', 'together-4']);
      expectSamePages(ix, 'alpha beta');
      const off = createSearchIndex({ ranking: { proximityWeight: 0 } });
      off.addAll(articles);
      const plain = off.search('alpha beta', { limit: 5, snippets: 0, highlight: false }).hits;
      expect(plain.map((h) => h.id).filter((id) => id.startsWith('together')).length, 'without proximity the page is mixed').to.be.lessThan(5);
    });
  });
});
