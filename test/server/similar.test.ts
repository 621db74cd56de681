import { expect } from 'chai';
import request from 'supertest';
import { createSearchIndex, type Article } from '../../lib/index.js';
import { createApp, type SearchApp } from '../../server/app.js';
import { createIndexHolder } from '../../server/index-holder.js';
import { expectError, expectValid, loadFixtureArticles, schemas } from './helpers.js';

/** A syndicated copy of `a`: new id, new headline, agency prefix, same body. */
function copyOf(a: Article, id: string, source: string): Article {
  const [first = '', ...rest] = a.paragraphs;
  return { ...a, id, title: `${a.title} (update)`, source, paragraphs: [`(Wire) - ${first}`, ...rest] };
}

describe('GET /api/articles/:id/similar and the duplicate group of an article', () => {
  let app: SearchApp;
  let articles: Article[];
  const original = 'reuters/123';
  before(async () => {
    articles = await loadFixtureArticles();
    const base = articles.find((a) => a.id === original);
    if (!base) throw new Error('fixture reuters/123 missing');
    // Longer text, so the near-duplicate detector has enough shingles to compare.
    const long: Article = { ...base, paragraphs: [...base.paragraphs, 'Officials in Seoul said the missile flew about 400 kilometres before falling into the sea, and that the military was on alert.', 'Analysts said the launch was meant to pressure Washington ahead of the next round of talks on the nuclear programme.'] };
    // Two other stories on the same subject, a week and a year later, and one without a date.
    const related = (id: string, date: string | undefined, text: string): Article => ({ id, title: 'Seoul protests North Korea missile launch', paragraphs: [text], source: 'Reuters', ...(date ? { date } : {}) });
    const index = createSearchIndex();
    index.addAll([
      ...articles.filter((a) => a.id !== original),
      long,
      copyOf(long, 'wire/copy-1', 'Wire One'),
      copyOf(long, 'wire/copy-2', 'Wire Two'),
      related('wire/week-later', '1987-03-26', 'South Korea protested the missile launch by North Korea and urged Washington to resume talks.'),
      related('wire/days-later', '1987-03-22', 'North Korea defended its missile launch; Seoul called for talks.'),
      // Filler, so that the story's words are rare enough to be chosen as distinctive (the
      // library keeps terms found in at most 10% of the articles).
      ...Array.from({ length: 90 }, (_, i): Article => ({ id: `filler/${i}`, title: `Grain report ${i}`, paragraphs: [`Wheat and corn harvests in region ${i} were reported steady by farmers.`], date: '1987-06-01' })),
      related('wire/year-later', '1988-03-20', 'A year after the missile test, Seoul and Washington held new talks on North Korea.'),
      related('wire/undated', undefined, 'North Korea missile launch condemned in Seoul.'),
    ]);
    app = createApp(createIndexHolder(index), { logger: false, schemas });
  });

  it('lists the other copies of an article in GET /api/articles/:id', async () => {
    const res = await request(app).get(`/api/articles/${original}`);
    expect(res.status).to.equal(200);
    expectValid('article-response', res.body);
    const ids = (res.body.duplicates as { id: string; source?: string }[]).map((d) => d.id).sort();
    expect(ids).to.deep.equal(['wire/copy-1', 'wire/copy-2']);
    expect(res.body.duplicates.find((d: { id: string }) => d.id === 'wire/copy-1').source).to.equal('Wire One');
  });

  it('gives an empty duplicate list for an article without copies', async () => {
    const res = await request(app).get('/api/articles/reuters/124');
    expect(res.status).to.equal(200);
    expectValid('article-response', res.body);
    expect(res.body.duplicates).to.deep.equal([]);
  });

  it('answers related stories in the search response shape, without the article and its copies', async () => {
    const res = await request(app).get(`/api/articles/${encodeURIComponent(original)}/similar?limit=5`);
    expect(res.status).to.equal(200);
    expectValid('search-response', res.body);
    const ids = (res.body.hits as { id: string }[]).map((h) => h.id);
    expect(ids).to.not.include(original);
    expect(ids).to.not.include('wire/copy-1');
    expect(ids).to.not.include('wire/copy-2');
    expect(ids.length).to.be.at.most(5);
    expect(ids).to.include('wire/week-later');
  });

  it('applies filters to related stories', async () => {
    const res = await request(app).get(`/api/articles/${original}/similar?source=Reuters`);
    expect(res.status).to.equal(200);
    expectValid('search-response', res.body);
    expect(res.body.hits).to.not.be.empty;
    for (const h of res.body.hits as { source?: string }[]) expect(h.source).to.equal('Reuters');
  });

  it('keeps related stories within withinDays of the article', async () => {
    const res = await request(app).get(`/api/articles/${original}/similar?withinDays=30`);
    expect(res.status).to.equal(200);
    expectValid('search-response', res.body);
    const ids = (res.body.hits as { id: string }[]).map((h) => h.id);
    expect(ids).to.include('wire/week-later');
    expect(ids).to.not.include('wire/year-later');
    for (const h of res.body.hits as { date?: string }[]) {
      expect(h.date).to.be.a('string');
      const days = Math.abs(Date.parse((h.date as string).slice(0, 10)) - Date.parse('1987-03-19')) / 86400000;
      expect(days).to.be.at.most(30);
    }
  });

  it('answers 404 JSON for an unknown id', async () => {
    expectError(await request(app).get('/api/articles/nope/nothing/similar'), 404, 'not_found');
  });

  it('answers 400 naming a bad parameter', async () => {
    const res = await request(app).get(`/api/articles/${original}/similar?withinDays=-1`);
    expectError(res, 400, 'invalid_request');
    expect(res.body.details[0].parameter).to.equal('withinDays');
    expectError(await request(app).get(`/api/articles/${original}/similar?bogus=1`), 400, 'invalid_request');
  });

  it('answers 400 for withinDays on an article without a date', async () => {
    expectError(await request(app).get('/api/articles/wire/undated/similar?withinDays=3'), 400, 'invalid_query');
  });
});
