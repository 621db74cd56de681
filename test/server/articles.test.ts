import { expect } from 'chai';
import request from 'supertest';
import type { SearchApp } from '../../server/app.js';
import { expectError, expectValid, fixtureApp } from './helpers.js';

describe('GET /api/articles/:id', () => {
  let app: SearchApp;
  before(async () => {
    ({ app } = await fixtureApp());
  });

  it('finds an id with a slash given raw', async () => {
    const res = await request(app).get('/api/articles/korea/seed-talks');
    expect(res.status).to.equal(200);
    expectValid('article-response', res.body);
    expect(res.body.article.id).to.equal('korea/seed-talks');
    expect(res.body.article.paragraphs).to.have.length(3);
    expect(res.body.paragraphs).to.have.length(3);
    expect(res.body.query).to.equal('');
    expect(res.body.titleHtml).to.not.contain('<mark>');
  });

  it('finds an id with its slash URL-encoded', async () => {
    const res = await request(app).get('/api/articles/reuters%2F123');
    expect(res.status).to.equal(200);
    expectValid('article-response', res.body);
    expect(res.body.article.id).to.equal('reuters/123');
    expect(res.body.article.places).to.deep.equal(['south-korea', 'north-korea']);
  });

  it('marks the words of q in the title and paragraphs', async () => {
    const res = await request(app).get('/api/articles/reuters/123?q=missile');
    expect(res.status).to.equal(200);
    expectValid('article-response', res.body);
    expect(res.body.query).to.equal('missile');
    expect(res.body.titleHtml).to.contain('<mark>MISSILE</mark>');
    expect(res.body.paragraphs.map((p: { matched: boolean }) => p.matched)).to.deep.equal([true, false]);
    expect(res.body.paragraphs[0].html).to.contain('<mark>missile</mark>');
    // The default schema declares no text field: no fieldsHtml, the answer as it always was.
    expect(Object.keys(res.body)).to.deep.equal(['article', 'query', 'titleHtml', 'duplicates', 'paragraphs']);
  });

  it('returns the article text escaped in html fields and never as raw markup', async () => {
    const res = await request(app).get('/api/articles/korea/xss?q=alert');
    expect(res.status).to.equal(200);
    expectValid('article-response', res.body);
    expect(res.body.article.title).to.contain('<script>alert(1)</script>');
    expect(res.body.titleHtml).to.contain('&lt;script&gt;');
    expect(res.body.paragraphs[0].html).to.contain('&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;');
    expect(res.text).to.not.contain('<script');
  });

  it('answers a JSON 404 for an unknown id', async () => {
    const res = await request(app).get('/api/articles/reuters/999999');
    expectError(res, 404, 'not_found');
    expect(res.body.error).to.contain('"reuters/999999"');
  });

  it('answers 400 for an unknown parameter or a too long q', async () => {
    expectError(await request(app).get('/api/articles/reuters/123?highlight=1'), 400, 'invalid_request');
    const long = await request(app).get(`/api/articles/reuters/123?q=${'x'.repeat(501)}`);
    expectError(long, 400, 'invalid_request');
    expect(long.body.details[0].parameter).to.equal('q');
  });
});
