import { expect } from 'chai';
import { createSearchIndex, SearchError, type Article, type SearchIndex } from '../../lib/index.js';
import { syntheticCorpus, WORDS } from './synthetic-corpus.js';

/** Every hit of a few queries as (id, score), and the totals: what two equal indexes share. */
function answers(index: SearchIndex): unknown[] {
  return WORDS.slice(0, 6).map((w) => {
    const r = index.search(w, { limit: 100, facets: ['topics'] });
    return { total: r.total, hits: r.hits.map((h) => [h.id, h.score]), facets: r.facets };
  });
}

describe('SearchIndex bulk add', () => {
  const corpus = syntheticCorpus(1500, 7);

  describe('#addAll', () => {
    it('indexes as repeated add does (the bulk path pre-sizes, it does not change results)', () => {
      const one = createSearchIndex();
      for (const a of corpus) one.add(a);
      const bulk = createSearchIndex();
      bulk.addAll(corpus);
      expect(bulk.size).to.equal(corpus.length);
      expect(answers(bulk)).to.deep.equal(answers(one));
    });

    it('reports progress per batch, ending at the total', () => {
      const calls: [number, number][] = [];
      createSearchIndex().addAll(corpus, { batchSize: 400, onProgress: (done, total) => calls.push([done, total]) });
      expect(calls).to.deep.equal([[400, 1500], [800, 1500], [1200, 1500], [1500, 1500]]);
    });

    it('skips and reports refused articles with onInvalid, and throws without it', () => {
      const dup: Article = { ...corpus[3] };
      const bad = { id: 'no-title', paragraphs: ['x'] } as unknown as Article;
      const refused: string[] = [];
      const index = createSearchIndex();
      index.addAll([...corpus.slice(0, 10), dup, bad, corpus[10]], { onInvalid: (a, e) => refused.push(`${a.id}:${e.code}`) });
      expect(refused).to.deep.equal([`${dup.id}:duplicate_id`, 'no-title:invalid_article']);
      expect(index.size).to.equal(11);
      expect(() => createSearchIndex().addAll([corpus[0], corpus[0]])).to.throw(SearchError);
    });
  });

  describe('#addAllAsync', () => {
    it('gives the same index as addAll', async () => {
      const sync = createSearchIndex();
      sync.addAll(corpus);
      const async = createSearchIndex();
      await async.addAllAsync(corpus, { batchSize: 100 });
      expect(answers(async)).to.deep.equal(answers(sync));
    });

    it('gives the event loop a turn between batches', async () => {
      let turns = 0;
      const tick = (): void => {
        turns++;
        if (turns < 1000) setImmediate(tick);
      };
      setImmediate(tick);
      let turnsAtProgress = -1;
      const index = createSearchIndex();
      await index.addAllAsync(corpus, { batchSize: 100, onProgress: (done) => done === 1000 && (turnsAtProgress = turns) });
      expect(turnsAtProgress).to.be.at.least(5);
      turns = 1000;
    });
  });
});
