import { expect } from 'chai';
import fc from 'fast-check';
import {
  createSearchIndex,
  InvalidQueryError,
  SearchError,
  type Article,
  type FacetField,
  type Filters,
  type SnippetPart,
} from '../../lib/index.js';
import { referenceScores } from './reference-scorer.js';
import { CATEGORIES, TOPICS, WORDS, rng, syntheticCorpus } from './synthetic-corpus.js';
import { termsOf } from '../analysis/terms-of.js';

const news: Article[] = [
  {
    id: 'kr-1',
    title: 'North Korea fires ballistic missile',
    paragraphs: ['Pyongyang launched a missile on Tuesday.', 'Seoul condemned the missile test.'],
    date: '2019-10-02',
    category: ['Korea'],
    topics: ['defence'],
    publisher: 'Intellasia',
    source: 'KoreaTimes',
  },
  {
    id: 'kr-2',
    title: 'Talks in Stockholm end without a deal',
    paragraphs: ['North Korean and US negotiators met in Sweden.', 'No agreement on missiles was reached.'],
    date: '2019-10-06',
    category: ['Korea', 'Politics'],
    publisher: 'Intellasia',
    source: 'YonhapNews',
  },
  {
    id: 'jp-1',
    title: 'Japan trade surplus widens',
    paragraphs: ['Exports rose sharply in September.'],
    date: '2019-09-20',
    category: ['Japan'],
    topics: ['trade'],
    publisher: 'Reuters',
  },
  {
    id: 'nodate',
    title: 'Undated note on missile programmes',
    paragraphs: ['A note without a date about missile programmes.'],
  },
];

function build(articles: Article[] = news) {
  const index = createSearchIndex();
  index.addAll(articles);
  return index;
}

describe('SearchIndex', () => {
  describe('#add / #get / #remove', () => {
    it('stores articles and counts them', () => {
      const index = build();
      expect(index.size).to.equal(4);
      expect(index.get('kr-1')?.title).to.equal('North Korea fires ballistic missile');
      expect(index.has('nope')).to.equal(false);
      expect(index.stats()).to.include({ numArticles: 4, numParagraphs: 6 });
    });

    it('rejects a duplicate id with a SearchError naming it', () => {
      const index = build();
      expect(() => index.add(news[0])).to.throw(SearchError, 'duplicate article id "kr-1"');
    });

    it('rejects a malformed article', () => {
      const index = build();
      expect(() => index.add({ id: '', title: 'x', paragraphs: [] })).to.throw(SearchError, /id must be/);
      expect(() => index.add({ id: 'z', title: 'x', paragraphs: [1 as unknown as string] })).to.throw(SearchError, /paragraphs/);
    });

    it('a removed article stops matching and leaves the statistics', () => {
      const index = build();
      expect(index.remove('kr-1')).to.equal(true);
      expect(index.remove('kr-1')).to.equal(false);
      const res = index.search('ballistic');
      expect(res.total).to.equal(0);
      expect(index.stats().numArticles).to.equal(3);
      // Statistics equal those of an index that never had it.
      const fresh = build(news.filter((a) => a.id !== 'kr-1'));
      expect(index.search('missile', { snippets: 0 }).hits).to.deep.equal(fresh.search('missile', { snippets: 0 }).hits);
    });

    it('an article added after a search is found by the next search', () => {
      const index = build();
      expect(index.search('volcano').total).to.equal(0);
      index.add({ id: 'v', title: 'Volcano erupts', paragraphs: ['Ash everywhere.'] });
      expect(index.search('volcano').hits.map((h) => h.id)).to.deep.equal(['v']);
    });
  });

  describe('#search', () => {
    it('ranks by relevance and counts the whole match set', () => {
      const res = build().search('missile', { limit: 2 });
      expect(res.total).to.equal(3);
      expect(res.hits).to.have.length(2);
      expect(res.hits[0].id).to.equal('kr-1');
      expect(res.hits[0].score).to.be.greaterThan(res.hits[1].score);
    });

    it('prefers articles matching every query term over a partial match', () => {
      const index = createSearchIndex();
      index.addAll([
        { id: 'one-term-many-times', title: '', paragraphs: ['oil oil oil oil oil prices'] },
        { id: 'all-terms', title: '', paragraphs: ['oil exports to japan rose, a long sentence with many other words in it'] },
      ]);
      expect(index.search('oil japan').hits[0].id).to.equal('all-terms');
    });

    it('still returns the best partial matches when no article has every term', () => {
      const res = build().search('missile volcano');
      expect(res.total).to.equal(3);
      expect(res.hits[0].id).to.equal('kr-1');
    });

    it('match: all requires every term', () => {
      const index = build();
      expect(index.search('missile seoul', { match: 'all' }).hits.map((h) => h.id)).to.deep.equal(['kr-1']);
      expect(index.search('missile volcano', { match: 'all' }).total).to.equal(0);
    });

    it('pages with limit and offset', () => {
      const index = build();
      const all = index.search('missile', { limit: 10 }).hits.map((h) => h.id);
      const page2 = index.search('missile', { limit: 1, offset: 1 }).hits.map((h) => h.id);
      expect(page2).to.deep.equal([all[1]]);
      expect(index.search('missile', { offset: 10 }).hits).to.deep.equal([]);
    });

    it('sorts by date, newest first, undated last', () => {
      const ids = build().search('missile', { sort: 'date' }).hits.map((h) => h.id);
      expect(ids).to.deep.equal(['kr-2', 'kr-1', 'nodate']);
      const asc = build().search('missile', { sort: 'date_asc' }).hits.map((h) => h.id);
      expect(asc).to.deep.equal(['kr-1', 'kr-2', 'nodate']);
    });

    it('filters: values of one field OR, fields AND, and a date range', () => {
      const index = build();
      const ids = (f: Filters, o = {}) => index.search('', { filters: f, ...o }).hits.map((h) => h.id).sort();
      expect(ids({ category: ['Japan', 'Politics'] })).to.deep.equal(['jp-1', 'kr-2']);
      expect(ids({ category: ['Korea'], source: ['KoreaTimes'] })).to.deep.equal(['kr-1']);
      expect(ids({}, { dateFrom: '2019-10-01', dateTo: '2019-10-02' })).to.deep.equal(['kr-1']);
      expect(ids({ category: ['Nowhere'] })).to.deep.equal([]);
    });

    it('an empty query with filters browses newest first', () => {
      const res = build().search('', { filters: { category: ['Korea'] } });
      expect(res.total).to.equal(2);
      expect(res.hits.map((h) => h.id)).to.deep.equal(['kr-2', 'kr-1']);
      expect(res.hits[0].score).to.equal(0);
    });

    it('counts facets over the whole match set, not just the page', () => {
      const res = build().search('missile', { limit: 1, facets: ['category', 'publisher'] });
      expect(res.facets.category).to.deep.equal([
        { value: 'Korea', count: 2 },
        { value: 'Politics', count: 1 },
      ]);
      expect(res.facets.publisher).to.deep.equal([{ value: 'Intellasia', count: 2 }]);
    });

    it('counts matches per month', () => {
      const res = build().search('', { dateHistogram: true });
      expect(res.dateHistogram).to.deep.equal([
        { value: '2019-09', count: 1 },
        { value: '2019-10', count: 2 },
      ]);
    });

    it('returns snippets with stem-aware marks and escaped text', () => {
      const index = build();
      index.add({ id: 'x', title: 'Evil <b>title</b> missiles', paragraphs: ['A <script>alert(1)</script> missile story.'] });
      const hit = index.search('missiles', { limit: 10 }).hits.find((h) => h.id === 'x');
      expect(hit?.titleHtml).to.equal('Evil &lt;b&gt;title&lt;/b&gt; <mark>missiles</mark>');
      expect(hit?.snippets[0].html).to.equal('A &lt;script&gt;alert(1)&lt;/script&gt; <mark>missile</mark> story.');
      expect(hit?.snippets[0].matches).to.deep.equal([{ start: 28, end: 35 }]);
    });

    it('keeps only the snippet parts asked for, each as the full snippet has it', () => {
      const index = build();
      index.add({ id: 'x', title: 'T', paragraphs: ['A <script>alert(1)</script> missile story.', 'Second missile.'] });
      const full = index.search('missile', { limit: 10 }).hits.find((h) => h.id === 'x');
      const lean = index.search('missile', { limit: 10, snippetParts: ['html'] }).hits.find((h) => h.id === 'x');
      expect(full?.snippets.length).to.equal(2);
      expect(lean?.snippets).to.deep.equal(full?.snippets.map((s) => ({ paragraph: s.paragraph, html: s.html })));
      const two = index.search('missile', { limit: 10, snippetParts: ['matches', 'text'] }).hits.find((h) => h.id === 'x');
      expect(two?.snippets).to.deep.equal(full?.snippets.map((s) => ({ paragraph: s.paragraph, text: s.text, matches: s.matches })));
      // All three named is the default answer; none named keeps only the paragraph index.
      expect(index.search('missile', { snippetParts: ['text', 'html', 'matches'] }).hits).to.deep.equal(index.search('missile').hits);
      expect(index.search('missile', { limit: 10, snippetParts: [] }).hits.find((h) => h.id === 'x')?.snippets).to.deep.equal([{ paragraph: 0 }, { paragraph: 1 }]);
      const bad: unknown = ['html', 'pdf'];
      expect(() => index.search('x', { snippetParts: bad as SnippetPart[] })).to.throw(InvalidQueryError, /snippet part "pdf"/);
    });

    it('skips highlighting with highlight: false, ranking alike and escaping the title all the same', () => {
      const index = build();
      index.add({ id: 'x', title: 'Evil <b>title</b> missiles', paragraphs: ['A <script>alert(1)</script> missile story.'] });
      const plain = index.search('missiles', { limit: 10, highlight: false });
      const marked = index.search('missiles', { limit: 10 });
      expect(plain.hits.map((h) => [h.id, h.score])).to.deep.equal(marked.hits.map((h) => [h.id, h.score]));
      const hit = plain.hits.find((h) => h.id === 'x');
      expect(hit?.titleHtml).to.equal('Evil &lt;b&gt;title&lt;/b&gt; missiles');
      expect(hit?.snippets).to.deep.equal([]);
      expect(() => index.search('x', { highlight: 'no' as unknown as boolean })).to.throw(InvalidQueryError, /highlight/);
    });

    it('suggests a correction when a misspelt query finds nothing', () => {
      const res = build().search('missle');
      expect(res.total).to.equal(0);
      expect(res.didYouMean).to.equal('missile');
      expect(build().search('missile').didYouMean).to.equal(undefined);
    });

    it('expands a trailing * to every indexed word with that prefix', () => {
      const res = build().search('negotiat*');
      expect(res.hits.map((h) => h.id)).to.deep.equal(['kr-2']);
      expect(res.hits[0].snippets[0].html).to.contain('<mark>negotiators</mark>');
    });

    it('rejects bad options with InvalidQueryError naming the option', () => {
      const index = build();
      expect(() => index.search('x', { limit: -1 })).to.throw(InvalidQueryError, /limit/);
      expect(() => index.search('x', { dateFrom: '2019-02-31' })).to.throw(InvalidQueryError, /dateFrom/);
      expect(() => index.search('x', { facets: ['colour' as FacetField] })).to.throw(InvalidQueryError, /colour/);
      expect(() => index.search('x', { filters: { colour: ['red'] } as Filters })).to.throw(InvalidQueryError, /colour/);
      expect(() => index.search('x', { sort: 'random' as 'date' })).to.throw(InvalidQueryError, /sort/);
    });
  });

  describe('#prepare', () => {
    it('builds the vocabulary lookups ahead of use, including words added later', async () => {
      const index = build();
      await index.prepare();
      expect(index.suggest('negot')).to.deep.equal(['negotiators']);
      index.add({ id: 'late', title: 'Negligence claims', paragraphs: ['Negligence again.'] });
      await index.prepare();
      expect(index.suggest('neg')).to.have.members(['negotiators', 'negligence']);
    });
  });

  describe('#suggest', () => {
    it('completes a prefix from the vocabulary, most frequent first', () => {
      expect(build().suggest('mis')).to.deep.equal(['missile']);
      expect(build().suggest('')).to.deep.equal([]);
    });
  });

  describe('#highlightArticle', () => {
    it('marks the query in every paragraph and flags the matching ones', () => {
      const h = build().highlightArticle('kr-2', 'missile');
      expect(h?.paragraphs.map((p) => p.matched)).to.deep.equal([false, true]);
      expect(h?.paragraphs[1].html).to.contain('<mark>missiles</mark>');
      expect(build().highlightArticle('none', 'x')).to.equal(undefined);
    });
  });

  describe('#facetValues', () => {
    it('counts every value over the whole index', () => {
      expect(build().facetValues(['category']).category).to.deep.equal([
        { value: 'Korea', count: 2 },
        { value: 'Japan', count: 1 },
        { value: 'Politics', count: 1 },
      ]);
    });
  });

  describe('ranking fast path', () => {
    const corpus = syntheticCorpus(300, 7);
    const index = build(corpus);
    const queries = ['missile', 'north korea missile', 'oil prices', 'the bank rate', 'gold sugar coffee export', 'test tested tests', 'korea korea talks'];
    for (const q of queries) {
      it(`ranks "${q}" exactly like a straightforward BM25 computation`, () => {
        const expected = referenceScores(corpus, q, index.analyzer, index.ranking);
        const res = index.search(q, { limit: 1000, snippets: 0 });
        expect(res.total).to.equal(expected.size);
        for (const hit of res.hits) expect(hit.score).to.be.closeTo(expected.get(hit.id) as number, 1e-5);
        const scores = res.hits.map((h) => h.score);
        expect(scores).to.deep.equal([...scores].sort((a, b) => b - a));
      });
      it(`gives "${q}" the same top 10 through the bounded-paragraph path`, () => {
        // limit 10 takes the path that bounds paragraph evidence and refines only candidates.
        const expected = [...referenceScores(corpus, q, index.analyzer, index.ranking).values()].sort((a, b) => b - a);
        const top = index.search(q, { limit: 10, snippets: 0 }).hits;
        expect(top.map((h) => h.score)).to.have.length(Math.min(10, expected.length));
        top.forEach((h, i) => expect(h.score).to.be.closeTo(expected[i], 1e-5));
        const page2 = index.search(q, { limit: 10, offset: 10, snippets: 0 }).hits;
        page2.forEach((h, i) => expect(h.score).to.be.closeTo(expected[10 + i], 1e-5));
      });
    }

    // Random 1–4-word queries, on an index with removed articles (the evaluator skips its
    // liveness test when nothing was removed, so both cases need covering).
    const sample = (rand: () => number): string[] =>
      Array.from({ length: 60 }, () =>
        Array.from({ length: 1 + Math.floor(rand() * 4) }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' '),
      );
    const expectSameTop10 = (ix: ReturnType<typeof build>, articles: Article[], q: string): void => {
      if (termsOf(ix.analyzer, q).length === 0) return; // only stop words: that browses, it does not rank
      const expected = [...referenceScores(articles, q, ix.analyzer, ix.ranking).values()].sort((a, b) => b - a);
      const res = ix.search(q, { limit: 10, snippets: 0 });
      expect(res.total, q).to.equal(expected.length);
      expect(res.hits.map((h) => h.score), q).to.have.length(Math.min(10, expected.length));
      res.hits.forEach((h, i) => expect(h.score, q).to.be.closeTo(expected[i], 1e-5));
    };
    it('gives the exact top 10 for 60 random queries', () => {
      for (const q of sample(rng(3))) expectSameTop10(index, corpus, q);
    });
    it('gives the exact top 10 for 60 random queries after removals', () => {
      const ix = build(corpus);
      const removed = new Set(corpus.filter((_, i) => i % 7 === 3).map((a) => a.id));
      for (const id of removed) ix.remove(id);
      const kept = corpus.filter((a) => !removed.has(a.id));
      for (const q of sample(rng(5))) expectSameTop10(ix, kept, q);
    });
  });

  describe('facet counts', () => {
    const corpus = syntheticCorpus(400, 11);
    const index = build(corpus);
    const fields: FacetField[] = ['category', 'topics', 'publisher'];
    const has = (a: Article, field: FacetField, values: string[]) => {
      const v = a[field as keyof Article];
      const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
      return list.some((x) => values.includes(x as string));
    };
    it('equal a brute-force count for random filter combinations', () => {
      fc.assert(
        fc.property(
          fc.record({
            category: fc.subarray(CATEGORIES),
            topics: fc.subarray(TOPICS),
            publisher: fc.subarray(['Reuters', 'Intellasia']),
          }),
          fc.constantFrom('', 'missile', 'oil prices', 'korea'),
          fc.option(fc.integer({ min: 1, max: 12 })),
          (filters, q, month) => {
            const dateFrom = month ? `2019-${String(month).padStart(2, '0')}-01` : undefined;
            const res = index.search(q, { filters, facets: fields, facetLimit: 0, dateFrom, limit: 0 });
            const matchesQuery = (a: Article) => q === '' || referenceMatch(a, q);
            const passes = (a: Article, except?: FacetField) =>
              matchesQuery(a) &&
              (dateFrom === undefined || (a.date !== undefined && a.date >= dateFrom)) &&
              fields.every((f) => f === except || filters[f as keyof typeof filters].length === 0 || has(a, f, filters[f as keyof typeof filters]));
            expect(res.total).to.equal(corpus.filter((a) => passes(a)).length);
            for (const f of fields) {
              // Disjunctive: a field's counts ignore that field's own filter.
              const counts = new Map<string, number>();
              for (const a of corpus.filter((x) => passes(x, f))) {
                const v = a[f as keyof Article];
                for (const x of Array.isArray(v) ? v : v === undefined ? [] : [v]) counts.set(x as string, (counts.get(x as string) ?? 0) + 1);
              }
              const got = new Map((res.facets[f] ?? []).map((fv) => [fv.value, fv.count]));
              expect(got).to.deep.equal(counts);
            }
          },
        ),
        { numRuns: 60, seed: 1234 },
      );
      function referenceMatch(a: Article, q: string): boolean {
        const terms = new Set(termsOf(index.analyzer, q));
        const own = new Set(termsOf(index.analyzer, [a.title, ...a.paragraphs].join('\n')));
        return [...terms].some((t) => own.has(t));
      }
    });
  });
});
