/**
 * createSearchIndex({ schema }): declared keyword, number, date and stored fields, checked against
 * direct computations over the articles (the oracle) rather than hard-coded answers.
 */
import { expect } from 'chai';
import { createSearchIndex, InvalidQueryError, SearchError, type Article, type FacetValue } from '../../lib/index.js';
import { NEWSROOM_SCHEMA, newsroomCorpus, SECTIONS, TAGS } from './newsroom-corpus.js';

type Fields = NonNullable<Article['fields']>;
const f = (a: Article): Fields => a.fields ?? {};
const num = (a: Article, name: string): number | undefined => (typeof f(a)[name] === 'number' ? (f(a)[name] as number) : undefined);
const list = (a: Article, name: string): string[] => {
  const v = f(a)[name];
  return v === undefined ? [] : Array.isArray(v) ? [...(v as string[])] : [String(v)];
};

/** Counts of each value over articles, most frequent first, ties by value (the facet order). */
function directCounts(articles: readonly Article[], values: (a: Article) => string[]): FacetValue[] {
  const m = new Map<string, number>();
  for (const a of articles) for (const v of new Set(values(a))) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m].map(([value, count]) => ({ value, count })).sort((x, y) => y.count - x.count || (x.value < y.value ? -1 : 1));
}

function expectError(fn: () => unknown, code: string, message: RegExp): void {
  try {
    fn();
  } catch (e) {
    expect(e).to.be.instanceOf(SearchError);
    expect((e as SearchError).code).to.equal(code);
    expect((e as SearchError).message).to.match(message);
    return;
  }
  expect.fail('expected an error');
}

describe('SearchIndex with a declared schema', () => {
  const corpus = newsroomCorpus(400);
  const index = createSearchIndex({ schema: NEWSROOM_SCHEMA });
  index.addAll(corpus);
  const all = { limit: 1000, snippets: 0 };

  it('keeps the default schema when none is given (same facet fields as before)', () => {
    expect(createSearchIndex().schema.isDefault).to.equal(true);
    expect(index.schema.facetFields).to.include.members(['section', 'tags']).and.not.include('exchanges');
  });

  describe('keyword fields', () => {
    it('filter on a single-valued field as the articles say', () => {
      const r = index.search('', { ...all, filters: { section: ['World', 'Sport'] } });
      const want = corpus.filter((a) => ['World', 'Sport'].includes(f(a).section as string)).map((a) => a.id).sort();
      expect(r.hits.map((h) => h.id).sort()).to.deep.equal(want);
      expect(r.total).to.equal(want.length);
    });

    it('count multi-valued facets over the match set, disjunctively for the ticked field', () => {
      const r = index.search('korea', { ...all, facets: ['tags', 'section'], facetLimit: 0, filters: { tags: ['ai'] } });
      const matches = new Set(index.search('korea', { limit: 1000, snippets: 0 }).hits.map((h) => h.id));
      const inQuery = corpus.filter((a) => matches.has(a.id));
      expect(r.facets.tags).to.deep.equal(directCounts(inQuery, (a) => list(a, 'tags')));
      expect(r.facets.section).to.deep.equal(directCounts(inQuery.filter((a) => list(a, 'tags').includes('ai')), (a) => list(a, 'section')));
      expect(r.facets.tags?.map((v) => v.value)).to.include.members(TAGS.filter((t) => inQuery.some((a) => list(a, 'tags').includes(t))));
    });

    it('answer `field:value` in the query language like a filter', () => {
      const viaQuery = index.search('section:Business', all);
      const viaFilter = index.search('', { ...all, filters: { section: ['Business'] } });
      expect(viaQuery.hits.map((h) => h.id).sort()).to.deep.equal(viaFilter.hits.map((h) => h.id).sort());
      expect(viaQuery.total).to.be.greaterThan(0);
      expect(viaQuery.interpretedAs).to.equal('section:Business');
    });

    it('list whole-index values through facetValues', () => {
      expect(index.facetValues(['section'], 0).section).to.deep.equal(directCounts(corpus, (a) => list(a, 'section')));
      expect(Object.keys(index.facetValues())).to.deep.equal(index.schema.facetFields);
    });
  });

  describe('number fields', () => {
    it('filter by range, bounds inclusive or not', () => {
      for (const [range, test] of [
        [{ gte: 300, lte: 800 }, (v: number) => v >= 300 && v <= 800],
        [{ gt: 300, lt: 800 }, (v: number) => v > 300 && v < 800],
        [{ gte: 1000 }, (v: number) => v >= 1000],
        [{ lt: 100 }, (v: number) => v < 100],
      ] as const) {
        const r = index.search('', { ...all, ranges: { wordCount: range } });
        const want = corpus.filter((a) => num(a, 'wordCount') !== undefined && test(num(a, 'wordCount') as number)).map((a) => a.id).sort();
        expect(r.hits.map((h) => h.id).sort(), JSON.stringify(range)).to.deep.equal(want);
      }
    });

    it('count range buckets over the match set (declared, or given by the query), disjunctively when that field is filtered', () => {
      const r = index.search('oil', { ...all, facets: ['wordCount'], ranges: { wordCount: { gte: 800 } }, filters: { section: ['World', 'Business'] } });
      const base = new Set(index.search('oil', { ...all, filters: { section: ['World', 'Business'] } }).hits.map((h) => h.id));
      const count = (lo: number, hi: number): number => corpus.filter((a) => base.has(a.id) && (num(a, 'wordCount') ?? NaN) >= lo && (num(a, 'wordCount') ?? NaN) < hi).length;
      expect(r.facets.wordCount).to.deep.equal([
        { value: '..300', count: count(-Infinity, 300), to: 300 },
        { value: '300..800', count: count(300, 800), from: 300, to: 800 },
        { value: '800..', count: count(800, Infinity), from: 800 },
      ]);
      expect(r.total).to.equal(count(800, Infinity));
      const own = index.search('', { ...all, facets: ['pageNumber'], facetBuckets: { pageNumber: [{ from: 0, to: 10.5 }, { from: 10.5 }] } });
      const pages = corpus.map((a) => num(a, 'pageNumber')).filter((v): v is number => v !== undefined);
      expect(own.facets.pageNumber?.map((b) => b.count)).to.deep.equal([pages.filter((v) => v < 10.5).length, pages.filter((v) => v >= 10.5).length]);
    });

    it('sort ascending and descending, missing values last either way, ties in index order', () => {
      for (const sort of ['wordCount', '-wordCount'] as const) {
        const r = index.search('', { ...all, sort });
        const sign = sort.startsWith('-') ? -1 : 1;
        const want = corpus.map((a, i) => ({ a, i })).sort((x, y) => {
          const vx = num(x.a, 'wordCount');
          const vy = num(y.a, 'wordCount');
          if (vx === undefined || vy === undefined) return (vx === undefined ? 1 : 0) - (vy === undefined ? 1 : 0) || x.i - y.i;
          return sign * (vx - vy) || x.i - y.i;
        }).map((x) => x.a.id);
        expect(r.hits.map((h) => h.id)).to.deep.equal(want);
      }
    });

    it('give min/max stats over the match set', () => {
      const r = index.search('trade', { ...all, stats: ['wordCount', 'updated', 'date'] });
      const ids = new Set(r.hits.map((h) => h.id));
      const matched = corpus.filter((a) => ids.has(a.id));
      const values = matched.map((a) => num(a, 'wordCount')).filter((v): v is number => v !== undefined);
      expect(r.stats?.wordCount).to.deep.equal({ count: values.length, min: Math.min(...values), max: Math.max(...values) });
      const updated = matched.map((a) => f(a).updated as string | undefined).filter((v): v is string => v !== undefined).map((v) => Date.parse(v));
      expect(r.stats?.updated).to.deep.equal({ count: updated.length, min: new Date(Math.min(...updated)).toISOString(), max: new Date(Math.max(...updated)).toISOString() });
      expect(r.stats?.date?.count).to.equal(matched.filter((a) => a.date !== undefined).length);
      expect(index.search('zzzunknownword', { stats: ['wordCount'] }).stats?.wordCount).to.deep.equal({ count: 0 });
    });
  });

  describe('date fields', () => {
    it('filter by ISO range (a bare lte date includes its whole day) and sort', () => {
      const r = index.search('', { ...all, ranges: { updated: { gte: '2020-03-01', lte: '2020-05-10' } } });
      const lo = Date.parse('2020-03-01T00:00:00Z');
      const hi = Date.parse('2020-05-10T23:59:59.999Z');
      const want = corpus.filter((a) => typeof f(a).updated === 'string' && Date.parse(f(a).updated as string) >= lo && Date.parse(f(a).updated as string) <= hi);
      expect(r.hits.map((h) => h.id).sort()).to.deep.equal(want.map((a) => a.id).sort());
      const sorted = index.search('', { ...all, sort: '-updated' }).hits.map((h) => h.fields?.updated).filter((v) => v !== undefined) as string[];
      expect(sorted).to.deep.equal([...sorted].sort().reverse());
    });

    it('take ranges on the publication date, as dateFrom/dateTo do', () => {
      const a = index.search('', { ...all, ranges: { date: { gte: '2019-03-01', lt: '2019-06-01' } } });
      const b = index.search('', { ...all, dateFrom: '2019-03-01', dateTo: '2019-05-31' });
      expect(a.hits.map((h) => h.id)).to.deep.equal(b.hits.map((h) => h.id));
      expect(a.total).to.be.greaterThan(0);
    });
  });

  describe('returned and stored fields', () => {
    it('put returned fields on hits, not the others; get(id) has them all', () => {
      const hit = index.search('', { limit: 1, snippets: 0, sort: 'date_asc' }).hits[0];
      const article = corpus.find((a) => a.id === hit.id) as Article;
      const want = Object.fromEntries(Object.entries(f(article)).filter(([k]) => k !== 'internalNote'));
      expect(hit.fields).to.deep.equal(want);
      expect(index.get(hit.id)?.fields).to.deep.equal(f(article));
    });

    it('drops the dropped default fields from stored articles, facets and filters', () => {
      const withExchange = corpus.find((a) => a.exchanges) as Article;
      expect(index.get(withExchange.id)?.exchanges).to.equal(undefined);
      expectError(() => index.search('', { filters: { exchanges: ['nyse'] } as never }), 'invalid_query', /unknown filter field "exchanges"/);
      expect(index.search('exchanges:nyse', all).interpretedAs).to.not.match(/^exchanges:/);
    });
  });

  describe('bad input', () => {
    it('rejects an invalid schema at creation', () => {
      expectError(() => createSearchIndex({ schema: { fields: { title: { type: 'text' } } } }), 'invalid_schema', /"title"/);
    });

    it('rejects declared values of the wrong kind at add, naming the field', () => {
      const ix = createSearchIndex({ schema: NEWSROOM_SCHEMA });
      const base: Article = { id: 'x', title: 't', paragraphs: ['p'] };
      expectError(() => ix.add({ ...base, fields: { wordCount: 'long' } }), 'invalid_article', /"wordCount" must be a finite number, got "long"/);
      expectError(() => ix.add({ ...base, fields: { section: ['a', 'b'] } }), 'invalid_article', /"section" must be a string/);
      expectError(() => ix.add({ ...base, fields: { tags: ['a', 3] as never } }), 'invalid_article', /"tags"/);
      expectError(() => ix.add({ ...base, fields: { updated: 'yesterday' } }), 'invalid_article', /"updated" must be an ISO 8601 date/);
      expectError(() => ix.add({ ...base, fields: { byline: 'x' } }), 'invalid_article', /"byline" is not declared.*section, tags/);
      expect(ix.size).to.equal(0);
      ix.add({ ...base, fields: { tags: 'solo' } });
      expect(ix.get('x')?.fields?.tags).to.deep.equal(['solo']);
    });

    it('names the unknown field and the declared ones in search options', () => {
      expectError(() => index.search('', { filters: { sectoin: ['x'] } as never }), 'invalid_query', /unknown filter field "sectoin".*section, tags/);
      expectError(() => index.search('', { facets: ['wordcount'] as never }), 'invalid_query', /unknown facet field "wordcount".*wordCount/);
      expectError(() => index.search('', { ranges: { section: { gte: 1 } } as never }), 'invalid_query', /unknown range field "section"/);
      expectError(() => index.search('', { ranges: { wordCount: { gte: '300' } } as never }), 'invalid_query', /ranges.wordCount.gte must be a finite number/);
      expectError(() => index.search('', { ranges: { wordCount: { from: 3 } } as never }), 'invalid_query', /unknown bound "from"/);
      expectError(() => index.search('', { ranges: { updated: { gte: 'soon' } } }), 'invalid_query', /ranges.updated.gte/);
      expectError(() => index.search('', { sort: '-section' as never }), 'invalid_query', /sort must be.*-wordCount/);
      expectError(() => index.search('', { stats: ['tags'] as never }), 'invalid_query', /unknown stats field "tags"/);
      expectError(() => index.search('', { facets: ['pageNumber'] }), 'invalid_query', /"pageNumber" has no declared buckets/);
      expectError(() => index.search('', { facets: ['wordCount'], facetBuckets: { wordCount: [{ from: 5, to: 1 }] } }), 'invalid_query', /from 5 not below to 1/);
      expect(() => index.search('', { sort: '-wordCount' })).to.not.throw();
      let thrown: unknown;
      try {
        index.search('', { sort: 'nope' as never });
      } catch (e) {
        thrown = e;
      }
      expect(thrown).to.be.instanceOf(InvalidQueryError);
    });
  });

  it('exports (searchAll) in a number sort with ranges, as search orders its hits', () => {
    const o = { ranges: { wordCount: { gte: 200 } }, sort: 'wordCount', filters: { tags: ['ai', 'health'] } } as const;
    const rows = [...index.searchAll('', o)].map((r) => r.id);
    expect(rows).to.deep.equal(index.search('', { ...all, ...o }).hits.map((h) => h.id));
    expect(rows.length).to.be.greaterThan(0);
  });

  it('counts after removals as over the remaining articles', () => {
    const ix = createSearchIndex({ schema: NEWSROOM_SCHEMA });
    ix.addAll(corpus);
    const removed = corpus.filter((_, i) => i % 3 === 0);
    for (const a of removed) ix.remove(a.id);
    const left = corpus.filter((_, i) => i % 3 !== 0);
    const r = ix.search('', { ...all, facets: ['section', 'tags', 'wordCount'], facetLimit: 0, ranges: { wordCount: { lt: 800 } } });
    const inRange = left.filter((a) => (num(a, 'wordCount') ?? NaN) < 800);
    expect(r.total).to.equal(inRange.length);
    expect(r.facets.section).to.deep.equal(directCounts(inRange, (a) => list(a, 'section')));
    expect(r.facets.tags).to.deep.equal(directCounts(inRange, (a) => list(a, 'tags')));
    expect(r.facets.wordCount?.[2].count).to.equal(left.filter((a) => (num(a, 'wordCount') ?? -1) >= 800).length);
    expect(SECTIONS).to.include.members((r.facets.section ?? []).map((v) => v.value));
  });
});
