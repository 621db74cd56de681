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
}

describe('web/url-state.js', () => {
  let m: UrlStateModule;
  before(async () => {
    m = (await import(pathToFileURL(join(repoRoot(), 'web', 'url-state.js')).href)) as UrlStateModule;
  });

  describe('#parseState', () => {
    it('reads every part of the state', () => {
      const s = m.parseState('?q=north+korea&category=Korea&category=Politics&topics=trade&from=2020-01-01&to=2020-02-29&sort=date&share=1&page=3&article=seed%2F000');
      expect(s).to.deep.equal({
        q: 'north korea',
        filters: { category: ['Korea', 'Politics'], topics: ['trade'] },
        from: '2020-01-01',
        to: '2020-02-29',
        sort: 'date',
        page: 3,
        article: 'seed/000',
        share: true,
      });
    });

    it('drops what is malformed instead of passing it to the API', () => {
      const s = m.parseState('?sort=random&page=-2&from=yesterday&to=2020-1-1&colour=red&category=&category=A&category=A');
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
