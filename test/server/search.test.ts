import { expect } from 'chai';
import request from 'supertest';
import { FACET_FIELDS, type SearchResult } from '../../lib/index.js';
import type { SearchApp } from '../../server/app.js';
import { expectError, expectValid, fixtureApp } from './helpers.js';

describe('GET /api/search', () => {
  let app: SearchApp;
  before(async () => {
    ({ app } = await fixtureApp());
  });

  async function search(query: string): Promise<SearchResult> {
    const res = await request(app).get(`/api/search?${query}`);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expectValid('search-response', res.body);
    return res.body as SearchResult;
  }

  describe('results', () => {
    it('ranks the article about the missile test first, with a highlighted snippet', async () => {
      const r = await search('q=north+korea+missile');
      expect(r.query).to.equal('north korea missile');
      expect(r.total).to.be.greaterThan(1);
      expect(['korea/seed-talks', 'reuters/123']).to.include(r.hits[0].id);
      const marked = r.hits[0].snippets.map((s) => s.html).join(' ');
      expect(marked).to.match(/<mark>[^<]*[Mm]issile[^<]*<\/mark>/);
    });

    it('counts no facet unless asked, and every facet field for facets=*', async () => {
      expect((await search('q=korea&limit=100')).facets).to.deep.equal({});
      const r = await search('q=korea&limit=100&facets=*');
      expect(Object.keys(r.facets).sort()).to.deep.equal([...FACET_FIELDS].sort());
      // Counted over the match set: as many as the hits that carry the value.
      const withKorea = r.hits.filter((h) => h.category?.includes('Korea')).length;
      expect(withKorea).to.be.greaterThan(0);
      expect(r.facets.category).to.deep.include({ value: 'Korea', count: withKorea });
    });

    it('takes facets comma-separated or repeated, and none when empty', async () => {
      const comma = await search('q=korea&facets=category,places');
      const repeated = await search('q=korea&facets=category&facets=places');
      expect(Object.keys(comma.facets).sort()).to.deep.equal(['category', 'places']);
      expect(repeated.facets).to.deep.equal(comma.facets);
      expect((await search('q=korea&facets=')).facets).to.deep.equal({});
    });

    it('filters by a facet, values of one field OR-ed', async () => {
      const korea = await search('q=&category=Korea');
      expect(korea.hits.map((h) => h.id).sort()).to.deep.equal(['korea/seed-talks', 'korea/trade']);
      const either = await search('q=&category=Politics&category=Technology');
      expect(either.hits.map((h) => h.id).sort()).to.deep.equal(['korea/seed-talks', 'korea/xss']);
    });

    it('filters on every facet field, scalar ones too', async () => {
      expect((await search('publisher=Reuters')).total).to.equal(3);
      expect((await search('places=usa')).hits.map((h) => h.id)).to.deep.equal(['reuters/125']);
    });

    it('filters by date, a bare `to` date covering its whole day', async () => {
      const r = await search('from=2019-10-10&to=2019-10-14');
      expect(r.hits.map((h) => h.id).sort()).to.deep.equal(['korea/seed-talks', 'korea/trade']);
    });

    it('sorts by date both ways', async () => {
      const desc = (await search('sort=date&limit=100')).hits.map((h) => h.date as string);
      const asc = (await search('sort=date_asc&limit=100')).hits.map((h) => h.date as string);
      expect(desc).to.have.length(8);
      expect(desc).to.deep.equal([...desc].sort().reverse());
      expect(asc).to.deep.equal([...desc].reverse());
    });

    it('pages with limit and offset', async () => {
      const all = (await search('sort=date&limit=100')).hits.map((h) => h.id);
      const page = await search('sort=date&limit=3&offset=2');
      expect(page.total).to.equal(8);
      expect(page.hits.map((h) => h.id)).to.deep.equal(all.slice(2, 5));
    });

    it('adds a date histogram with histogram=1', async () => {
      const r = await search('q=&sort=date&histogram=1');
      expect(r.dateHistogram).to.deep.include({ value: '2019-10', count: 4 });
      expect((await search('q=korea')).dateHistogram).to.equal(undefined);
    });

    it('sends snippet html alone by default, and the parts asked for with parts=', async () => {
      const lean = await search('q=missile');
      const full = await search('q=missile&parts=text,html,matches');
      expect(full.hits.length).to.be.greaterThan(0);
      expect(lean.hits.map((h) => h.snippets)).to.deep.equal(full.hits.map((h) => h.snippets.map((s) => ({ paragraph: s.paragraph, html: s.html }))));
      expect(full.hits[0].snippets[0].text).to.be.a('string');
      const repeated = await search('q=missile&parts=matches&parts=text&snippetLength=40');
      for (const s of repeated.hits[0].snippets) {
        expect(Object.keys(s).sort()).to.deep.equal(['matches', 'paragraph', 'text']);
        expect(s.text?.length).to.be.at.most(40);
      }
    });

    it('honours snippets and match', async () => {
      expect((await search('q=missile&snippets=0')).hits[0].snippets).to.deep.equal([]);
      const any = await search('q=cocoa+missile');
      const all = await search('q=cocoa+missile&match=all');
      expect(any.total).to.be.greaterThan(1);
      expect(all.total).to.equal(0);
    });

    it('counts the total up to trackTotal when no facet is asked for, and says so', async () => {
      const exact = await search('q=korea&facets=&trackTotal=true');
      expect(exact.totalExact).to.equal(true);
      expect(exact.total).to.be.greaterThan(1);
      const capped = await search('q=korea&facets=&trackTotal=1');
      expect(capped).to.include({ total: 1, totalExact: false });
      expect(capped.hits.map((h) => h.id)).to.deep.equal(exact.hits.map((h) => h.id));
      // Facets need every match, so the total stays exact whatever trackTotal says.
      expect(await search('q=korea&facets=places&trackTotal=1')).to.include({ total: exact.total, totalExact: true });
      expect(await search(`q=korea&facets=&trackTotal=${exact.total + 1}`)).to.include({ total: exact.total, totalExact: true });
      expect(await search('q=korea&facets=&trackTotal=false')).to.include({ total: 0, totalExact: false });
    });

    it('suggests a spelling when nothing matched', async () => {
      const r = await search('q=misile');
      expect(r.total).to.equal(0);
      expect(r.didYouMean).to.equal('missile');
    });

    it('returns article text escaped in html fields', async () => {
      const res = await request(app).get('/api/search?q=alert+script');
      expect(res.status).to.equal(200);
      expectValid('search-response', res.body);
      const hit = (res.body as SearchResult).hits.find((h) => h.id === 'korea/xss');
      expect(hit, 'xss article found').to.not.equal(undefined);
      expect(hit?.title).to.contain('<script>alert(1)</script>');
      expect(hit?.titleHtml).to.contain('&lt;');
      expect(hit?.titleHtml).to.not.contain('<script');
      for (const s of hit?.snippets ?? []) expect(s.html).to.not.match(/<(?!\/?mark>)/);
      // JSON escaping: the raw bytes never hold a tag a browser could sniff.
      expect(res.text).to.not.contain('<script');
    });
  });

  describe('errors', () => {
    const cases: Array<[string, string, string]> = [
      ['limit over 100', 'q=a&limit=101', 'limit'],
      ['a negative offset', 'q=a&offset=-1', 'offset'],
      ['offset over 10,000', 'q=a&offset=10001', 'offset'],
      ['a non-numeric limit', 'q=a&limit=ten', 'limit'],
      ['an unknown sort', 'q=a&sort=random', 'sort'],
      ['an unknown match', 'q=a&match=some', 'match'],
      ['a trackTotal that is not a whole number or true/false', 'q=a&trackTotal=1.5', 'trackTotal'],
      ['a negative trackTotal', 'q=a&trackTotal=-1', 'trackTotal'],
      ['an unknown facet field', 'q=a&facets=colour', 'facets'],
      ['an unknown parameter (a misspelt filter)', 'q=a&catgory=Korea', 'catgory'],
      ['q given twice', 'q=a&q=b', 'q'],
      ['a malformed date', 'q=a&from=10/10/2019', 'from'],
      ['a bad histogram value', 'q=a&histogram=yes', 'histogram'],
      ['snippets over 10', 'q=a&snippets=11', 'snippets'],
      ['an unknown snippet part', 'q=a&parts=pdf', 'parts'],
      ['snippetLength under 20', 'q=a&snippetLength=5', 'snippetLength'],
      ['facetLimit of 0', 'q=a&facetLimit=0', 'facetLimit'],
    ];
    for (const [what, query, parameter] of cases) {
      it(`answers 400 naming the parameter for ${what}`, async () => {
        const res = await request(app).get(`/api/search?${query}`);
        expectError(res, 400, 'invalid_request');
        expect(res.body.error).to.contain(`"${parameter}"`);
        expect(res.body.details.map((d: { parameter?: string }) => d.parameter)).to.include(parameter);
      });
    }

    it('answers 400 for a query over 500 characters', async () => {
      const res = await request(app).get(`/api/search?q=${'a'.repeat(501)}`);
      expectError(res, 400, 'invalid_request');
      expect(res.body.details[0]).to.deep.include({ parameter: 'q' });
      expect((await request(app).get(`/api/search?q=${'a'.repeat(500)}`)).status).to.equal(200);
    });

    it('answers 400 invalid_query, with the HTTP name of the parameter, for errors the library finds', async () => {
      const impossible = await request(app).get('/api/search?q=a&from=2019-02-30');
      expectError(impossible, 400, 'invalid_query');
      expect(impossible.body.details[0].parameter).to.equal('from');
      const reversed = await request(app).get('/api/search?q=a&from=2019-12-01&to=2019-01-01');
      expectError(reversed, 400, 'invalid_query');
      expect(reversed.body.details[0].parameter).to.equal('from');
      expect(reversed.body.error).to.not.contain('dateFrom');
      expect(reversed.body.error).to.not.contain('dateTo');
      expect(reversed.body.error).to.equal('the date range is empty: from is after to');
    });
  });
});
