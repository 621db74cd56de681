/**
 * The pruned top-k's skipping, which a test index of a few thousand articles barely reaches with
 * the shipped window of 4,096 documents: the same query path with windows of 16–256 documents,
 * so that whole windows, posting blocks inside windows and non-essential terms are skipped many
 * times, against the search index's exhaustive path (`trackTotal: true`) over the same articles.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { createSearchIndex, type Article, type SearchIndex } from '../../lib/index.js';
import { createAnalyzer } from '../../lib/analysis/analyzer.js';
import { FacetStore } from '../../lib/facets/facet-store.js';
import { InvertedIndex } from '../../lib/index/inverted-index.js';
import { resolveRanking } from '../../lib/ranking/bm25.js';
import { proximityPairs } from '../../lib/search/proximity-pairs.js';
import { PrunedTopK } from '../../lib/search/pruned-top-k.js';
import { planQuery } from '../../lib/search/query-plan.js';
import { QueryEvaluator } from '../../lib/search/query-evaluator.js';
import { TreeMatcher } from '../../lib/search/tree-matcher.js';
import { rng } from './synthetic-corpus.js';

/**
 * Articles with Zipf-like words; every third run of 400 ids holds long articles, where a word
 * weighs little, so that whole windows and blocks there fall below the best short ones.
 */
function corpus(n: number, seed: number): Article[] {
  const rand = rng(seed);
  const word = (): string => `v${Math.min(199, Math.floor(Math.exp(rand() * Math.log(201))) - 1)}`;
  const text = (len: number): string => Array.from({ length: len }, () => (rand() < 0.08 ? 'of' : word())).join(' ');
  return Array.from({ length: n }, (_, i) => {
    const long = Math.floor(i / 400) % 3 === 0;
    const a: Article = { id: `a${i}`, title: text(1 + Math.floor(rand() * (long ? 8 : 4))), paragraphs: Array.from({ length: 1 + Math.floor(rand() * 3) }, () => text(long ? 40 : 3 + Math.floor(rand() * 12))) };
    if (rand() < 0.85) a.date = `2021-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 10)}`;
    return a;
  });
}

const ARTICLES = corpus(5000, 9);
const REMOVED = new Set(ARTICLES.filter((_, i) => i % 13 === 4).map((a) => a.id));

describe('PrunedTopK with small windows', function () {
  this.timeout(120_000);
  const analyzer = createAnalyzer();
  const ranking = resolveRanking();
  const ix = new InvertedIndex(analyzer);
  const evaluator = new QueryEvaluator(ix, ranking);
  const matcher = new TreeMatcher(ix);
  const facets = new FacetStore();
  let oracle: SearchIndex;

  before(() => {
    ARTICLES.forEach((a) => ix.addDocument(a));
    ARTICLES.forEach((a, d) => {
      if (REMOVED.has(a.id)) ix.removeDocument(d, a);
    });
    ix.seal();
    evaluator.prepare(1);
    oracle = createSearchIndex();
    oracle.addAll(ARTICLES);
    for (const id of REMOVED) oracle.remove(id);
  });

  /** The page and total of the pruned path with a given window, as the facade would run it. */
  function pruned(window: number, q: string, k: number, trackTotal: number, matchAll: boolean, refineAt?: number): { ids: string[]; scores: number[]; total: number; totalExact: boolean } {
    matcher.reset();
    const plan = planQuery(q, analyzer, ix, matcher, { analyzer, dict: ix.dict, df: ix.df.data, facets, optionFilterFields: new Set(), matchAll }, evaluator, ranking);
    expect(plan.required, q).to.equal(null);
    // The facade prunes up to 16 terms, prefix expansions included.
    expect(plan.slots.reduce((n, s) => n + s.termIds.length, 0), q).to.be.at.most(16);
    const words = new Set(plan.slots.filter((s) => !s.prefix).flatMap((s) => s.termIds));
    const pairs = proximityPairs(q, analyzer, ix.dict, (t) => ix.df.data[t]).filter((p) => words.has(p.a) && words.has(p.b));
    const page = new PrunedTopK(ix, ranking, window, refineAt).run(
      { slots: plan.slots, matchAll: plan.matchAll, excluded: plan.excluded, pairs, k, trackTotal, dates: ix.dateMs.data }, evaluator,
    );
    return { ids: page.docs.map((d) => ARTICLES[d].id), scores: page.scores.map((s) => Math.round(s * 1e6) / 1e6), total: page.total, totalExact: page.totalExact };
  }

  const queryArb = fc.tuple(
    fc.array(fc.oneof(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 199 })), { minLength: 1, maxLength: 4 }),
    fc.option(fc.constantFrom('v19*', 'v7*'), { nil: undefined }),
    fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
  ).map(([words, prefix, exclude]) => [...words.map((w) => `v${w}`), ...(prefix ? [prefix] : []), ...(exclude !== undefined ? [`-v${exclude}`] : [])].join(' '));

  it('gives the exhaustive page and total with windows of 16 to 256 documents', () => {
    let flagged = 0;
    fc.assert(fc.property(
      queryArb, fc.constantFrom(16, 64, 256), fc.integer({ min: 1, max: 40 }), fc.constantFrom(0, 0, 10, 200, 1_000_000), fc.boolean(),
      // Waiting candidates refined after every window (1), by small batches (8) or as shipped.
      fc.constantFrom(1, 8, undefined),
      (q, window, k, trackTotal, matchAll, refineAt) => {
        const got = pruned(window, q, k, trackTotal, matchAll, refineAt);
        const want = oracle.search(q, { limit: k, snippets: 0, highlight: false, trackTotal: true, match: matchAll ? 'all' : 'any' });
        expect(got.ids, `${q} (window ${window}, k ${k}, refine at ${refineAt})`).to.deep.equal(want.hits.map((h) => h.id));
        expect(got.scores, q).to.deep.equal(want.hits.map((h) => h.score));
        if (got.totalExact) expect(got.total, q).to.equal(want.total);
        else {
          flagged++;
          expect(got.total).to.equal(trackTotal);
          expect(want.total).to.be.at.least(trackTotal);
        }
      },
    ), { numRuns: 500, seed: 3 });
    expect(flagged).to.be.greaterThan(30);
  });

  it('rejects a window that is not a positive integer', () => {
    for (const w of [0, -1, 1.5]) expect(() => new PrunedTopK(ix, ranking, w)).to.throw(RangeError);
  });
});
