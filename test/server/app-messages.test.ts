import { get, IncomingMessage, ServerResponse, type RequestListener } from 'node:http';
import { expect } from 'chai';
import express from 'express';
import { appMessages } from '../../server/app-messages.js';
import { closeGracefully, listen } from '../../server/http-server.js';
import { fixtureApp } from './helpers.js';

/** What a request's and its response's prototypes were, seen from inside the listener. */
interface Seen {
  request: object | null;
  response: object | null;
}

/** Records the prototypes of every request and response `server` builds, before its app sees them. */
function watchBuilt(server: import('node:http').Server): Seen[] {
  const built: Seen[] = [];
  server.prependListener('request', (req, res) => {
    built.push({ request: Object.getPrototypeOf(req) as object, response: Object.getPrototypeOf(res) as object });
  });
  return built;
}

/** An Express app with one route that reports the prototypes of what it was handed. */
function probeApp(): { app: express.Express; seen: Seen[] } {
  const seen: Seen[] = [];
  const app = express();
  app.get('/probe', (req, res) => {
    seen.push({ request: Object.getPrototypeOf(req) as object, response: Object.getPrototypeOf(res) as object });
    res.json({ ok: true, instance: req instanceof IncomingMessage && res instanceof ServerResponse });
  });
  return { app, seen };
}

/** The status of a GET with `headers` (node:http: fetch adds `Cache-Control: no-cache` to a conditional request). */
function statusOf(url: string, headers: Record<string, string>): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    }).on('error', reject);
  });
}

describe('app-messages: requests and responses built with the app’s prototypes', () => {
  it('Node of this machine builds them with function constructors, so the classes exist', () => {
    expect(appMessages()).to.not.equal(undefined);
  });

  it('a server from listen builds an Express app’s requests and responses with its own prototypes, which still are Node’s', async () => {
    const { app, seen } = probeApp();
    const { server, url } = await listen(app, { port: 0, host: '127.0.0.1' });
    // As Node built them, before Express would set their prototypes itself.
    const built = watchBuilt(server);
    try {
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${url}/probe`);
        expect(res.status).to.equal(200);
        expect(await res.json()).to.deep.equal({ ok: true, instance: true });
      }
    } finally {
      await closeGracefully(server);
    }
    expect(seen).to.have.length(3);
    expect(built).to.deep.equal(seen.map(() => ({ request: app.request, response: app.response })));
    for (const s of seen) {
      expect(s.request).to.equal(app.request);
      expect(s.response).to.equal(app.response);
    }
  });

  it('follows the listener replaceApp installs: Node’s own prototypes for a plain listener, the app’s after', async () => {
    const plainSeen: Seen[] = [];
    const starting: RequestListener = (req, res) => {
      plainSeen.push({ request: Object.getPrototypeOf(req) as object, response: Object.getPrototypeOf(res) as object });
      res.statusCode = 503;
      res.end();
    };
    const { server, url, replaceApp } = await listen(starting, { port: 0, host: '127.0.0.1' });
    const { app, seen } = probeApp();
    try {
      expect((await fetch(`${url}/probe`)).status).to.equal(503);
      replaceApp(app);
      const built = watchBuilt(server);
      expect((await fetch(`${url}/probe`)).status).to.equal(200);
      expect(built).to.deep.equal([{ request: app.request, response: app.response }]);
    } finally {
      await closeGracefully(server);
    }
    expect(plainSeen).to.deep.equal([{ request: IncomingMessage.prototype, response: ServerResponse.prototype }]);
    expect(seen).to.have.length(1);
    expect(seen[0].request).to.equal(app.request);
    expect(seen[0].response).to.equal(app.response);
  });

  it('the search server answers through them as on a plain server: same body, headers and 304', async () => {
    const { app } = await fixtureApp();
    const { server, url } = await listen(app, { port: 0, host: '127.0.0.1' });
    try {
      const res = await fetch(`${url}/api/search?q=missile&snippets=1`);
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.equal('application/json; charset=utf-8');
      expect(res.headers.get('x-content-type-options')).to.equal('nosniff');
      const body = (await res.json()) as { total: number; hits: unknown[] };
      expect(body.total).to.be.greaterThan(0);
      expect(await statusOf(`${url}/api/search?q=missile&snippets=1`, { 'If-None-Match': res.headers.get('etag') as string })).to.equal(304);
      const bad = await fetch(`${url}/api/search?q=missile&limit=-1`);
      expect(bad.status).to.equal(400);
      expect(((await bad.json()) as { code: string }).code).to.equal('invalid_request');
    } finally {
      await closeGracefully(server);
    }
  });
});
