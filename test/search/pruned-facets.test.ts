/**
 * Facets beside the pruned top-k (lib/search/search-index.ts `prunedSearch`): a plain relevance
 * page that asks for facets is ranked by the pruned top-k and counts its facets and exact total
 * over the unscored match set (kept by the top-k while it counts, or walked again past the
 * `trackTotal` threshold). The oracle is the exhaustive path (`trackTotal: true`): the whole
 * answer (hits, scores, snippets, total, facets, interpretedAs, didYouMean) must be identical.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { createSearchIndex, FACET_FIELDS, type SearchIndex, type SearchOptions, type SearchResult } from '../../lib/index.js';
import { syntheticCorpus, WORDS } from './synthetic-corpus.js';

/** The whole answer but the time taken. */
function answer(r: SearchResult): unknown {
  const { tookMs: _t, ...rest } = r;
  return rest;
}

/** A random query: words (stop words too), maybe a prefix, an exclusion, a phrase or a misspelling. */
const queryArb = fc.record({
  words: fc.array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 4 }),
  prefix: fc.option(fc.constantFrom('ex*', 'pri*', 'te*', 'zz*'), { nil: undefined }),
  exclude: fc.option(fc.constantFrom(...WORDS), { nil: undefined }),
  kind: fc.constantFrom('plain', 'plain', 'plain', 'phrase', 'misspelt'),
}).map(({ words, prefix, exclude, kind }) => {
  const ws = kind === 'misspelt' ? words.map((w) => `${w}q`) : words;
  const body = kind === 'phrase' ? `"${ws.join(' ')}"` : ws.join(' ');
  return [body, ...(prefix ? [prefix] : []), ...(exclude ? [`-${exclude}`] : [])].join(' ').trim();
});

const optionsArb = fc.record({
  limit: fc.integer({ min: 0, max: 20 }),
  offset: fc.integer({ min: 0, max: 30 }),
  snippets: fc.constantFrom(0, 1, 3),
  // Small thresholds: the top-k stops counting, and the match set is walked again.
  trackTotal: fc.constantFrom<number | undefined>(undefined, 0, 5, 300),
  match: fc.constantFrom<'any' | 'all'>('any', 'any', 'all'),
  facetLimit: fc.constantFrom(0, 2, 10),
});

function checkAgainstOracle(index: SearchIndex, numRuns: number, seed: number): void {
  fc.assert(fc.property(queryArb, optionsArb, (q, o) => {
    const options: SearchOptions = { ...o, facets: [...FACET_FIELDS] };
    const oracle = index.search(q, { ...options, trackTotal: true });
    expect(answer(index.search(q, options)), `${q} ${JSON.stringify(o)}`).to.deep.equal(answer(oracle));
  }), { numRuns, seed });
}

describe('facets beside the pruned top-k', function () {
  this.timeout(120_000);
  const articles = syntheticCorpus(6000, 7);
  let index: SearchIndex;

  before(() => {
    index = createSearchIndex();
    index.addAll(articles);
  });

  it('answers as the exhaustive path on random queries', () => {
    checkAgainstOracle(index, 400, 15);
  });

  it('answers as the exhaustive path with removed articles', () => {
    const withRemoved = createSearchIndex();
    withRemoved.addAll(articles.slice(0, 4000));
    for (let i = 2; i < 4000; i += 7) withRemoved.remove(articles[i].id);
    checkAgainstOracle(withRemoved, 200, 16);
  });

  it('counts facets and an exact total past the trackTotal threshold', () => {
    const all = index.search('trade oil', { facets: ['topics', 'category'], trackTotal: true });
    expect(all.total).to.be.greaterThan(100);
    const r = index.search('trade oil', { facets: ['topics', 'category'], trackTotal: 10 });
    expect(r).to.include({ total: all.total, totalExact: true });
    expect(answer(r)).to.deep.equal(answer(all));
  });

  it('gives an exact 0, empty facets and the suggestion when nothing matches', () => {
    const r = index.search('missilez', { facets: ['topics'] });
    expect(r).to.include({ total: 0, totalExact: true });
    expect(answer(r)).to.deep.equal(answer(index.search('missilez', { facets: ['topics'], trackTotal: true })));
  });
});
