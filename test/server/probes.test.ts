import { request as httpRequest } from 'node:http';
import { expect } from 'chai';
import request from 'supertest';
import { createStartingListener } from '../../server/probe-routes.js';
import { Readiness } from '../../server/readiness.js';
import { childEnv, SERVER_MAIN, startUntil } from '../cli/run-cli.js';
import { expectValid, fixtureApp, FIXTURE_CORPUS, OUT_DIR } from './helpers.js';

describe('GET /api/live and /api/ready', () => {
  it('answer 200 live and 200 ready on an app with its index, 503 draining once it drains', async () => {
    const readiness = new Readiness('ready');
    const { app } = await fixtureApp({ readiness });
    const live = await request(app).get('/api/live');
    expect(live.status).to.equal(200);
    expectValid('live-response', live.body);
    expect(live.headers['cache-control']).to.equal('no-store');
    const ready = await request(app).get('/api/ready');
    expect(ready.status).to.equal(200);
    expect(ready.body).to.deep.equal({ status: 'ready' });
    readiness.drain();
    readiness.ready(); // never ready again once draining
    const draining = await request(app).get('/api/ready');
    expect(draining.status).to.equal(503);
    expectValid('ready-response', draining.body);
    expect(draining.body).to.deep.equal({ status: 'draining' });
    expect((await request(app).get('/api/live')).status).to.equal(200);
  });

  it('while the index loads: live 200, ready 503 starting, every other request 503 unavailable', async () => {
    const listener = createStartingListener(new Readiness('starting'));
    expect((await request(listener).get('/api/live')).status).to.equal(200);
    const ready = await request(listener).get('/api/ready');
    expect(ready.status).to.equal(503);
    expectValid('ready-response', ready.body);
    expect(ready.body.status).to.equal('starting');
    const search = await request(listener).get('/api/search?q=oil');
    expect(search.status).to.equal(503);
    expect(search.headers['retry-after']).to.equal('1');
    expectValid('error', search.body);
    expect(search.body.code).to.equal('unavailable');
  });

  it('are in the OpenAPI document, public, with an operationId', async () => {
    const { app } = await fixtureApp();
    const doc = (await request(app).get('/api/openapi.json')).body as { paths: Record<string, { get: { operationId: string; security: unknown[] } }> };
    for (const path of ['/api/live', '/api/ready']) {
      expect(doc.paths[path].get.operationId).to.be.a('string');
      expect(doc.paths[path].get.security).to.deep.equal([]);
    }
  });
});

describe('SIGTERM (spawned server)', () => {
  it('stops accepting connections, finishes the request in flight, and exits 0', async () => {
    const { child, line } = await startUntil(
      SERVER_MAIN,
      ['--corpus', FIXTURE_CORPUS, '--no-snapshot', '--port', '0', '--no-web', '--log-level', 'info'],
      OUT_DIR,
      childEnv(),
      (l) => l.includes('serving on'),
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const { port } = JSON.parse(line) as { port: number };
    try {
      expect((await fetch(`http://127.0.0.1:${port}/api/ready`)).status).to.equal(200);
      // A request in flight: its body arrives half before SIGTERM, half after.
      const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/api/reindex', headers: { 'Content-Type': 'application/json', 'Content-Length': 2 } }, (res) => {
          let body = '';
          res.setEncoding('utf8').on('data', (d: string) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.write('{');
        setTimeout(() => {
          child.kill('SIGTERM');
          setTimeout(() => {
            // New connections are refused while the old request is still in flight.
            fetch(`http://127.0.0.1:${port}/api/live`).then(
              () => reject(new Error('a new connection was accepted after SIGTERM')),
              () => req.end('}'),
            );
          }, 300);
        }, 100);
      });
      const { status, body } = await answer;
      // Reindexing is disabled on this server: the point is that the request got its answer.
      expect(status).to.equal(403);
      expect(JSON.parse(body).code).to.equal('reindex_disabled');
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
    expect(await exited).to.equal(0);
  });
});
