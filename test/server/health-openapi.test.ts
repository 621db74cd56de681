import { expect } from 'chai';
import request from 'supertest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { createApp } from '../../server/app.js';
import { createIndexHolder } from '../../server/index-holder.js';
import { expectError, expectValid, fixtureApp, fixtureIndex, schemas } from './helpers.js';

describe('GET /api/health', () => {
  it('reports counts, when and how the index was built, and the reindex state', async () => {
    const builtAt = '2024-01-02T03:04:05.000Z';
    const holder = createIndexHolder(await fixtureIndex(), { builtAt, buildMs: 42, source: 'corpus', numCorpusErrors: 1 });
    const app = createApp(holder, { logger: false, schemas });
    const res = await request(app).get('/api/health');
    expect(res.status).to.equal(200);
    expectValid('health-response', res.body);
    expect(res.body).to.deep.include({ status: 'ok', numArticles: 8, builtAt, buildMs: 42, source: 'corpus', numCorpusErrors: 1 });
    expect(res.body.numParagraphs).to.be.greaterThan(8);
    expect(res.body.reindex).to.deep.equal({ state: 'idle' });
    expect(res.headers['cache-control']).to.equal('no-store');
  });

  it('answers 400 for any parameter', async () => {
    const { app } = await fixtureApp();
    expectError(await request(app).get('/api/health?verbose=1'), 400, 'invalid_request');
  });
});

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.1 document describing every endpoint', async () => {
    const { app } = await fixtureApp();
    const res = await request(app).get('/api/openapi.json');
    expect(res.status).to.equal(200);
    expectValid('openapi-response', res.body);
    expect(res.body.openapi).to.equal('3.1.0');
    expect(Object.keys(res.body.paths).sort()).to.deep.equal(
      ['/api/articles/{id}', '/api/articles/{id}/similar', '/api/export', '/api/facets', '/api/health', '/api/live', '/api/openapi.json', '/api/ready', '/api/reindex', '/api/schema', '/api/search', '/api/suggest'].sort(),
    );
    const searchParams = res.body.paths['/api/search'].get.parameters.map((p: { name: string }) => p.name);
    expect(searchParams).to.include.members(['q', 'category', 'from', 'to', 'sort', 'limit', 'offset', 'facets', 'histogram']);
  });

  it('documents the query syntax in the description of q, one example per construct (issue 10)', async () => {
    const { app } = await fixtureApp();
    const doc = (await request(app).get('/api/openapi.json')).body;
    const q = doc.paths['/api/search'].get.parameters.find((p: { name: string }) => p.name === 'q') as { description: string };
    for (const example of ['"north korea"', '-gas', '+opec', ' AND ', ' OR ', 'AND NOT', '(opec OR cartel)', 'title:oil', 'topics:crude', 'missil*', 'NEAR/5', 'SAME(']) {
      expect(q.description, example).to.contain(example);
    }
    expect(q.description).to.contain('"Query syntax"');
    const response = doc.components.schemas.SearchResponse.properties;
    expect(response.interpretedAs.type).to.equal('string');
    expect(response.unsearchable.type).to.equal('boolean');
  });

  it('uses only references that resolve inside the document', async () => {
    const { app } = await fixtureApp();
    const doc = (await request(app).get('/api/openapi.json')).body;
    const refs: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if (k === '$ref') refs.push(String(v));
          else walk(v);
        }
      }
    };
    walk(doc);
    expect(refs.length).to.be.greaterThan(10);
    for (const ref of refs) {
      expect(ref, ref).to.match(/^#\/components\/schemas\/\w+$/);
      expect(doc.components.schemas, ref).to.have.property(ref.split('/').pop() as string);
    }
  });

  it('has component schemas that compile as JSON Schema 2020-12', async () => {
    const { app } = await fixtureApp();
    const doc = (await request(app).get('/api/openapi.json')).body;
    const ajv = new Ajv2020({ strict: false });
    ajvFormats.default(ajv);
    ajv.addSchema({ $id: 'https://ledesearch.test/openapi.json', components: doc.components });
    for (const name of Object.keys(doc.components.schemas)) {
      // Refs are relative to the document root, so compile each component through a wrapper.
      expect(() => ajv.compile({ $ref: `https://ledesearch.test/openapi.json#/components/schemas/${name}` }), name).to.not.throw();
    }
  });
});
