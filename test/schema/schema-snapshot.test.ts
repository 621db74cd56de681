/** Snapshots store the declared schema and its field stores; a different schema asked for is refused. */
import { expect } from 'chai';
import { createSearchIndex, SnapshotError, snapshotFromBytes, snapshotToBytes, type SearchOptions } from '../../lib/index.js';
import { NEWSROOM_SCHEMA, newsroomCorpus } from './newsroom-corpus.js';

describe('snapshots with a declared schema', () => {
  const corpus = newsroomCorpus(300, 9);
  const index = createSearchIndex({ schema: NEWSROOM_SCHEMA });
  index.addAll(corpus);
  for (const a of corpus.slice(0, 40)) index.remove(a.id);
  const bytes = snapshotToBytes(index);

  it('restores the schema, keyword facets, number columns and returned fields: same answers', () => {
    const back = snapshotFromBytes(bytes);
    expect(back.schema.fingerprint).to.equal(index.schema.fingerprint);
    const queries: [string, SearchOptions<typeof NEWSROOM_SCHEMA>][] = [
      ['', { facets: ['section', 'tags', 'wordCount'], facetLimit: 0, sort: '-wordCount', limit: 50, stats: ['wordCount', 'updated'] }],
      ['oil', { filters: { tags: ['ai', 'climate'] }, ranges: { wordCount: { gte: 200 }, updated: { lt: '2020-07-01' } }, facets: ['tags', 'wordCount'] }],
      ['section:World korea', { sort: 'updated', limit: 30 }],
    ];
    for (const [q, o] of queries) {
      const { tookMs: _a, ...want } = index.search(q, o);
      const { tookMs: _b, ...got } = back.search(q, o as SearchOptions);
      expect(got, q).to.deep.equal(want);
      expect(want.total, q).to.be.greaterThan(0);
    }
    expect(back.get(corpus[100].id)?.fields).to.deep.equal(index.get(corpus[100].id)?.fields);
  });

  it('accepts the same schema asked for, and refuses another with reason schema_mismatch', () => {
    expect(snapshotFromBytes(bytes, { schema: NEWSROOM_SCHEMA }).size).to.equal(index.size);
    for (const schema of [undefined, { fields: { section: { type: 'keyword' } } }] as const) {
      let thrown: unknown;
      try {
        snapshotFromBytes(bytes, { schema });
      } catch (e) {
        thrown = e;
      }
      expect(thrown).to.be.instanceOf(SnapshotError);
      expect((thrown as SnapshotError).details?.reason).to.equal('schema_mismatch');
      expect((thrown as SnapshotError).message).to.match(/schema differs/);
    }
  });

  it('loads a default-schema snapshot when the default schema is asked for', () => {
    const plain = createSearchIndex();
    plain.addAll(corpus.map(({ fields: _f, ...a }) => a));
    expect(snapshotFromBytes(snapshotToBytes(plain), { schema: undefined }).size).to.equal(corpus.length);
  });
});
