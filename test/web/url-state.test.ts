/**
 * The page's URL state (web/url-state.js), in Node: a plain ES module with no DOM, so its
 * round trips are checked here directly, and fast.
 */
import { expect } from 'chai';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './harness.js';

interface PageState {
  q: string;
  filters: Record<string, string[]>;
  from: string;
  to: string;
  sort: string;
  page: number;
  article: string;
  share: boolean;
  interval: string;
  compare: string;
}

interface UrlStateModule {
  exportApiUrl(s: PageState): string;
  FACET_FIELDS: readonly string[];
  MAX_PAGE: number;
  emptyState(): PageState;
  parseState(search: string): PageState;
  stateToQuery(s: PageState): string;
  searchKey(s: PageState): string;
  searchApiUrl(s: PageState): string;
  articleApiUrl(id: string, q: string): string;
  isBlank(s: PageState): boolean;
  countFilters(s: PageState): number;
  monthRange(month: string): { from: string; to: string };
  monthsBetween(first: string, last: string): string[];
  bucketRange(value: string, interval: string): { from: string; to: string };
  bucketsBetween(first: string, last: string, interval: string): string[];
}

describe('web/url-state.js', () => {
  let m: UrlStateModule;
  before(async () => {
    m = (await import(pathToFileURL(join(repoRoot(), 'web', 'url-state.js')).href)) as UrlStateModule;
  });

  describe('#parseState', () => {
    it('reads every part of the state', () => {
      const s = m.parseState('?q=north+korea&category=Korea&category=Politics&topics=trade&from=2020-01-01&to=2020-02-29&sort=date&share=1&interval=week&compare=oil+prices&page=3&article=seed%2F000');
      expect(s).to.deep.equal({
        q: 'north korea',
        filters: { category: ['Korea', 'Politics'], topics: ['trade'] },
        from: '2020-01-01',
        to: '2020-02-29',
        sort: 'date',
        page: 3,
        article: 'seed/000',
        share: true,
        interval: 'week',
        compare: 'oil prices',
      });
    });

    it('drops what is malformed instead of passing it to the API', () => {
      const s = m.parseState('?sort=random&page=-2&from=yesterday&to=2020-1-1&colour=red&category=&category=A&category=A&interval=hour');
      expect(s).to.deep.equal({ ...m.emptyState(), filters: { category: ['A'] } });
      expect(m.parseState('?page=99999999').page).to.equal(m.MAX_PAGE);
      expect(m.parseState('?page=2.5').page).to.equal(1);
    });
  });

  describe('#stateToQuery', () => {
    it('gives an empty string for the empty state and leaves defaults out', () => {
      expect(m.stateToQuery(m.emptyState())).to.equal('');
      expect(m.stateToQuery({ ...m.emptyState(), q: 'oil', sort: 'relevance', page: 1 })).to.equal('?q=oil');
    });

    it('round-trips through parseState, with characters that need escaping', () => {
      const s: PageState = {
        q: 'a&b=c #1 “quoted” é',
        filters: { people: ['O\'Neil & Sons'], category: ['x/y?z'] },
        from: '2019-12-31',
        to: '',
        sort: 'date_asc',
        page: 2,
        article: 'reuters/1&2',
        share: true,
        interval: 'auto',
        compare: 'tin & "copper"',
      };
      const query = m.stateToQuery(s);
      const back = m.parseState(query);
      expect(back).to.deep.equal(s);
      // Fields come out in the sidebar's order, whatever order they were ticked in.
      expect(query.indexOf('category=')).to.be.lessThan(query.indexOf('people='));
    });
  });

  describe('#searchApiUrl', () => {
    it('asks for one page of hits, the facets and the histogram', () => {
      const url = m.searchApiUrl({ ...m.emptyState(), q: 'oil', filters: { topics: ['a', 'b'] }, page: 3, article: 'x/1' });
      const [path, query] = url.split('?');
      expect(path).to.equal('api/search');
      const p = new URLSearchParams(query);
      expect(p.get('q')).to.equal('oil');
      expect(p.getAll('topics')).to.deep.equal(['a', 'b']);
      expect(p.get('limit')).to.equal('10');
      expect(p.get('offset')).to.equal('20');
      expect(p.get('histogram')).to.equal('1');
      expect(p.has('article')).to.equal(false);
      expect(p.has('page')).to.equal(false);
      expect(p.get('collapse')).to.equal('duplicates');
      expect(p.has('histogramNormalize')).to.equal(false);
      expect(new URLSearchParams(m.searchApiUrl({ ...m.emptyState(), share: true }).split('?')[1]).get('histogramNormalize')).to.equal('1');
      expect(p.has('compare')).to.equal(false);
    });

    it('asks for the interval and the comparison the timeline shows', () => {
      for (const interval of ['auto', 'day', 'week', 'year']) {
        const p = new URLSearchParams(m.searchApiUrl({ ...m.emptyState(), q: 'oil', interval, compare: ' gas ' }).split('?')[1]);
        expect(p.get('histogram')).to.equal(interval);
        expect(p.get('compare')).to.equal('gas');
      }
    });

    it('gives the export URL of the same search as CSV, without paging', () => {
      const s = { ...m.emptyState(), q: 'oil', filters: { topics: ['a'] }, from: '2019-01-01', sort: 'date', page: 3 };
      const [path, query] = m.exportApiUrl(s).split('?');
      expect(path).to.equal('api/export');
      const p = new URLSearchParams(query);
      expect(Object.fromEntries(p)).to.deep.equal({ q: 'oil', topics: 'a', from: '2019-01-01', sort: 'date', collapse: 'duplicates', format: 'csv' });
    });

    it('leaves out a blank query', () => {
      expect(new URLSearchParams(m.searchApiUrl({ ...m.emptyState(), q: '   ' }).split('?')[1]).has('q')).to.equal(false);
    });
  });

  describe('#articleApiUrl', () => {
    it('encodes the slash of an id into one path segment', () => {
      expect(m.articleApiUrl('reuters/123', '')).to.equal('api/articles/reuters%2F123');
      expect(m.articleApiUrl('a b/c', 'oil & gas')).to.equal('api/articles/a%20b%2Fc?q=oil+%26+gas');
    });
  });

  describe('#searchKey', () => {
    it('ignores the open article, nothing else', () => {
      const s = { ...m.emptyState(), q: 'oil' };
      expect(m.searchKey({ ...s, article: 'a/1' })).to.equal(m.searchKey(s));
      expect(m.searchKey({ ...s, page: 2 })).to.not.equal(m.searchKey(s));
    });
  });

  describe('#isBlank and #countFilters', () => {
    it('counts ticked values and tells a blank page from a search', () => {
      const s = { ...m.emptyState(), filters: { category: ['A', 'B'], topics: ['t'] } };
      expect(m.countFilters(s)).to.equal(3);
      expect(m.isBlank(s)).to.equal(false);
      expect(m.isBlank({ ...m.emptyState(), q: '  ', sort: 'date', page: 4 })).to.equal(true);
      expect(m.isBlank({ ...m.emptyState(), to: '2020-01-01' })).to.equal(false);
    });
  });

  describe('#monthRange', () => {
    it('gives the first and last day, leap years included', () => {
      expect(m.monthRange('2020-02')).to.deep.equal({ from: '2020-02-01', to: '2020-02-29' });
      expect(m.monthRange('2019-02')).to.deep.equal({ from: '2019-02-01', to: '2019-02-28' });
      expect(m.monthRange('1987-12')).to.deep.equal({ from: '1987-12-01', to: '1987-12-31' });
    });
  });

  describe('#bucketRange and #bucketsBetween', () => {
    const day = (t: number): string => new Date(t).toISOString().slice(0, 10);
    it('gives each bucket its first and last day', () => {
      expect(m.bucketRange('1987-03-02', 'day')).to.deep.equal({ from: '1987-03-02', to: '1987-03-02' });
      expect(m.bucketRange('2019-12-30', 'week')).to.deep.equal({ from: '2019-12-30', to: '2020-01-05' });
      expect(m.bucketRange('2020-02', 'month')).to.deep.equal(m.monthRange('2020-02'));
      expect(m.bucketRange('1987', 'year')).to.deep.equal({ from: '1987-01-01', to: '1987-12-31' });
    });

    it('lists every bucket between two, as stepping a day or a week at a time does', () => {
      const start = Date.UTC(2019, 11, 23); // a Monday
      expect(m.bucketsBetween('2019-12-23', '2020-01-13', 'week')).to.deep.equal([0, 1, 2, 3].map((w) => day(start + w * 7 * 86400000)));
      const days = m.bucketsBetween('2020-02-27', '2020-03-02', 'day');
      expect(days).to.deep.equal([0, 1, 2, 3, 4].map((d) => day(Date.UTC(2020, 1, 27) + d * 86400000)));
      expect(m.bucketsBetween('1986', '1989', 'year')).to.deep.equal(['1986', '1987', '1988', '1989']);
      expect(m.bucketsBetween('2019-11', '2020-01', 'month')).to.deep.equal(m.monthsBetween('2019-11', '2020-01'));
    });
  });

  describe('#monthsBetween', () => {
    it('lists every month across a year end', () => {
      expect(m.monthsBetween('2019-11', '2020-02')).to.deep.equal(['2019-11', '2019-12', '2020-01', '2020-02']);
      expect(m.monthsBetween('2020-05', '2020-05')).to.deep.equal(['2020-05']);
    });
  });

  it('knows the same facet fields as the library', async () => {
    const lib = await import('../../lib/index.js');
    expect([...m.FACET_FIELDS]).to.deep.equal([...lib.FACET_FIELDS]);
  });
});
