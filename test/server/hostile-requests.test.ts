/**
 * Issue 13, "The server": requests an attacker (or a broken client) sends that Express would
 * otherwise answer with a 500 or silently accept.
 */
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { expect } from 'chai';
import fc from 'fast-check';
import { pino, type Logger } from 'pino';
import request from 'supertest';
import { toHttpError } from '../../server/error-handler.js';
import { expectError, fixtureApp, REPO_ROOT } from './helpers.js';

/** The search page's folder, served at `/`. */
const WEB_DIR = join(REPO_ROOT, 'web');

/** A pino logger that keeps the level of every line it writes. */
function recordingLogger(): { logger: Logger; levels: number[] } {
  const levels: number[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) levels.push((JSON.parse(line) as { level: number }).level);
      done();
    },
  });
  return { logger: pino<never>({ level: 'trace' }, sink), levels };
}

describe('hostile requests (issue 13)', () => {
  describe('malformed percent-encoding in the path', () => {
    for (const path of ['/api/articles/%zz', '/api/articles/seed/%E0%A4%A', '/api/articles/a%', '/api/articles/%C3%28']) {
      it(`answers ${path} with a 400 naming the id, not a 500`, async () => {
        const { logger, levels } = recordingLogger();
        const { app } = await fixtureApp({ logger });
        const res = await request(app).get(path);
        expectError(res, 400, 'invalid_request');
        expect(res.body.error).to.match(/percent-encoding/);
        expect(res.body.details).to.deep.equal([{ parameter: 'id', message: 'is not valid percent-encoding' }]);
        // A client's mistake is a warning in the log, never an error with a stack.
        expect(levels.filter((l) => l >= 50)).to.deep.equal([]);
      });
    }

    it('maps the router\'s decoding error of any other path parameter to a 400 as well', () => {
      const error = new URIError("Failed to decode param '%zz'");
      const http = toHttpError(error);
      expect([http.status, http.code]).to.deep.equal([400, 'invalid_request']);
      expect(http.details).to.deep.equal([{ message: 'is not valid percent-encoding' }]);
    });

    it('still decodes well-formed escapes (%2F, UTF-8)', async () => {
      const { app } = await fixtureApp();
      // The id does not exist, so 404 — but it got as far as the lookup, decoded.
      const res = await request(app).get('/api/articles/x%2Fy%C3%A9');
      expectError(res, 404, 'not_found');
      expect(res.body.error).to.contain('"x/yé"');
    });

    it('answers malformed escapes in a static path with a JSON 4xx', async () => {
      const { app } = await fixtureApp({ webDir: WEB_DIR });
      const res = await request(app).get('/%zz');
      expect(res.status).to.be.within(400, 499);
      expect(res.headers['content-type']).to.match(/^application\/json/);
      expect(res.body.code).to.be.a('string');
    });
  });

  describe('any path or query string', () => {
    // Pieces that break naive decoders: escapes good, cut and invalid, separators, prototype names.
    const piece = fc.constantFrom('%', '%2F', '%zz', '%E0%A4', '%C3%A9', '%ED%A0%80', '%00', '%25', '/', '..', '?', '&', '=', '[', ']', '+', '#', 'a', 'é', '__proto__', 'constructor', 'q', 'limit', 'facets', '*');
    const text = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''));

    it('never gets a 5xx, and every API answer is JSON', async () => {
      const { logger, levels } = recordingLogger();
      const { app } = await fixtureApp({ logger, webDir: WEB_DIR });
      const prefixes = ['/api/articles/', '/api/search?', '/api/facets?', '/api/suggest?q=', '/api/', '/'];
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...prefixes), text, async (prefix, rest) => {
          // Characters an HTTP client cannot put in a request line are escaped; everything else goes raw.
          const path = prefix + rest.replace(/[^\x21-\x7e]/g, (c) => encodeURIComponent(c)).replace(/#/g, '%23');
          const res = await request(app).get(path);
          expect(res.status, path).to.be.within(200, 499);
          // The page's own files are HTML, CSS and JavaScript; everything else answers in JSON.
          if (res.status !== 200 || path.startsWith('/api/')) expect(res.headers['content-type'], path).to.match(/^application\/json/);
        }),
        { numRuns: 300 },
      );
      expect(levels.filter((l) => l >= 50)).to.deep.equal([]);
    });
  });

  describe('prototype names as query parameters', () => {
    const endpoints = ['/api/search?q=oil&', '/api/facets?', '/api/suggest?q=oi&', '/api/health?', '/api/openapi.json?', '/api/articles/x?'];
    for (const name of ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString']) {
      it(`rejects ?${name}=x like any unknown parameter, on every endpoint`, async () => {
        const { app } = await fixtureApp();
        for (const endpoint of endpoints) {
          const res = await request(app).get(`${endpoint}${name}=x`);
          expectError(res, 400, 'invalid_request');
          expect(res.body.details, endpoint).to.deep.include({ parameter: name, message: 'is not a known parameter' });
        }
      });
    }

    it('rejects __proto__ given twice and with brackets', async () => {
      const { app } = await fixtureApp();
      for (const qs of ['__proto__=a&__proto__=b', '__proto__[x]=1', 'constructor[prototype][x]=1']) {
        const res = await request(app).get(`/api/search?q=oil&${qs}`);
        expectError(res, 400, 'invalid_request');
      }
    });

    it('rejects __proto__ in a reindex body', async () => {
      const { app } = await fixtureApp({ reindexToken: 't', rebuild: () => new Promise<never>(() => undefined) });
      const res = await request(app)
        .post('/api/reindex')
        .set('Authorization', 'Bearer t')
        .set('Content-Type', 'application/json')
        .send('{"__proto__": {"x": 1}}');
      expectError(res, 400, 'invalid_request');
      expect(res.body.details).to.deep.include({ parameter: '__proto__', message: 'is not a known parameter' });
    });
  });
});
