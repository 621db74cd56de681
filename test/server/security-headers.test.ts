import { expect } from 'chai';
import express from 'express';
import helmet from 'helmet';
import request from 'supertest';
import { recordSecurityHeaders, securityHeaderOptions } from '../../server/security-headers.js';
import { fixtureApp } from './helpers.js';

/** The headers helmet itself sets on a plain Express response with the app's options. */
async function helmetsOwn(crossOrigin: boolean): Promise<Record<string, string>> {
  const plain = express();
  plain.use(helmet(securityHeaderOptions(crossOrigin)));
  plain.get('/x', (_req, res) => {
    res.json({});
  });
  const res = await request(plain).get('/x');
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (!['content-type', 'content-length', 'etag', 'date', 'connection', 'keep-alive'].includes(name)) out[name] = String(value);
  }
  return out;
}

describe('security headers', () => {
  for (const corsOrigins of [undefined, ['https://news.example.org']] as const) {
    it(`are exactly helmet's own, worked out once (${corsOrigins ? 'CORS on' : 'CORS off'})`, async () => {
      const expected = await helmetsOwn(corsOrigins !== undefined);
      expect(Object.keys(expected)).to.include.members(['content-security-policy', 'x-content-type-options', 'strict-transport-security']);
      const { app } = await fixtureApp({ corsOrigins: corsOrigins ? [...corsOrigins] : undefined });
      for (const path of ['/api/search?q=missile', '/api/health', '/api/nothing-here']) {
        const res = await request(app).get(path);
        for (const [name, value] of Object.entries(expected)) expect(res.headers[name], `${path}: ${name}`).to.equal(value);
        expect(res.headers, path).to.not.have.property('x-powered-by');
      }
    });
  }

  it('refuses a configuration that would need the request (a CSP nonce)', () => {
    const options = securityHeaderOptions(false);
    const csp = options.contentSecurityPolicy as { directives: Record<string, unknown[]> };
    csp.directives.scriptSrc = ["'self'", (req: { headers: unknown }) => `'nonce-${String(req.headers)}'`];
    expect(() => recordSecurityHeaders(options)).to.throw(/helmet/);
  });
});
