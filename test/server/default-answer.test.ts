import { expect } from 'chai';
import request from 'supertest';
import { createSearchIndex, FACET_FIELDS, type Article } from '../../lib/index.js';
import { createApp } from '../../server/app.js';
import { createIndexHolder } from '../../server/index-holder.js';
import { expectValid, schemas } from './helpers.js';

/** 60 articles over 30 topics and 25 datelines with uneven counts, so top-N selection matters. */
function articles(): Article[] {
  return Array.from({ length: 60 }, (_, i) => ({
    id: `a${i}`,
    title: `Oil report ${i}`,
    paragraphs: [`Crude oil & gas <news> number ${i}.`, `Second paragraph about oil prices ${i % 7}.`],
    date: `1987-03-${String(1 + (i % 28)).padStart(2, '0')}`,
    publisher: 'Reuters',
    topics: [`topic-${i % 30}`, `topic-${(i * 7) % 11}`],
    dateline: `CITY-${(i * i) % 25}`,
  }));
}

describe('GET /api/search default answer (issue 15)', () => {
  const index = createSearchIndex();
  index.addAll(articles());
  const app = createApp(createIndexHolder(index), { logger: false, schemas });

  it('carries html snippets only and no facet counts: those are asked for', async () => {
    const res = await request(app).get('/api/search?q=oil');
    expect(res.status).to.equal(200);
    expectValid('search-response', res.body);
    const snippets = res.body.hits.flatMap((h: { snippets: object[] }) => h.snippets);
    expect(snippets.length).to.be.greaterThan(0);
    for (const s of snippets) expect(Object.keys(s).sort()).to.deep.equal(['html', 'paragraph']);
    expect(res.body.facets).to.deep.equal({});
    // The total is still exact here: 60 matches, well under trackTotal's default.
    expect(res.body).to.include({ total: 60, totalExact: true });
  });

  it('counts every facet field for facets=*, at most 10 values a field: the top 10 of the full counts', async () => {
    const res = await request(app).get('/api/search?q=oil&facets=*');
    expect(res.status).to.equal(200);
    expectValid('search-response', res.body);
    expect(Object.keys(res.body.facets).sort()).to.deep.equal([...FACET_FIELDS].sort());
    const all = index.search('oil', { facets: [...FACET_FIELDS], facetLimit: 0, limit: 0 }).facets;
    for (const field of FACET_FIELDS) {
      expect(res.body.facets[field], field).to.deep.equal((all[field] ?? []).slice(0, 10));
    }
    // The fields this corpus fills have more than 10 values, so the limit did cut.
    expect(all.topics?.length).to.be.greaterThan(10);
    expect(all.dateline?.length).to.be.greaterThan(10);
    // The hits are the default answer's.
    const plain = await request(app).get('/api/search?q=oil');
    expect(res.body.hits).to.deep.equal(plain.body.hits);
  });

  it('gives every left-out part back by a parameter: more facet values, all snippet parts', async () => {
    const res = await request(app).get('/api/search?q=oil&facets=topics&facetLimit=20&parts=text,html,matches');
    expect(res.status).to.equal(200);
    expectValid('search-response', res.body);
    expect(res.body.facets.topics).to.have.length(20);
    const snippet = res.body.hits[0].snippets[0];
    expect(Object.keys(snippet).sort()).to.deep.equal(['html', 'matches', 'paragraph', 'text']);
    expect(snippet.text).to.contain('&');
  });
});
