import { expect } from 'chai';
import { measureQueries, WARMUP_PASSES } from '../../bench/measure.js';

describe('measureQueries', () => {
  it('runs every item in each warm-up pass and once more timed, and counts hits and empty answers', async () => {
    const calls = new Map<string, number>();
    const run = await measureQueries(['a', 'b', 'c'], (q) => {
      calls.set(q, (calls.get(q) ?? 0) + 1);
      return q === 'b' ? 0 : 2;
    });
    expect(WARMUP_PASSES).to.equal(2);
    expect([...calls.values()]).to.deep.equal([3, 3, 3]);
    expect(run.numSamples).to.equal(3);
    expect(run.meanHits).to.be.closeTo(4 / 3, 1e-12);
    expect(run.numEmpty).to.equal(1);
  });
});
