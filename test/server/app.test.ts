import { expect } from 'chai';
import request from 'supertest';
import { createSearchIndex, type SearchIndex } from '../../lib/index.js';
import { createApp } from '../../server/app.js';
import { createIndexHolder } from '../../server/index-holder.js';
import { expectError, fixtureApp, FIXTURES, schemas } from './helpers.js';
import { join } from 'node:path';

describe('createApp', () => {
  describe('errors', () => {
    it('answers unknown routes with a JSON 404', async () => {
      const { app } = await fixtureApp();
      expectError(await request(app).get('/api/nothing-here'), 404, 'not_found');
      expectError(await request(app).get('/no/such/page'), 404, 'not_found');
      expectError(await request(app).delete('/api/search'), 404, 'not_found');
    });

    it('answers an unexpected failure with a 500 that shows no stack trace', async () => {
      const broken: SearchIndex = Object.assign(Object.create(createSearchIndex()) as SearchIndex, {
        search: () => {
          throw new Error('internal: secret detail at /srv/app/lib/x.ts:10');
        },
      });
      const app = createApp(createIndexHolder(broken), { logger: false, schemas });
      const res = await request(app).get('/api/search?q=x');
      expectError(res, 500, 'internal');
      expect(res.body.error).to.equal('internal server error');
      expect(res.text).to.not.contain('secret');
      expect(res.text).to.not.contain('.ts:');
    });
  });

  describe('headers', () => {
    it('sends security headers with a strict content security policy', async () => {
      const { app } = await fixtureApp();
      const res = await request(app).get('/api/health');
      const csp = res.headers['content-security-policy'];
      expect(csp).to.contain("script-src 'self'");
      expect(csp).to.contain("default-src 'self'");
      expect(csp).to.contain("frame-ancestors 'none'");
      expect(csp).to.not.contain('unsafe-inline');
      expect(res.headers['x-content-type-options']).to.equal('nosniff');
      expect(res.headers).to.not.have.property('x-powered-by');
    });

    it('sends no CORS headers unless origins are configured', async () => {
      const { app } = await fixtureApp();
      const res = await request(app).get('/api/health').set('Origin', 'https://example.org');
      expect(res.headers).to.not.have.property('access-control-allow-origin');
    });

    it('allows the configured origins only', async () => {
      const { app } = await fixtureApp({ corsOrigins: ['https://news.example.org'] });
      const allowed = await request(app).get('/api/health').set('Origin', 'https://news.example.org');
      expect(allowed.headers['access-control-allow-origin']).to.equal('https://news.example.org');
      const other = await request(app).get('/api/health').set('Origin', 'https://evil.example.com');
      expect(other.headers).to.not.have.property('access-control-allow-origin');
      const preflight = await request(app)
        .options('/api/reindex')
        .set('Origin', 'https://news.example.org')
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'Authorization');
      expect(preflight.status).to.equal(204);
      expect(preflight.headers['access-control-allow-headers']).to.contain('Authorization');
    });

    it('allows any origin with *', async () => {
      const { app } = await fixtureApp({ corsOrigins: '*' });
      const res = await request(app).get('/api/health').set('Origin', 'https://anywhere.example');
      expect(res.headers['access-control-allow-origin']).to.equal('*');
    });
  });

  describe('static page', () => {
    it('serves the web folder at / with the same headers, the API still first', async () => {
      const { app } = await fixtureApp({ webDir: join(FIXTURES, 'web') });
      const page = await request(app).get('/');
      expect(page.status).to.equal(200);
      expect(page.headers['content-type']).to.match(/^text\/html/);
      expect(page.text).to.contain('ledesearch fixture page');
      expect(page.headers['content-security-policy']).to.contain("script-src 'self'");
      const script = await request(app).get('/app.js');
      expect(script.status).to.equal(200);
      expect(script.headers['content-type']).to.match(/javascript/);
      expect((await request(app).get('/api/health')).status).to.equal(200);
      expectError(await request(app).get('/missing.css'), 404, 'not_found');
    });

    it('serves no page without a web folder', async () => {
      const { app } = await fixtureApp();
      expectError(await request(app).get('/'), 404, 'not_found');
    });
  });
});
