/**
 * The HTTP API over an index with a declared schema (issue 11), the newsroom example: filters,
 * ranges, facets, sort and stats for declared fields, each checked against a count made directly
 * from the articles; request validation generated from the schema (unknown and dropped fields
 * are a 400 naming them); GET /api/schema; the OpenAPI document naming the declared parameters.
 */
import { expect } from 'chai';
import request from 'supertest';
import { createAnalyzer, createSearchIndex, escapeHtml, loadCorpus, MAX_NUMBER_BUCKETS, resolveSchema, type Article, type SearchIndex, type SearchResult } from '../../lib/index.js';
import { readSchemaConfig } from '../../lifecycle/schema-config.js';
import { createApp, type SearchApp } from '../../server/app.js';
import { createSchemaRegistry, type SchemaRegistry } from '../../server/schemas.js';
import { IndexHolder } from '../../server/index-holder.js';
import { declaredCell, ndjsonRows, parseCsv } from './csv.js';
import { expectError, NEWSROOM_EXAMPLE, REPO_ROOT } from './helpers.js';
import { join } from 'node:path';

const num = (a: Article, f: string): number | undefined => (typeof a.fields?.[f] === 'number' ? (a.fields[f] as number) : undefined);
const str = (a: Article, f: string): string | undefined => (typeof a.fields?.[f] === 'string' ? (a.fields[f] as string) : undefined);
const list = (a: Article, f: string): readonly string[] => {
  const v = a.fields?.[f];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
};

describe('HTTP API with a declared schema (newsroom example)', () => {
  let app: SearchApp;
  let articles: Article[];
  let registry: SchemaRegistry;
  let index: SearchIndex;

  before(async () => {
    const { schema } = await readSchemaConfig(join(NEWSROOM_EXAMPLE, 'ledesearch.config.json'));
    ({ articles } = await loadCorpus(NEWSROOM_EXAMPLE, { schema: schema.definition }));
    index = createSearchIndex({ schema: schema.definition }) as unknown as SearchIndex;
    index.addAll(articles);
    registry = createSchemaRegistry(join(REPO_ROOT, 'schema'), schema);
    const holder = new IndexHolder({ index, builtAt: new Date().toISOString(), buildMs: 0, source: 'memory' });
    app = createApp(holder, { logger: false, schemas: registry });
  });

  async function search(query: string): Promise<SearchResult> {
    const res = await request(app).get(`/api/search?${query}`);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const problems = registry.checkResponse('search-response', res.body);
    expect(problems, JSON.stringify(problems)).to.deep.equal([]);
    return res.body as SearchResult;
  }

  it('filters by declared keywords (values of one field OR, fields AND), as counted from the articles', async () => {
    const r = await search('section=World&tags=budget&tags=ai&limit=100');
    const expected = articles.filter((a) => str(a, 'section') === 'World' && list(a, 'tags').some((t) => t === 'budget' || t === 'ai'));
    expect(expected.length).to.be.above(1);
    expect(r.hits.map((h) => h.id).sort()).to.deep.equal(expected.map((a) => a.id).sort());
  });

  it('takes a number range as a..b (inclusive), open ends, and .gte/.lt bounds', async () => {
    const ids = async (q: string): Promise<string[]> => (await search(`${q}&limit=100`)).hits.map((h) => h.id).sort();
    const within = (lo: number, hi: number): string[] =>
      articles.filter((a) => { const n = num(a, 'wordCount'); return n !== undefined && n >= lo && n <= hi; }).map((a) => a.id).sort();
    expect(await ids('wordCount=300..800')).to.deep.equal(within(300, 800));
    expect(await ids('wordCount=..300')).to.deep.equal(within(-Infinity, 300));
    expect(await ids('wordCount=800..')).to.deep.equal(within(800, Infinity));
    expect(await ids('wordCount.gte=300&wordCount.lt=800')).to.deep.equal(within(300, 799.999));
    expect(within(300, 800).length).to.be.above(2);
  });

  it('takes a date range over a declared date field', async () => {
    const r = await search('updated=2024-03-01..2024-03-31&limit=100');
    const expected = articles.filter((a) => { const u = str(a, 'updated'); return u !== undefined && u >= '2024-03-01' && u.slice(0, 10) <= '2024-03-31'; });
    expect(expected.length).to.be.above(1);
    expect(r.hits.map((h) => h.id).sort()).to.deep.equal(expected.map((a) => a.id).sort());
  });

  it('counts keyword facets and number range buckets over the match set', async () => {
    const r = await search('q=budget&facets=section,tags,wordCount&limit=100');
    const matched = articles.filter((a) => r.hits.some((h) => h.id === a.id));
    expect(matched.length).to.equal(r.total);
    const tags = new Map<string, number>();
    for (const a of matched) for (const t of list(a, 'tags')) tags.set(t, (tags.get(t) ?? 0) + 1);
    const facets = r.facets as Record<string, Array<{ value: string; count: number; from?: number; to?: number }>>;
    expect(Object.fromEntries(facets.tags.map((v) => [v.value, v.count]))).to.deep.equal(Object.fromEntries(tags));
    const buckets = facets.wordCount;
    expect(buckets.map((b) => b.value)).to.include.members(['..300', '300..800', '800..']);
    for (const b of buckets) {
      const n = matched.filter((a) => { const w = num(a, 'wordCount'); return w !== undefined && (b.from === undefined || w >= b.from) && (b.to === undefined || w < b.to); }).length;
      expect(b.count, b.value).to.equal(n);
    }
  });

  describe('per-query range buckets (facetBuckets.<field>)', () => {
    type Bucket = { value: string; count: number; from?: number; to?: number };
    /** The matched articles' count in [from, to), computed from the articles. */
    const countIn = (matched: readonly Article[], field: string, b: { from?: number; to?: number }): number =>
      matched.filter((a) => { const n = num(a, field); return n !== undefined && (b.from === undefined || n >= b.from) && (b.to === undefined || n < b.to); }).length;
    const bucketsOf = (r: SearchResult, field: string): Bucket[] => (r.facets as Record<string, Bucket[]>)[field];

    it('counts a number field without declared buckets over the buckets given, as counted from the articles', async () => {
      const r = await search('facets=pageNumber&facetBuckets.pageNumber=..5,5..10.5,10.5..&limit=100');
      const buckets = bucketsOf(r, 'pageNumber');
      expect(buckets.map((b) => [b.value, b.from, b.to])).to.deep.equal([['..5', undefined, 5], ['5..10.5', 5, 10.5], ['10.5..', 10.5, undefined]]);
      for (const b of buckets) expect(b.count, b.value).to.equal(countIn(articles, 'pageNumber', b));
      expect(buckets.filter((b) => b.count > 0).length).to.be.above(1);
    });

    it('replaces a field\'s declared buckets, over the match set and with filters', async () => {
      const r = await search('q=budget&section=World&facets=wordCount&facetBuckets.wordCount=0..500&facetBuckets.wordCount=500..&limit=100');
      const matched = articles.filter((a) => r.hits.some((h) => h.id === a.id));
      expect(matched.length).to.equal(r.total);
      const buckets = bucketsOf(r, 'wordCount');
      expect(buckets.map((b) => b.value)).to.deep.equal(['0..500', '500..']);
      for (const b of buckets) expect(b.count, b.value).to.equal(countIn(matched, 'wordCount', b));
    });

    it('counts the field when facets does not name it, beside the facets named', async () => {
      const r = await search('facets=section&facetBuckets.pageNumber=..10,10..');
      expect(Object.keys(r.facets ?? {})).to.have.members(['section', 'pageNumber']);
      const all = await search('facets=*&facetBuckets.pageNumber=..10,10..');
      expect(Object.keys(all.facets ?? {})).to.include.members(['section', 'tags', 'wordCount', 'pageNumber']);
      expect(bucketsOf(all, 'pageNumber').map((b) => b.count)).to.deep.equal([countIn(articles, 'pageNumber', { to: 10 }), countIn(articles, 'pageNumber', { from: 10 })]);
    });

    it('refuses a bad bucket list with a 400 whose JSON body names the parameter', async () => {
      const cases: [string, string, string][] = [
        ['facetBuckets.pageNumber=abc', 'facetBuckets.pageNumber', 'invalid_request'],
        ['facetBuckets.pageNumber=..', 'facetBuckets.pageNumber', 'invalid_request'],
        ['facetBuckets.pageNumber=1..2..3', 'facetBuckets.pageNumber', 'invalid_request'],
        ['facetBuckets.pageNumber=', 'facetBuckets.pageNumber', 'invalid_request'],
        [`facetBuckets.pageNumber=${Array.from({ length: 101 }, (_, i) => `${i}..${i + 1}`).join(',')}`, 'facetBuckets.pageNumber', 'invalid_request'],
        ['facetBuckets.section=..3', 'facetBuckets.section', 'invalid_request'],
        ['facetBuckets.updated=..3', 'facetBuckets.updated', 'invalid_request'],
        ['facetBuckets.pageNumber=10..5', 'facetBuckets.pageNumber', 'invalid_query'],
        ['facetBuckets.pageNumber=5..5', 'facetBuckets.pageNumber', 'invalid_query'],
      ];
      for (const [query, parameter, code] of cases) {
        const res = await request(app).get(`/api/search?${query}`);
        expectError(res, 400, code);
        const body = res.body as { error: string; details?: { parameter?: string }[] };
        expect(body.details?.map((d) => d.parameter), query).to.include(parameter);
      }
      const reversed = await request(app).get('/api/search?facetBuckets.pageNumber=10..5');
      expect(reversed.body.error).to.match(/from 10 not below to 5/);
    });

    it('says to give buckets when facets names a number field that has none', async () => {
      const res = await request(app).get('/api/search?facets=pageNumber');
      expectError(res, 400, 'invalid_query');
      expect(res.body.error).to.contain('facetBuckets.pageNumber');
      expect(res.body.details[0].parameter).to.equal('facets');
    });

    it('documents the parameter in the OpenAPI document, for number fields only', async () => {
      const res = await request(app).get('/api/openapi.json');
      const params = res.body.paths['/api/search'].get.parameters as { name: string; schema: { type: string; maxItems: number } }[];
      const names = params.map((p) => p.name);
      expect(names).to.include.members(['facetBuckets.wordCount', 'facetBuckets.pageNumber']);
      expect(names.filter((n) => n.startsWith('facetBuckets.'))).to.have.length(2);
      expect(params.find((p) => p.name === 'facetBuckets.wordCount')?.schema).to.include({ type: 'array', maxItems: MAX_NUMBER_BUCKETS });
    });
  });

  describe('export with declared columns (fields=)', () => {
    const DECLARED = ['section', 'tags', 'language', 'wordCount', 'pageNumber', 'updated', 'standfirst', 'byline', 'imageUrl'];
    const byId = (): Map<string, Article> => new Map(articles.map((a) => [a.id, a]));

    it('writes every declared returned field as a CSV column, lists joined with "; ", as read from the articles', async () => {
      const res = await request(app).get(`/api/export?q=&fields=author,${DECLARED.join(',')}`);
      expect(res.status, res.text).to.equal(200);
      const [header, ...rows] = parseCsv(res.text);
      expect(header).to.deep.equal(['id', 'date', 'title', 'source', 'publisher', 'url', 'score', 'author', ...DECLARED]);
      expect(rows.map((r) => r[0]).sort()).to.deep.equal(articles.map((a) => a.id).sort());
      const articleById = byId();
      for (const row of rows) {
        const a = articleById.get(row[0]) as Article;
        expect(row.slice(8), a.id).to.deep.equal(DECLARED.map((f) => declaredCell(a, f)));
      }
      // What the escaping has to handle is there: a comma in a standfirst, a list of several tags.
      expect(articles.some((a) => declaredCell(a, 'standfirst').includes(','))).to.equal(true);
      expect(articles.some((a) => list(a, 'tags').length > 1)).to.equal(true);
    });

    it('keeps lists as arrays and numbers as numbers in NDJSON, and filters by declared fields', async () => {
      const { res, rows } = await ndjsonRows(request(app).get('/api/export?section=World&format=ndjson&fields=tags,wordCount'));
      expect(res.status).to.equal(200);
      const world = articles.filter((a) => str(a, 'section') === 'World');
      expect(rows.map((r) => r.id).sort()).to.deep.equal(world.map((a) => a.id).sort());
      const articleById = byId();
      for (const row of rows) {
        const a = articleById.get(row.id as string) as Article;
        expect(row.wordCount).to.equal(a.fields?.wordCount);
        if (a.fields?.tags !== undefined) expect(row.tags).to.deep.equal(a.fields.tags);
        else expect(row).to.not.have.property('tags');
      }
    });

    it('refuses dropped, unknown and unreturned fields with a 400 naming fields', async () => {
      for (const name of ['exchanges', 'colour']) {
        const res = await request(app).get(`/api/export?fields=${name}`);
        expectError(res, 400, 'invalid_request');
        expect(res.body.details[0].parameter).to.equal('fields');
      }
      const hidden = createSchemaRegistry(join(REPO_ROOT, 'schema'), resolveSchema({ fields: { notes: { type: 'text' }, shown: { type: 'text', returned: true } } }));
      expect(hidden.parseRequest<{ fields: string[] }>('export-request', { fields: ['shown'] }).fields).to.deep.equal(['shown']);
      expect(() => hidden.parseRequest('export-request', { fields: ['notes'] })).to.throw(/fields/);
    });
  });

  it('sorts by a number field, descending with -field, and returns stats and hit.fields', async () => {
    const r = await search('sort=-wordCount&stats=wordCount,updated&limit=100');
    const counts = r.hits.map((h) => h.fields?.wordCount as number);
    expect(counts).to.deep.equal([...counts].sort((a, b) => b - a));
    const all = articles.map((a) => num(a, 'wordCount')).filter((n): n is number => n !== undefined);
    expect((r.stats as Record<string, unknown> | undefined)?.wordCount).to.deep.include({ count: all.length, min: Math.min(...all), max: Math.max(...all) });
    const asc = await search('sort=wordCount&limit=3');
    expect(asc.hits[0].fields?.wordCount).to.equal(Math.min(...all));
    const n01 = r.hits.find((h) => h.id === 'n01');
    expect(n01?.fields).to.include({ section: 'World', imageUrl: 'https://news.example/img/n01.jpg' });
  });

  it('finds a word only in standfirsts, scoped or not, with the standfirst marked in hit.fieldsHtml (declared in the response schema)', async () => {
    const analyzer = createAnalyzer();
    const terms = (text: string | undefined): string[] => (text === undefined ? [] : analyzer.analyze(text).map((t) => t.term));
    const inBody = new Set(articles.flatMap((a) => [a.title, ...a.paragraphs]).flatMap(terms));
    let word = '';
    for (const a of articles) {
      const text = str(a, 'standfirst');
      const t = text === undefined ? undefined : analyzer.analyze(text).find((x) => !inBody.has(x.term) && /^[a-z]+$/i.test(text.slice(x.start, x.end)));
      if (text !== undefined && t) {
        word = text.slice(t.start, t.end);
        break;
      }
    }
    expect(word, 'the example has a word only in a standfirst').to.not.equal('');
    const term = terms(word)[0];
    const holding = (f: string): string[] => articles.filter((a) => terms(str(a, f)).includes(term)).map((a) => a.id).sort();
    const r = await search(`q=${encodeURIComponent(word)}&limit=100`);
    expect(r.hits.map((h) => h.id).sort()).to.deep.equal([...new Set([...holding('standfirst'), ...holding('byline')])].sort());
    for (const hit of r.hits.filter((h) => holding('standfirst').includes(h.id))) {
      expect(hit.fieldsHtml?.standfirst, hit.id).to.match(new RegExp(`<mark>${word}</mark>`, 'i'));
      expect(hit.fieldsHtml?.standfirst?.replace(/<\/?mark>/g, ''), hit.id).to.equal(escapeHtml(str(articles.find((a) => a.id === hit.id) as Article, 'standfirst') as string));
    }
    const scoped = await search(`q=${encodeURIComponent(`standfirst:${word}`)}&limit=100`);
    expect(scoped.hits.map((h) => h.id).sort()).to.deep.equal(holding('standfirst'));
    expect(scoped.interpretedAs).to.equal(`standfirst:${word}`);
  });

  it('GET /api/articles/{id} returns the declared text fields in fieldsHtml, marked as the title is, escaped (validated by the generated schema)', async () => {
    const withBoth = articles.find((a) => str(a, 'standfirst') !== undefined && str(a, 'byline') !== undefined) as Article;
    const standfirst = str(withBoth, 'standfirst') as string;
    const byline = str(withBoth, 'byline') as string;
    const word = (createAnalyzer().analyze(standfirst).map((t) => standfirst.slice(t.start, t.end)).find((w) => /^[a-z]{4,}$/i.test(w) && !byline.toLowerCase().includes(w.toLowerCase()))) as string;
    expect(word, 'a standfirst word the byline lacks').to.be.a('string');
    const get = async (q: string) => {
      const res = await request(app).get(`/api/articles/${encodeURIComponent(withBoth.id)}?q=${encodeURIComponent(q)}`);
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      const problems = registry.checkResponse('article-response', res.body);
      expect(problems, JSON.stringify(problems)).to.deep.equal([]);
      return res.body as { titleHtml: string; fieldsHtml?: Record<string, string> };
    };
    const body = await get(word);
    expect(Object.keys(body.fieldsHtml ?? {})).to.deep.equal(['standfirst', 'byline']);
    expect(body.fieldsHtml?.standfirst).to.match(new RegExp(`<mark>${word}</mark>`, 'i'));
    expect(body.fieldsHtml?.standfirst.replace(/<\/?mark>/g, '')).to.equal(escapeHtml(standfirst));
    expect(body.fieldsHtml?.byline).to.equal(escapeHtml(byline));
    // The library's answer, as it is.
    expect(body.fieldsHtml).to.deep.equal(index.highlightArticle(withBoth.id, word)?.fieldsHtml);
    // Scoped to the byline: the standfirst is shown unmarked.
    expect((await get(`byline:${word}`)).fieldsHtml?.standfirst).to.equal(escapeHtml(standfirst));
    expect((await get('')).fieldsHtml).to.deep.equal({ standfirst: escapeHtml(standfirst), byline: escapeHtml(byline) });
    // The generated schema names the text fields and nothing else.
    expect(registry.checkResponse('article-response', { ...body, fieldsHtml: { ...body.fieldsHtml, section: 'x' } })).to.not.deep.equal([]);
    const openapi = (await request(app).get('/api/openapi.json')).body;
    expect(Object.keys(openapi.components.schemas.ArticleResponse.properties.fieldsHtml.properties)).to.deep.equal(['standfirst', 'byline']);
  });

  it('refuses unknown, dropped and misspelt fields and bad ranges with a 400 naming them', async () => {
    for (const [query, name] of [['colour=red', 'colour'], ['exchanges=nyse', 'exchanges'], ['wordCount=abc', 'wordCount'], ['wordCount.gte=x', 'wordCount.gte'], ['sort=-section', 'sort'], ['facets=imageUrl', 'facets'], ['stats=section', 'stats']]) {
      const res = await request(app).get(`/api/search?${query}`);
      expectError(res, 400, 'invalid_request');
      expect(JSON.stringify(res.body), query).to.contain(name);
    }
  });

  it('GET /api/schema describes the declared fields and what each parameter takes', async () => {
    const res = await request(app).get('/api/schema');
    expect(res.status).to.equal(200);
    expect(registry.checkResponse('schema-response', res.body)).to.deep.equal([]);
    expect(res.body.fields.map((f: { name: string }) => f.name)).to.deep.equal(['section', 'tags', 'language', 'wordCount', 'pageNumber', 'updated', 'standfirst', 'byline', 'imageUrl']);
    expect(res.body.drop).to.have.members(['exchanges', 'organisations']);
    expect(res.body.sortFields).to.deep.equal(['wordCount', 'pageNumber', 'updated']);
    expect(res.body.facetFields).to.include.members(['section', 'tags', 'language', 'wordCount', 'category']);
    expect(res.body.facetFields).to.not.include('exchanges');
  });

  it('names the declared parameters in the OpenAPI document', async () => {
    const res = await request(app).get('/api/openapi.json');
    const names = res.body.paths['/api/search'].get.parameters.map((p: { name: string }) => p.name);
    expect(names).to.include.members(['section', 'tags', 'wordCount', 'wordCount.gte', 'updated', 'stats']);
    expect(names).to.not.include('exchanges');
    expect(res.body.paths).to.have.property('/api/schema');
  });
});
