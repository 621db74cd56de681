import { expect } from 'chai';
import { cacheOffRatios, PING_TARGET, SEARCH_TARGET, UNCACHED_SEARCH_TARGET, type HttpRun } from '../../bench/http.js';

function run(target: string, connections: number, requestsPerS: number, pair?: number): HttpRun {
  return { target, connections, durationS: 10, requestsPerS, p50Ms: 1, p99Ms: 2, numRequests: 10 * requestsPerS, errors: 0, non2xx: 0, ...(pair ? { pair } : {}) };
}

describe('cacheOffRatios (bench/http.ts)', () => {
  it('pairs each cache-off run at 50 connections with the trivial run of its pair and takes the median', () => {
    const runs = [
      run(SEARCH_TARGET, 50, 5000),
      run(UNCACHED_SEARCH_TARGET, 1, 9999),
      run(UNCACHED_SEARCH_TARGET, 50, 1600),
      run(PING_TARGET, 50, 4000),
      run(PING_TARGET, 50, 6400, 1),
      run(UNCACHED_SEARCH_TARGET, 50, 1600, 1),
      run(PING_TARGET, 50, 8000, 2),
      run(UNCACHED_SEARCH_TARGET, 50, 1600, 2),
    ];
    const r = cacheOffRatios(runs);
    expect(r?.ratios).to.deep.equal([0.4, 0.25, 0.2]);
    expect(r?.median).to.equal(0.25);
  });

  it('averages the middle two of an even number, and gives undefined without a pair', () => {
    expect(cacheOffRatios([run(UNCACHED_SEARCH_TARGET, 50, 1000), run(PING_TARGET, 50, 4000), run(PING_TARGET, 50, 2000, 1), run(UNCACHED_SEARCH_TARGET, 50, 1000, 1)])?.median).to.equal(0.375);
    expect(cacheOffRatios([run(UNCACHED_SEARCH_TARGET, 50, 1000)])).to.equal(undefined);
  });
});
