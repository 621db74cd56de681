/**
 * The typed API: this file must type-check (`npm run build` compiles it), and each
 * `@ts-expect-error` line must be an error, or the build fails. The run-time half checks that
 * the same wrong names are refused at run time too, for callers without types.
 */
import { expect } from 'chai';
import { createSearchIndex, SearchError, type SchemaDefinition, type SearchOptions } from '../../lib/index.js';
import { NEWSROOM_SCHEMA } from './newsroom-corpus.js';

const typed = createSearchIndex({ schema: NEWSROOM_SCHEMA });
const plain = createSearchIndex();

/** Each call of the typed index that TypeScript must refuse, as thunks (run below). */
const wrong: (() => unknown)[] = [
  // @ts-expect-error: not a declared keyword field
  () => typed.search('', { filters: { sectoin: ['World'] } }),
  // @ts-expect-error: a dropped default field
  () => typed.search('', { filters: { exchanges: ['nyse'] } }),
  // @ts-expect-error: a number field is not a filter field (use ranges)
  () => typed.search('', { filters: { wordCount: ['3'] } }),
  // @ts-expect-error: a stored field is not facetable
  () => typed.search('', { facets: ['imageUrl'] }),
  // @ts-expect-error: a keyword field has no range
  () => typed.search('', { ranges: { section: { gte: 1 } } }),
  // @ts-expect-error: not a sortable field
  () => typed.search('', { sort: '-section' }),
  // @ts-expect-error: not a number or date field
  () => typed.search('', { stats: ['tags'] }),
  // @ts-expect-error: the default schema has no declared fields
  () => plain.search('', { filters: { section: ['World'] } }),
  // @ts-expect-error: the default schema has no declared fields
  () => plain.search('', { facets: ['wordCount'] }),
];

// What must type-check: declared names, default names, and a schema known only at run time.
const right: SearchOptions<typeof NEWSROOM_SCHEMA> = {
  filters: { section: ['World'], tags: ['ai'], topics: ['crude'] },
  facets: ['section', 'tags', 'wordCount', 'category'],
  ranges: { wordCount: { gte: 300, lte: 800 }, updated: { gte: '2020-01-01' }, date: { lt: '2020-01-01' } },
  sort: '-wordCount',
  stats: ['wordCount', 'updated'],
};
const runtimeSchema: SchemaDefinition = JSON.parse('{"fields":{"section":{"type":"keyword"}}}') as SchemaDefinition;
const dynamic = createSearchIndex({ schema: runtimeSchema });

describe('typed API (compile-time field names)', () => {
  it('accepts declared names, and refuses at run time what the types refuse', () => {
    expect(typed.search('', right).total).to.equal(0);
    expect(plain.search('', { facets: ['topics'], sort: 'date' }).total).to.equal(0);
    expect(dynamic.search('', { filters: { section: ['World'] } }).total).to.equal(0);
    for (const call of wrong) expect(call).to.throw(SearchError);
  });
});
