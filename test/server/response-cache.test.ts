import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { createIndexHolder } from '../../server/index-holder.js';
import { toJsonBytes } from '../../server/json-text.js';
import { ResponseCache, type CachedResponse } from '../../server/response-cache.js';
import { expectValid, fixtureApp, fixtureIndex } from './helpers.js';

function entry(text: string): CachedResponse {
  return { body: Buffer.from(text) };
}

describe('ResponseCache', () => {
  const owner = {};

  it('returns what was stored for the same owner and key, and counts hits and misses', () => {
    const cache = new ResponseCache(10_000);
    expect(cache.get(owner, 'a')).to.equal(undefined);
    cache.set(owner, 'a', entry('{"x":1}'));
    expect(cache.get(owner, 'a')?.body.toString()).to.equal('{"x":1}');
    expect(cache.get(owner, 'b')).to.equal(undefined);
    expect(cache.stats()).to.include({ entries: 1, hits: 1, misses: 2 });
  });

  it('empties itself when asked on behalf of another owner (a swapped index)', () => {
    const cache = new ResponseCache(10_000);
    cache.set(owner, 'a', entry('old'));
    expect(cache.get({}, 'a')).to.equal(undefined);
    expect(cache.stats()).to.include({ entries: 0, bytes: 0 });
    expect(cache.get(owner, 'a')).to.equal(undefined);
  });

  it('stays within its byte budget, evicting the least recently used first', () => {
    const cache = new ResponseCache(2_400);
    const body = 'x'.repeat(200); // 266 bytes an entry with the key: 9 fit
    for (const k of 'abcdefghi') cache.set(owner, k, entry(body));
    expect(cache.stats().entries).to.equal(9);
    expect(cache.get(owner, 'a')).to.not.equal(undefined); // a becomes the most recently used
    for (const k of 'jk') cache.set(owner, k, entry(body));
    const { bytes, entries } = cache.stats();
    expect(bytes).to.be.at.most(2_400);
    expect(entries).to.equal(9);
    expect(cache.get(owner, 'a'), 'recently used').to.not.equal(undefined);
    expect(cache.get(owner, 'b'), 'least recently used').to.equal(undefined);
    expect(cache.get(owner, 'c'), 'next least recently used').to.equal(undefined);
    expect(cache.get(owner, 'k'), 'newest').to.not.equal(undefined);
  });

  it('does not store an answer larger than an eighth of the budget', () => {
    const cache = new ResponseCache(8_000);
    cache.set(owner, 'big', entry('x'.repeat(1_100)));
    expect(cache.get(owner, 'big')).to.equal(undefined);
  });

  it('stores nothing with a budget of 0', () => {
    const cache = new ResponseCache(0);
    expect(cache.enabled).to.equal(false);
    cache.set(owner, 'a', entry('x'));
    expect(cache.get(owner, 'a')).to.equal(undefined);
    expect(() => new ResponseCache(-1)).to.throw(RangeError);
  });

  it('serialises exactly as res.json does with json escape', async () => {
    // The oracle is Express itself, on values with every character JSON or HTML treats apart.
    const values: unknown[] = [
      { t: '<b>&</b>', n: 1.5, a: [null, true, 'x'] },
      { html: 'a &lt;b&gt; <mark>c</mark> "d" \\ \u2028 é 😀', nested: { '<k>': ['&amp;', 0, -2e-7] } },
    ];
    for (let i = 0; i < 50; i++) {
      let text = '';
      for (let j = 0; j < 20; j++) text += '<>&"\\aé\n\u0000😀'[(i * 7 + j * 13) % 12];
      values.push({ text, list: [text, text.length] });
    }
    const app = express();
    app.set('json escape', true);
    let k = 0;
    app.get('/', (_req, res) => {
      res.json(values[k]);
    });
    for (k = 0; k < values.length; k++) {
      const expected = await request(app).get('/').buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
      // Byte for byte, and as text the same value back.
      expect(toJsonBytes(values[k]).equals(expected.body as Buffer), JSON.stringify(values[k])).to.equal(true);
      expect(JSON.parse(toJsonBytes(values[k]).toString('utf8'))).to.deep.equal(values[k]);
    }
  });
});

describe('GET /api/search result cache', () => {
  it('answers a repeated search from the cache with the same bytes and ETag', async () => {
    const { app } = await fixtureApp();
    const first = await request(app).get('/api/search?q=korea&limit=5');
    const second = await request(app).get('/api/search?q=korea&limit=5');
    expect(first.headers['x-cache']).to.equal('MISS');
    expect(second.headers['x-cache']).to.equal('HIT');
    expect(second.text).to.equal(first.text);
    expect(second.headers.etag).to.equal(first.headers.etag);
    expect(second.headers['content-type']).to.equal('application/json; charset=utf-8');
    expectValid('search-response', second.body);
    // Another spelling of the same request is an entry of its own, with the same answer.
    const reordered = await request(app).get('/api/search?limit=5&q=korea');
    expect(reordered.headers['x-cache']).to.equal('MISS');
    expect({ ...reordered.body, tookMs: 0 }).to.deep.equal({ ...first.body, tookMs: 0 });
    const other = await request(app).get('/api/search?q=korea&limit=6');
    expect(other.headers['x-cache']).to.equal('MISS');
    expect(other.body.hits.length).to.be.greaterThan(first.body.hits.length - 1);
    const health = await request(app).get('/api/health');
    expectValid('health-response', health.body);
    expect(health.body.resultCache).to.include({ entries: 3, hits: 1, misses: 3 });
  });

  it('stores no answer to a bad request, and rejects it again the second time', async () => {
    const { app } = await fixtureApp();
    for (let i = 0; i < 2; i++) {
      const res = await request(app).get('/api/search?q=korea&limit=1000');
      expect(res.status).to.equal(400);
      expect(res.body.code).to.equal('invalid_request');
      expect(res.headers['x-cache']).to.equal(undefined);
    }
    expect((await request(app).get('/api/health')).body.resultCache).to.include({ entries: 0, hits: 0 });
  });

  it('answers 304 to a repeated search whose ETag the client already has', async () => {
    const { app } = await fixtureApp();
    const first = await request(app).get('/api/search?q=missile');
    const again = await request(app).get('/api/search?q=missile').set('If-None-Match', first.headers.etag);
    expect(again.status).to.equal(304);
    expect(again.text).to.equal('');
  });

  it('never serves an answer of an index that is no longer in service', async () => {
    const { app, holder } = await fixtureApp();
    const before = await request(app).get('/api/search?q=missile&limit=100');
    expect(before.body.total).to.be.greaterThan(0);
    const firstId = before.body.hits[0].id as string;
    holder.swap(createIndexHolder(await fixtureIndex((a) => a.id !== firstId)).current);
    const after = await request(app).get('/api/search?q=missile&limit=100');
    expect(after.headers['x-cache']).to.equal('MISS');
    expect(after.body.total).to.equal(before.body.total - 1);
    expect(after.body.hits.map((h: { id: string }) => h.id)).to.not.include(firstId);
  });

  it('is off with resultCacheBytes 0: no X-Cache header, the same answer every time', async () => {
    const { app } = await fixtureApp({ resultCacheBytes: 0 });
    const a = await request(app).get('/api/search?q=korea');
    const b = await request(app).get('/api/search?q=korea');
    expect(a.headers['x-cache']).to.equal(undefined);
    expect(b.headers['x-cache']).to.equal(undefined);
    expect({ ...b.body, tookMs: 0 }).to.deep.equal({ ...a.body, tookMs: 0 });
    expect((await request(app).get('/api/health')).body.resultCache).to.include({ maxBytes: 0, entries: 0 });
  });
});

describe('GET /api/search ETag', () => {
  /** The app over a fixture index whose search calls are counted. */
  async function countingApp(resultCacheBytes?: number) {
    const index = await fixtureIndex();
    let searches = 0;
    const search = index.search.bind(index);
    index.search = (...args: Parameters<typeof search>) => {
      searches++;
      return search(...args);
    };
    const fixture = await fixtureApp({ resultCacheBytes });
    fixture.holder.swap(createIndexHolder(index).current);
    return { ...fixture, searches: () => searches };
  }

  for (const cacheBytes of [undefined, 0]) {
    it(`answers 304 without searching when the client has the answer (cache ${cacheBytes === 0 ? 'off' : 'on'})`, async () => {
      const { app, searches } = await countingApp(cacheBytes);
      const first = await request(app).get('/api/search?q=missile');
      expect(first.status).to.equal(200);
      expect(first.headers.etag).to.match(/^W\/"[^"]+"$/);
      expect(searches()).to.equal(1);
      const again = await request(app).get('/api/search?q=missile').set('If-None-Match', first.headers.etag);
      expect(again.status).to.equal(304);
      expect(again.text).to.equal('');
      expect(searches(), 'a 304 searches nothing').to.equal(1);
      // The same tag for the same request, searched again; another for another request.
      const fresh = await request(app).get('/api/search?q=missile').set('Cache-Control', 'no-cache').set('If-None-Match', first.headers.etag);
      expect(fresh.status, 'no-cache wants the body').to.equal(200);
      expect(fresh.headers.etag).to.equal(first.headers.etag);
      const other = await request(app).get('/api/search?q=korea').set('If-None-Match', first.headers.etag);
      expect(other.status).to.equal(200);
      expect(other.headers.etag).to.not.equal(first.headers.etag);
      expect(other.body.query).to.equal('korea');
    });
  }

  it('tags answers of a new index differently, so a 304 never confirms an old answer', async () => {
    const { app, holder } = await fixtureApp({ resultCacheBytes: 0 });
    const before = await request(app).get('/api/search?q=missile');
    holder.swap(createIndexHolder(await fixtureIndex()).current);
    const after = await request(app).get('/api/search?q=missile').set('If-None-Match', before.headers.etag);
    expect(after.status).to.equal(200);
    expect(after.headers.etag).to.not.equal(before.headers.etag);
    expectValid('search-response', after.body);
  });

  it('answers HEAD with the headers and length of the GET, and no body', async () => {
    // Cache on, so the HEAD is answered with the GET's very text (tookMs included).
    const { app } = await fixtureApp();
    const get = await request(app).get('/api/search?q=korea');
    const head = await request(app).head('/api/search?q=korea');
    expect(head.status).to.equal(200);
    expect(head.text ?? '').to.equal('');
    expect(head.headers['content-type']).to.equal('application/json; charset=utf-8');
    expect(Number(head.headers['content-length'])).to.equal(Buffer.byteLength(get.text));
    expect(head.headers.etag).to.equal(get.headers.etag);
  });

  it('gives a bad request its 400, whatever If-None-Match says', async () => {
    const { app } = await fixtureApp({ resultCacheBytes: 0 });
    const bad = '/api/search?q=korea&limit=1000';
    const first = await request(app).get(bad);
    expect(first.status).to.equal(400);
    // `*` names no answer, and whatever tag the error carried names none either: never a 304.
    for (const tag of ['*', first.headers.etag ?? 'W/"x"']) {
      const res = await request(app).get(bad).set('If-None-Match', tag);
      expect(res.status, tag).to.equal(400);
      expect(res.body.code).to.equal('invalid_request');
    }
  });
});
