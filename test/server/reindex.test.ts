import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import request from 'supertest';
import type { SearchResult } from '../../lib/index.js';
import { createApp, type SearchApp } from '../../server/app.js';
import { buildIndexFromCorpus } from '../../lifecycle/build-index.js';
import { createIndexHolder, type IndexHolder, type LoadedIndex } from '../../server/index-holder.js';
import { expectError, expectValid, fixtureApp, fixtureIndex, FIXTURE_CORPUS, schemas } from './helpers.js';

const TOKEN = 'test-token-0123456789';

/** A promise the test resolves when it wants the rebuild to go on. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open = (): void => {};
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

describe('POST /api/reindex', () => {
  describe('access', () => {
    it('is disabled (403 reindex_disabled) when no token is configured', async () => {
      const { app } = await fixtureApp({ rebuild: () => Promise.reject(new Error('never called')) });
      const res = await request(app).post('/api/reindex').set('Authorization', `Bearer ${TOKEN}`);
      expectError(res, 403, 'reindex_disabled');
    });

    it('answers 401 without a token, 403 with a wrong one', async () => {
      const { app } = await fixtureApp({ rebuild: () => Promise.reject(new Error('never called')), reindexToken: TOKEN });
      const missing = await request(app).post('/api/reindex');
      expectError(missing, 401, 'unauthorized');
      expect(missing.headers['www-authenticate']).to.match(/^Bearer/);
      expectError(await request(app).post('/api/reindex').set('Authorization', 'Basic abc'), 401, 'unauthorized');
      expectError(await request(app).post('/api/reindex').set('Authorization', `Bearer ${TOKEN}x`), 403, 'forbidden');
      expect(app.reindexer?.status().state).to.equal('idle');
    });

    it('answers 400 JSON for a malformed body, 413 for a huge one, 400 for any body field', async () => {
      const { app } = await fixtureApp({ rebuild: () => Promise.reject(new Error('never called')), reindexToken: TOKEN });
      const post = () => request(app).post('/api/reindex').set('Authorization', `Bearer ${TOKEN}`);
      expectError(await post().set('Content-Type', 'application/json').send('{"full": tru'), 400, 'invalid_json');
      expectError(await post().set('Content-Type', 'application/json').send(JSON.stringify({ pad: 'x'.repeat(20_000) })), 413, 'payload_too_large');
      const extra = await post().send({ full: true });
      expectError(extra, 400, 'invalid_request');
      expect(extra.body.details[0].parameter).to.equal('full');
      expect(app.reindexer?.status().state).to.equal('idle');
    });
  });

  describe('rebuilding', () => {
    let holder: IndexHolder;
    let app: SearchApp;
    let server: Server;
    let base: string;
    let release: () => void;
    let rebuilds = 0;

    before(async () => {
      // The old index lacks the Reuters articles; the rebuild reads the whole fixture corpus.
      holder = createIndexHolder(await fixtureIndex((a) => !a.id.startsWith('reuters/')));
      const g = gate();
      release = g.open;
      app = createApp(holder, {
        logger: false,
        schemas,
        reindexToken: TOKEN,
        rebuild: async (): Promise<LoadedIndex> => {
          rebuilds++;
          await g.wait;
          // One article per batch: the build yields to the event loop between every article.
          const { errors: _errors, ...built } = await buildIndexFromCorpus(FIXTURE_CORPUS, { batchSize: 1 });
          return built;
        },
      });
      server = app.listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    after(async () => {
      await new Promise((resolve) => server.close(resolve));
    });

    it('starts with 202, refuses a second one with 409 while it runs, and answers every search meanwhile', async () => {
      const oldIndex = holder.current.index;
      expect(oldIndex.search('', { filters: { publisher: ['Reuters'] } }).total).to.equal(0);
      const filters = { publisher: ['Reuters', 'Intellasia'] };

      const accepted = await request(server).post('/api/reindex').set('Authorization', `Bearer ${TOKEN}`);
      expect(accepted.status).to.equal(202);
      expectValid('reindex-response', accepted.body);
      expect(accepted.body.reindex.state).to.equal('running');
      expect(accepted.headers.location).to.equal('/api/health');

      const second = await request(server).post('/api/reindex').set('Authorization', `Bearer ${TOKEN}`);
      expectError(second, 409, 'reindex_running');
      expect(second.body.reindex.state).to.equal('running');

      const running = await request(server).get('/api/health');
      expectValid('health-response', running.body);
      expect(running.body.reindex.state).to.equal('running');

      // 200 searches in flight while the rebuild goes on and the index is swapped.
      const searches = Array.from({ length: 200 }, (_, i) =>
        fetch(`${base}/api/search?q=${i % 2 ? 'missile' : 'korea'}&publisher=Reuters&publisher=Intellasia`).then(async (r) => ({
          status: r.status,
          body: (await r.json()) as SearchResult,
        })),
      );
      release();
      const results = await Promise.all(searches);
      await app.reindexer?.idle();

      expect(results.filter((r) => r.status !== 200)).to.deep.equal([]);
      for (const r of results) expectValid('search-response', r.body);
      expect(rebuilds).to.equal(1);
      // Each answer came whole from one index, the old or the new, never a mixture.
      const newIndex = holder.current.index;
      expect(newIndex).to.not.equal(oldIndex);
      for (const [i, r] of results.entries()) {
        const q = i % 2 ? 'missile' : 'korea';
        const totals = [oldIndex.search(q, { filters }).total, newIndex.search(q, { filters }).total];
        expect(totals).to.include(r.body.total);
      }

      const health = await request(server).get('/api/health');
      expectValid('health-response', health.body);
      expect(health.body.reindex).to.deep.include({ state: 'succeeded', numArticles: 8, numErrors: 1 });
      expect(health.body.numArticles).to.equal(8);
      expect(health.body.source).to.equal('corpus');
      const after = await request(server).get('/api/search?publisher=Reuters');
      expect(after.body.total).to.equal(3);
    });

    it('keeps the old index in service when a rebuild fails, and can run again afterwards', async () => {
      const { app: failing, holder: h } = await fixtureApp({
        reindexToken: TOKEN,
        rebuild: () => Promise.reject(new Error('corpus folder "gone" does not exist')),
      });
      const before = h.current;
      expect((await request(failing).post('/api/reindex').set('Authorization', `Bearer ${TOKEN}`)).status).to.equal(202);
      await failing.reindexer?.idle();
      expect(h.current).to.equal(before);
      const health = await request(failing).get('/api/health');
      expectValid('health-response', health.body);
      expect(health.body.reindex).to.deep.include({ state: 'failed', error: 'corpus folder "gone" does not exist' });
      expect(JSON.stringify(health.body)).to.not.contain('    at ');
      expect((await request(failing).get('/api/search?q=missile')).status).to.equal(200);
      expect((await request(failing).post('/api/reindex').set('Authorization', `Bearer ${TOKEN}`)).status).to.equal(202);
      await failing.reindexer?.idle();
    });
  });
});
