import { expect } from 'chai';
import { createSearchIndex, type Article, type FacetValue, type SearchIndex } from '../../lib/index.js';
import { rng } from '../search/synthetic-corpus.js';

const SOURCES = ['Reuters', 'AP', 'KoreaTimes'];
const TOPICS = ['crude', 'grain', 'trade'];

/** Stories of distinctive random words, several run again as syndicated copies. */
function corpus(seed: number): Article[] {
  const rand = rng(seed);
  const vocab = Array.from({ length: 600 }, (_, i) => `w${i}`);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const words = (n: number, extra: string[]): string => Array.from({ length: n }, () => (rand() < 0.08 ? pick(extra) : pick(vocab))).join(' ');
  const out: Article[] = [];
  for (let s = 0; s < 40; s++) {
    const paragraphs = Array.from({ length: 4 }, () => words(40, ['oil', 'wheat', 'talks']));
    const story: Article = {
      id: `s${s}`, title: words(5, ['oil']), paragraphs, source: pick(SOURCES), topics: [pick(TOPICS)],
      date: `2019-0${1 + (s % 9)}-1${s % 10}`,
    };
    out.push(story);
    const copies = s % 3 === 0 ? 3 : s % 3 === 1 ? 1 : 0;
    for (let c = 0; c < copies; c++) {
      out.push({
        ...story,
        id: `s${s}-copy${c}`,
        title: `New headline ${c}`,
        paragraphs: [`(Reuters) - ${paragraphs[0]}`, ...paragraphs.slice(1, 4 - c)],
        source: pick(SOURCES),
        topics: [pick(TOPICS)],
      });
    }
  }
  return out;
}

/** Groups of the matching ids, from duplicatesOf, in the uncollapsed order of their best copy. */
function groupsOf(ix: SearchIndex, q: string): string[][] {
  const ranked = ix.search(q, { limit: 100_000, snippets: 0, highlight: false }).hits.map((h) => h.id);
  const matching = new Set(ranked);
  const seen = new Set<string>();
  const groups: string[][] = [];
  for (const id of ranked) {
    if (seen.has(id)) continue;
    const members = [id, ...ix.duplicatesOf(id)].filter((m) => matching.has(m));
    for (const m of members) seen.add(m);
    // Members in rank order: the first is the best-scoring copy.
    groups.push(ranked.filter((r) => members.includes(r)));
  }
  return groups;
}

function countBy(values: string[]): FacetValue[] {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
}

describe('collapse: duplicates (SearchOptions.collapse)', () => {
  const articles = corpus(9);
  const ix = createSearchIndex();
  ix.addAll(articles);
  const byId = new Map(articles.map((a) => [a.id, a]));

  it('finds groups in the test corpus (the oracle has something to check)', () => {
    expect(groupsOf(ix, 'oil').filter((g) => g.length > 1).length).to.be.greaterThan(5);
  });

  for (const q of ['oil', 'wheat talks', '']) {
    it(`keeps the best-scoring copy of each group, the others in hit.duplicates ("${q}")`, () => {
      const groups = groupsOf(ix, q);
      const r = ix.search(q, { collapse: 'duplicates', limit: 1000, facets: ['source', 'topics'], snippets: 0 });
      expect(r.total).to.equal(groups.length);
      expect(r.totalArticles).to.equal(groups.flat().length);
      expect(r.hits.map((h) => h.id)).to.deep.equal(groups.map((g) => g[0]));
      for (const [i, h] of r.hits.entries()) {
        expect(h.duplicates?.map((d) => d.id)).to.deep.equal(groups[i].slice(1));
        expect(h.duplicateCount).to.equal(groups[i].length - 1);
        for (const d of h.duplicates ?? []) expect(d.title).to.equal(byId.get(d.id)?.title);
      }
      // Facets count groups (by the kept copy) or, on request, articles.
      expect(r.facets.source).to.deep.equal(countBy(groups.map((g) => byId.get(g[0])?.source as string)));
      const articlesMode = ix.search(q, { collapse: 'duplicates', collapseCount: 'articles', facets: ['source', 'topics'], limit: 5 });
      expect(articlesMode.total).to.equal(groups.flat().length);
      expect(articlesMode.facets).to.deep.equal(ix.search(q, { facets: ['source', 'topics'], limit: 0 }).facets);
    });
  }

  it('pages through groups as through ranked hits', () => {
    const all = ix.search('oil', { collapse: 'duplicates', limit: 1000, snippets: 0 }).hits.map((h) => h.id);
    const paged: string[] = [];
    for (let offset = 0; offset < all.length; offset += 7) {
      paged.push(...ix.search('oil', { collapse: 'duplicates', limit: 7, offset, snippets: 0 }).hits.map((h) => h.id));
    }
    expect(paged).to.deep.equal(all);
  });

  it('honours filters: only matching copies are carried', () => {
    const r = ix.search('oil', { collapse: 'duplicates', filters: { source: ['AP'] }, limit: 1000 });
    for (const h of r.hits) {
      expect(h.source).to.equal('AP');
      for (const d of h.duplicates ?? []) expect(d.source).to.equal('AP');
    }
  });

  it('rejects a bad collapse option', () => {
    expect(() => ix.search('oil', { collapse: 'near' as 'duplicates' })).to.throw(/collapse must be "duplicates"/);
    expect(() => ix.search('oil', { collapse: 'duplicates', collapseCount: 'docs' as 'groups' })).to.throw(/collapseCount must be groups or articles/);
  });
});
