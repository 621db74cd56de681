import { expect } from 'chai';
import request from 'supertest';
import { FACET_FIELDS } from '../../lib/index.js';
import type { SearchApp } from '../../server/app.js';
import { expectError, expectValid, fixtureApp } from './helpers.js';

describe('GET /api/facets', () => {
  let app: SearchApp;
  before(async () => {
    ({ app } = await fixtureApp());
  });

  it('lists every facet field with its values and counts over the whole index', async () => {
    const res = await request(app).get('/api/facets');
    expect(res.status).to.equal(200);
    expectValid('facets-response', res.body);
    expect(res.body.numArticles).to.equal(8);
    expect(Object.keys(res.body.facets).sort()).to.deep.equal([...FACET_FIELDS].sort());
    expect(res.body.facets.category[0]).to.deep.equal({ value: 'Business', count: 3 });
    expect(res.body.facets.publisher).to.deep.equal([
      { value: 'Intellasia', count: 5 },
      { value: 'Reuters', count: 3 },
    ]);
  });

  it('lists only the fields asked for, with at most limit values', async () => {
    const res = await request(app).get('/api/facets?fields=category,places&limit=1');
    expect(res.status).to.equal(200);
    expectValid('facets-response', res.body);
    expect(Object.keys(res.body.facets).sort()).to.deep.equal(['category', 'places']);
    expect(res.body.facets.category).to.deep.equal([{ value: 'Business', count: 3 }]);
  });

  it('answers 400 for an unknown field or a limit out of range', async () => {
    expectError(await request(app).get('/api/facets?fields=colour'), 400, 'invalid_request');
    const res = await request(app).get('/api/facets?limit=1001');
    expectError(res, 400, 'invalid_request');
    expect(res.body.details[0].parameter).to.equal('limit');
  });
});

describe('GET /api/suggest', () => {
  let app: SearchApp;
  before(async () => {
    ({ app } = await fixtureApp());
  });

  it('completes a prefix from the vocabulary', async () => {
    const res = await request(app).get('/api/suggest?q=mis');
    expect(res.status).to.equal(200);
    expectValid('suggest-response', res.body);
    expect(res.body).to.deep.equal({ query: 'mis', suggestions: ['missile'] });
  });

  it('gives at most limit completions', async () => {
    const res = await request(app).get('/api/suggest?q=k&limit=1');
    expect(res.status).to.equal(200);
    expectValid('suggest-response', res.body);
    expect(res.body.suggestions).to.have.length(1);
  });

  it('answers 400 without q, or with a limit over 50', async () => {
    const missing = await request(app).get('/api/suggest');
    expectError(missing, 400, 'invalid_request');
    expect(missing.body.details[0]).to.deep.equal({ parameter: 'q', message: 'is required' });
    expectError(await request(app).get('/api/suggest?q=k&limit=51'), 400, 'invalid_request');
  });
});
