/**
 * The page's view of `/api/schema` (web/page-schema.js) and the URL state of declared fields
 * (web/url-state.js), in Node: plain ES modules with no DOM.
 */
import { expect } from 'chai';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import request from 'supertest';
import { createApp } from '../../server/app.js';
import { createIndexHolder } from '../../server/index-holder.js';
import { repoRoot } from './harness.js';
import { newsroomIndex } from './newsroom-index.js';
import { createSearchIndex } from '../../lib/index.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- the page's modules are untyped JavaScript */
type Module = Record<string, any>;

async function schemaBody(index: any): Promise<unknown> {
  const res = await request(createApp(createIndexHolder(index), { logger: false })).get('/api/schema');
  expect(res.status).to.equal(200);
  return res.body;
}

describe('web/page-schema.js and declared fields in web/url-state.js', () => {
  let ps: Module;
  let us: Module;
  let newsroom: any;
  let fallback: any;

  before(async () => {
    ps = await import(pathToFileURL(join(repoRoot(), 'web', 'page-schema.js')).href);
    us = await import(pathToFileURL(join(repoRoot(), 'web', 'url-state.js')).href);
    newsroom = ps.pageSchema(await schemaBody((await newsroomIndex()).index));
    fallback = ps.pageSchema(await schemaBody(createSearchIndex()));
  });

  it('reads the default schema\'s /api/schema as the news fields, and anything unreadable as them too', () => {
    expect([...fallback.valueFields]).to.deep.equal([...us.FACET_FIELDS]);
    expect(fallback.rangeFields).to.deep.equal([]);
    expect(fallback.sortFields).to.deep.equal([]);
    expect(fallback.returned).to.deep.equal([]);
    for (const junk of [null, 'x', {}, { fields: 3 }]) expect(ps.pageSchema(junk)).to.equal(ps.DEFAULT_PAGE_SCHEMA);
  });

  it('reads the newsroom schema: value fields without the dropped ones, ranges, sorts, returned fields', () => {
    expect(newsroom.valueFields).to.include.members(['section', 'tags', 'language', 'category']);
    expect(newsroom.valueFields).to.not.include.members(['exchanges', 'organisations']);
    expect(newsroom.rangeFields.map((f: any) => `${f.name}:${f.type}`)).to.deep.equal(['wordCount:number', 'pageNumber:number', 'updated:date']);
    expect(ps.declaredSorts(newsroom).map((o: any) => o.value)).to.deep.equal(['-wordCount', 'wordCount', '-pageNumber', 'pageNumber', '-updated', 'updated']);
    expect(newsroom.labels.wordCount).to.equal('Word count');
  });

  it('parses declared filters, ranges and sorts only with the schema, dropping malformed bounds', () => {
    const query = '?section=World&tags=ai&wordCount.gte=300&wordCount.lt=800&updated.gte=2024-01-01&updated.lte=soon&pageNumber.gt=3&sort=-wordCount';
    const s = us.parseState(query, newsroom);
    expect(s.filters).to.deep.equal({ section: ['World'], tags: ['ai'] });
    expect(s.ranges).to.deep.equal({ wordCount: { gte: '300', lt: '800' }, updated: { gte: '2024-01-01' } });
    expect(s.sort).to.equal('-wordCount');
    expect(us.countFilters(s)).to.equal(4);
    // Without the schema the same URL is the default page's: none of it is known.
    expect(us.parseState(query)).to.deep.equal(us.emptyState());
  });

  it('spells equal states as equal URLs whatever order they were built in, and round-trips', () => {
    const a = { ...us.emptyState(), filters: { tags: ['ai'], category: ['X'], section: ['World'] }, ranges: { wordCount: { lt: '800', gte: '300' }, updated: { lte: '2024-05-01' } } };
    const b = { ...us.emptyState(), filters: { section: ['World'], category: ['X'], tags: ['ai'] }, ranges: { updated: { lte: '2024-05-01' }, wordCount: { gte: '300', lt: '800' } } };
    const query = us.stateToQuery(a);
    expect(query).to.equal(us.stateToQuery(b));
    expect(query).to.equal('?category=X&section=World&tags=ai&updated.lte=2024-05-01&wordCount.gte=300&wordCount.lt=800');
    expect(us.stateToQuery(us.parseState(query, newsroom))).to.equal(query);
    expect(us.searchApiUrl(a)).to.contain('wordCount.gte=300&wordCount.lt=800');
  });
});
