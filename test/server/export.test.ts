import { expect } from 'chai';
import request from 'supertest';
import { createSearchIndex, type Article } from '../../lib/index.js';
import { createApp, type SearchApp } from '../../server/app.js';
import { csvField, exportFileName } from '../../server/export-format.js';
import { createIndexHolder } from '../../server/index-holder.js';
import { ndjsonRows, parseCsv } from './csv.js';
import { expectError, fixtureApp, loadFixtureArticles, schemas } from './helpers.js';

/** Supertest's body of a text download. */
function text(res: { text: string }): string {
  return res.text;
}

describe('GET /api/export', () => {
  let app: SearchApp;
  before(async () => {
    ({ app } = await fixtureApp());
  });

  it('writes every matching article as CSV, as many rows as the search total', async () => {
    const search = await request(app).get('/api/search?q=korea');
    const res = await request(app).get('/api/export?q=korea');
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.match(/^text\/csv/);
    expect(res.headers['content-disposition']).to.match(/^attachment; filename="ledesearch-korea-\d{4}-\d{2}-\d{2}\.csv"$/);
    const records = parseCsv(text(res));
    expect(records[0]).to.deep.equal(['id', 'date', 'title', 'source', 'publisher', 'url', 'score']);
    expect(records.length - 1).to.equal(search.body.total);
    expect(search.body.total).to.be.greaterThan(1);
    expect(res.headers['x-total-count']).to.equal(String(search.body.total));
    // Relevance order, as the search ranks them.
    const ids = records.slice(1).map((r) => r[0]);
    expect(ids.slice(0, search.body.hits.length)).to.deep.equal(search.body.hits.map((h: { id: string }) => h.id));
  });

  it('honours filters, dates and sort', async () => {
    const search = await request(app).get('/api/search?q=&source=Reuters&sort=date_asc&limit=100');
    const res = await request(app).get('/api/export?source=Reuters&sort=date_asc');
    expect(res.status).to.equal(200);
    const ids = parseCsv(text(res)).slice(1).map((r) => r[0]);
    expect(ids).to.deep.equal(search.body.hits.map((h: { id: string }) => h.id));
    const dated = await request(app).get('/api/export?from=2019-10-15&to=2019-10-31');
    const dates = parseCsv(text(dated)).slice(1).map((r) => r[1] as string);
    expect(dates).to.not.be.empty;
    for (const d of dates) expect(d.slice(0, 10) >= '2019-10-15' && d.slice(0, 10) <= '2019-10-31').to.equal(true);
  });

  it('writes NDJSON with the chosen extra fields', async () => {
    const { res, rows } = await ndjsonRows(request(app).get('/api/export?q=missile&format=ndjson&fields=places,dateline'));
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.match(/^application\/x-ndjson/);
    expect(res.headers['content-disposition']).to.contain('.ndjson"');
    const row = rows.find((r) => r.id === 'reuters/123');
    expect(row).to.include({ dateline: 'SEOUL', source: 'Reuters' });
    // JSON keeps lists as lists (only CSV joins them).
    expect(row?.places).to.deep.equal(['south-korea', 'north-korea']);
    expect(row?.score).to.be.a('number');
  });

  it('quotes commas, quotes and line breaks, and neutralises formulas', async () => {
    const tricky: Article[] = [
      { id: 'x/1', title: 'Oil, gas and "power"', paragraphs: ['oil report one'], source: 'Line\r\nBreak' },
      { id: 'x/2', title: '=HYPERLINK("http://example.com")', paragraphs: ['oil report two'], publisher: '@SUM(A1)', source: '+1', author: '-2' },
    ];
    const index = createSearchIndex();
    index.addAll([...(await loadFixtureArticles()), ...tricky]);
    const trickyApp = createApp(createIndexHolder(index), { logger: false, schemas });
    const res = await request(trickyApp).get('/api/export?q=report&fields=author');
    expect(res.status).to.equal(200);
    const records = parseCsv(text(res));
    const byId = new Map(records.slice(1).map((r) => [r[0], r]));
    expect(byId.get('x/1')?.[2]).to.equal('Oil, gas and "power"');
    expect(byId.get('x/1')?.[3]).to.equal('Line\r\nBreak');
    expect(byId.get('x/2')?.[2]).to.equal(`'=HYPERLINK("http://example.com")`);
    expect(byId.get('x/2')?.[3]).to.equal("'+1");
    expect(byId.get('x/2')?.[4]).to.equal("'@SUM(A1)");
    expect(byId.get('x/2')?.[7]).to.equal("'-2");
    for (const r of records) expect(r).to.have.length(8);
  });

  it('refuses, before writing anything, a search matching more than the limit', async () => {
    const { app: small } = await fixtureApp({ exportMax: 2 });
    const res = await request(small).get('/api/export?q=');
    expectError(res, 400, 'export_too_large');
    expect(res.body.error).to.match(/more than this server exports at once \(2\)/);
    const ok = await request(small).get('/api/export?q=missile');
    expect(ok.status).to.equal(200);
  });

  it('answers 400 JSON for a bad parameter', async () => {
    const res = await request(app).get('/api/export?format=xlsx');
    expectError(res, 400, 'invalid_request');
    expect(res.body.details[0].parameter).to.equal('format');
    expectError(await request(app).get('/api/export?fields=password'), 400, 'invalid_request');
    expectError(await request(app).get('/api/export?limit=5'), 400, 'invalid_request');
  });
});

describe('export formatting', () => {
  it('leaves plain text alone and quotes only what needs it', () => {
    expect(csvField('plain')).to.equal('plain');
    expect(csvField('a,b')).to.equal('"a,b"');
    expect(csvField('say "hi"')).to.equal('"say ""hi"""');
    expect(csvField(['a', 'b'])).to.equal('a; b');
    expect(csvField(undefined)).to.equal('');
    expect(csvField(1.5)).to.equal('1.5');
  });

  it('makes a safe download name from the query', () => {
    const day = new Date('2026-12-01T10:00:00Z');
    expect(exportFileName('Oil "prices" / OPEC', 'csv', day)).to.equal('ledesearch-oil-prices-opec-2026-12-01.csv');
    expect(exportFileName('', 'ndjson', day)).to.equal('ledesearch-all-2026-12-01.ndjson');
  });
});
