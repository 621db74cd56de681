import { expect } from 'chai';
import request from 'supertest';
import { createSearchIndex, type Article } from '../../lib/index.js';
import { createApp, type SearchApp } from '../../server/app.js';
import { createIndexHolder } from '../../server/index-holder.js';
import { expectError, expectValid, loadFixtureArticles, schemas } from './helpers.js';

/** Rows of a CSV body whose fields hold no comma, quote or line break (ids, numbers). */
function csvLines(body: string): string[][] {
  return body.split('\r\n').filter((l) => l !== '').map((l) => l.split(','));
}

describe('GET /api/search collapse and histogram parameters (issue 14)', () => {
  let app: SearchApp;
  let articles: Article[];
  before(async () => {
    const fixture = await loadFixtureArticles();
    const body = [
      'Cocoa futures rose sharply on reports of dry weather in Ivory Coast, dealers said on Thursday.',
      'Traders expect the rally to continue into next week as exporters hold back beans from the market.',
      'The main crop harvest is forecast to fall by a tenth, according to estimates from local cooperatives.',
    ];
    // One story in three copies (new headline, agency prefix), and other articles on cocoa. The
    // fixture's reuters/124 is the same story cut to its first two sentences: a fourth copy.
    const copies: Article[] = ['a', 'b', 'c'].map((k, i) => ({
      id: `wire/cocoa-${k}`,
      title: `Cocoa rallies (${k})`,
      paragraphs: i === 0 ? body : [`(Agency ${k}) - ${body[0]}`, ...body.slice(1)],
      date: `2019-10-0${i + 1}`,
      source: `Wire ${k}`,
    }));
    const others: Article[] = Array.from({ length: 4 }, (_, i) => ({ id: `other/cocoa-${i}`, title: `Cocoa market note ${i}`, paragraphs: [`Cocoa grindings in quarter ${i} were ${i * 7 + 3} percent higher.`], date: `2019-1${i % 2}-1${i}` }));
    articles = [...fixture, ...copies, ...others];
    const index = createSearchIndex();
    index.addAll(articles);
    app = createApp(createIndexHolder(index), { logger: false, schemas });
  });

  it('collapses copies into one hit with a duplicate list, counting groups or articles', async () => {
    const plain = await request(app).get('/api/search?q=cocoa&limit=100');
    const groups = await request(app).get('/api/search?q=cocoa&limit=100&collapse=duplicates');
    const byArticles = await request(app).get('/api/search?q=cocoa&limit=100&collapse=duplicates&collapseCount=articles');
    for (const r of [plain, groups, byArticles]) {
      expect(r.status).to.equal(200);
      expectValid('search-response', r.body);
    }
    const story = ['reuters/124', 'wire/cocoa-a', 'wire/cocoa-b', 'wire/cocoa-c'];
    const collapsed = (groups.body.hits as { id: string; duplicates?: { id: string }[]; duplicateCount?: number }[]).filter((h) => story.includes(h.id));
    expect(collapsed).to.have.length(1);
    expect(collapsed[0]?.duplicateCount).to.equal(3);
    expect([collapsed[0]?.id, ...(collapsed[0]?.duplicates ?? []).map((d) => d.id)].sort()).to.deep.equal(story);
    expect(groups.body.total).to.equal(plain.body.total - 3);
    expect(groups.body.totalArticles).to.equal(plain.body.total);
    expect(byArticles.body.total).to.equal(plain.body.total);
  });

  it('buckets the histogram by the interval asked for, against counting dates directly', async () => {
    const matching = (await request(app).get('/api/search?q=&limit=100&snippets=0')).body.hits as { date?: string }[];
    for (const interval of ['day', 'month', 'year'] as const) {
      const r = await request(app).get(`/api/search?q=&histogram=${interval}`);
      expect(r.status).to.equal(200);
      expectValid('search-response', r.body);
      expect(r.body.dateHistogramInterval).to.equal(interval);
      const width = interval === 'day' ? 10 : interval === 'month' ? 7 : 4;
      const expected = new Map<string, number>();
      for (const h of matching) if (h.date) expected.set(h.date.slice(0, width), (expected.get(h.date.slice(0, width)) ?? 0) + 1);
      const got = new Map((r.body.dateHistogram as { value: string; count: number }[]).filter((b) => b.count > 0).map((b) => [b.value, b.count]));
      expect(got).to.deep.equal(expected);
    }
    const week = await request(app).get('/api/search?q=&histogram=week');
    expectValid('search-response', week.body);
    for (const b of week.body.dateHistogram as { value: string }[]) expect(new Date(`${b.value}T00:00:00Z`).getUTCDay()).to.equal(1);
    const auto = await request(app).get('/api/search?q=&histogram=auto');
    expect(['day', 'week', 'month', 'year']).to.include(auto.body.dateHistogramInterval);
  });

  it('keeps histogram=1 meaning months, adds shares and a comparison series', async () => {
    const months = await request(app).get('/api/search?q=cocoa&histogram=1');
    expect((months.body.dateHistogram as { value: string }[]).every((b) => /^\d{4}-\d{2}$/.test(b.value))).to.equal(true);
    const r = await request(app).get('/api/search?q=cocoa&histogram=month&histogramNormalize=1&compare=korea');
    expect(r.status).to.equal(200);
    expectValid('search-response', r.body);
    const all = (await request(app).get('/api/search?q=&histogram=month')).body.dateHistogram as { value: string; count: number }[];
    const allBy = new Map(all.map((b) => [b.value, b.count]));
    for (const b of r.body.dateHistogram as { value: string; count: number; share: number }[]) {
      const n = allBy.get(b.value) ?? 0;
      expect(b.share).to.be.closeTo(n === 0 ? 0 : b.count / n, 1e-9);
    }
    const compare = r.body.dateHistogramCompare as { value: string; count: number }[];
    expect(compare.map((b) => b.value)).to.deep.equal((r.body.dateHistogram as { value: string }[]).map((b) => b.value));
    const korea = (await request(app).get('/api/search?q=korea&histogram=month')).body.dateHistogram as { value: string; count: number }[];
    for (const b of korea) expect(compare.find((c) => c.value === b.value)?.count ?? b.count).to.equal(b.count);
    expect(compare.reduce((s, b) => s + b.count, 0)).to.be.greaterThan(0);
  });

  it('answers 400 for bad values', async () => {
    for (const [qs, parameter] of [['histogram=hour', 'histogram'], ['collapse=yes', 'collapse'], ['collapseCount=all&collapse=duplicates', 'collapseCount'], ['histogramNormalize=maybe', 'histogramNormalize']]) {
      const res = await request(app).get(`/api/search?q=cocoa&${qs}`);
      expectError(res, 400, 'invalid_request');
      expect(res.body.details[0].parameter).to.equal(parameter);
    }
  });

  it('exports one row per group with collapse=duplicates, with a duplicateCount column', async () => {
    const plain = csvLines((await request(app).get('/api/export?q=cocoa')).text);
    const res = await request(app).get('/api/export?q=cocoa&collapse=duplicates');
    expect(res.status).to.equal(200);
    const rows = csvLines(res.text);
    expect(rows[0]?.at(-1)).to.equal('duplicateCount');
    const total = (await request(app).get('/api/search?q=cocoa&collapse=duplicates')).body.total as number;
    expect(rows.length - 1).to.equal(total);
    expect(rows.length).to.equal(plain.length - 3);
    const wire = rows.filter((r) => r[0] === 'reuters/124' || r[0]?.startsWith('wire/cocoa-'));
    expect(wire).to.have.length(1);
    expect(wire[0]?.at(-1)).to.equal('3');
  });
});
