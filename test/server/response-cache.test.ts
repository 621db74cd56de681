import { expect } from 'chai';
import request from 'supertest';
import { createIndexHolder } from '../../server/index-holder.js';
import { ResponseCache, toJsonBody, weakEtag, type CachedResponse } from '../../server/response-cache.js';
import { expectValid, fixtureApp, fixtureIndex } from './helpers.js';

function entry(text: string): CachedResponse {
  const body = Buffer.from(text);
  return { body, etag: weakEtag(body) };
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
    const cache = new ResponseCache(2_900);
    const body = 'x'.repeat(200); // 300 bytes an entry with the key and ETag: 9 fit
    for (const k of 'abcdefghi') cache.set(owner, k, entry(body));
    expect(cache.stats().entries).to.equal(9);
    expect(cache.get(owner, 'a')).to.not.equal(undefined); // a becomes the most recently used
    for (const k of 'jk') cache.set(owner, k, entry(body));
    const { bytes, entries } = cache.stats();
    expect(bytes).to.be.at.most(2_900);
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

  it('serialises like res.json with json escape, and hashes like Express', () => {
    expect(toJsonBody({ t: '<b>&</b>' }).toString()).to.equal('{"t":"\\u003cb\\u003e\\u0026\\u003c/b\\u003e"}');
    expect(weakEtag(Buffer.from('hello'))).to.equal('W/"5-qvTGHdzF6KLavt4PO0gs2a6pQ00"');
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
