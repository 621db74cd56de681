import { expect } from 'chai';
import fc from 'fast-check';
import { topK, topKByScore } from '../../lib/collector/top-k.js';

describe('topK', () => {
  it('equals sorting everything and taking the first k', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200 }), fc.integer({ min: 0, max: 250 }), (scores, k) => {
        const items = Int32Array.from(scores.map((_, i) => i));
        const by = (a: number, b: number) => scores[b] - scores[a] || a - b;
        expect(topK(items, items.length, k, by)).to.deep.equal([...items].sort(by).slice(0, k));
      }),
      { numRuns: 200 },
    );
  });
});

describe('topKByScore', () => {
  it('equals sorting by score (ties by item) and taking the first k', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200 }), fc.integer({ min: 0, max: 250 }), (raw, k) => {
        const score = Float64Array.from(raw);
        // Items in a shuffled order, so ties are not already sorted by id.
        const items = Int32Array.from(raw.map((_, i) => i).reverse());
        const expected = [...items].sort((a, b) => score[b] - score[a] || a - b).slice(0, k);
        expect(topKByScore(items, items.length, k, score)).to.deep.equal(expected);
      }),
      { numRuns: 200 },
    );
  });
});
