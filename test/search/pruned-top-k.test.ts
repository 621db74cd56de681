/**
 * The pruned top-k (lib/search/pruned-top-k.ts) against today's exhaustive path as the oracle:
 * the same search with `trackTotal: true` scores every match and counts them all. On random
 * queries (1–4 words, common and rare, prefixes, exclusions, `match: 'all'`), random pages
 * within the pruned depth and small thresholds (so pruning really happens on a test corpus of a
 * few windows), the page must be identical (ids, scores, order with its ties) and the total
 * exact below the threshold, or the threshold and flagged when there are at least that many.
 * On an index with removed articles, and again after a snapshot round trip.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import {
  createSearchIndex, DEFAULT_TRACK_TOTAL, InvalidQueryError, snapshotFromBytes, snapshotToBytes,
  type Article, type SearchIndex, type SearchOptions, type SearchResult,
} from '../../lib/index.js';
import { rng } from './synthetic-corpus.js';

/** A vocabulary with Zipf-like frequencies: w0 in most articles, w299 in a handful. */
const VOCAB = Array.from({ length: 300 }, (_, i) => `w${i}`);
const TOPICS = ['earn', 'acq', 'crude'];

/**
 * Enough articles for several of the pruned top-k's windows (4,096 ids), with copies of the same
 * text (equal scores: ties by date, then id) and articles without a date.
 */
function zipfCorpus(n: number, seed: number): Article[] {
  const rand = rng(seed);
  const word = (): string => VOCAB[Math.min(VOCAB.length - 1, Math.floor(Math.exp(rand() * Math.log(VOCAB.length + 1))) - 1)];
  const text = (len: number): string => Array.from({ length: len }, () => (rand() < 0.1 ? 'the' : word())).join(' ');
  const out: Article[] = [];
  for (let i = 0; i < n; i++) {
    const copyOf = i > 10 && rand() < 0.05 ? out[Math.floor(rand() * i)] : undefined;
    const a: Article = copyOf
      ? { ...copyOf, id: `z-${i}` }
      : { id: `z-${i}`, title: text(2 + Math.floor(rand() * 5)), paragraphs: Array.from({ length: 1 + Math.floor(rand() * 4) }, () => text(4 + Math.floor(rand() * 20))) };
    if (rand() < 0.9) a.date = `2020-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
    else delete a.date;
    if (rand() < 0.4) a.topics = [TOPICS[Math.floor(rand() * TOPICS.length)]];
    out.push(a);
  }
  return out;
}

const ARTICLES = zipfCorpus(9000, 5);

/** Everything but the total and the time: what must be identical on both paths. */
function answer(r: SearchResult): unknown {
  const { tookMs: _t, total: _n, totalExact: _e, ...rest } = r;
  return rest;
}

/** A random plain query: 1–4 words (common or rare), maybe a prefix, maybe an exclusion. */
const queryArb = fc.record({
  words: fc.array(fc.oneof(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 299 })), { minLength: 1, maxLength: 4 }),
  prefix: fc.option(fc.constantFrom('w1*', 'w2*', 'w5*', 'w29*'), { nil: undefined }),
  exclude: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
}).map(({ words, prefix, exclude }) => [
  ...words.map((w) => `w${w}`), ...(prefix ? [prefix] : []), ...(exclude !== undefined ? [`-w${exclude}`] : []),
].join(' '));

const optionsArb = fc.record({
  limit: fc.integer({ min: 0, max: 30 }),
  offset: fc.integer({ min: 0, max: 70 }),
  trackTotal: fc.constantFrom(0, 5, 50, 400, 100_000),
  match: fc.constantFrom<'any' | 'all'>('any', 'any', 'all'),
});

function checkAgainstOracle(index: SearchIndex, numRuns: number, seed: number): { flagged: number; exact: number } {
  let flagged = 0;
  let exact = 0;
  fc.assert(fc.property(queryArb, optionsArb, (q, o) => {
    const options: SearchOptions = { ...o, snippets: 0, highlight: false };
    const got = index.search(q, options);
    const oracle = index.search(q, { ...options, trackTotal: true });
    expect(oracle.totalExact).to.equal(true);
    expect(answer(got), q).to.deep.equal(answer(oracle));
    if (got.totalExact) {
      exact++;
      expect(got.total, q).to.equal(oracle.total);
    } else {
      flagged++;
      expect(got.total, q).to.equal(o.trackTotal);
      expect(oracle.total, q).to.be.at.least(o.trackTotal);
    }
    // Below the threshold the count is always exact.
    if (oracle.total < o.trackTotal) expect(got.totalExact, q).to.equal(true);
  }), { numRuns, seed });
  return { flagged, exact };
}

describe('pruned top-k (trackTotal)', function () {
  this.timeout(120_000);
  let index: SearchIndex;

  before(() => {
    index = createSearchIndex();
    index.addAll(ARTICLES);
    for (let i = 3; i < ARTICLES.length; i += 11) index.remove(ARTICLES[i].id);
  });

  it('gives the exhaustive path\'s page, and its total up to the threshold, on random queries', () => {
    const { flagged, exact } = checkAgainstOracle(index, 400, 11);
    // Both outcomes occur, so both the counting and the pruning phases are exercised.
    expect(flagged, 'answers with a total at the threshold').to.be.greaterThan(50);
    expect(exact, 'answers with an exact total').to.be.greaterThan(50);
  });

  it('gives the exhaustive path\'s page with a declared text field in BM25F (words only in a standfirst)', () => {
    const withText = createSearchIndex({ schema: { fields: { standfirst: { type: 'text', weight: 2 } } } });
    const rand = rng(21);
    withText.addAll(ARTICLES.slice(0, 6000).map((a, i) => (i % 3 === 0
      ? a
      : { ...a, fields: { standfirst: Array.from({ length: 3 + Math.floor(rand() * 12) }, () => `w${Math.floor(rand() * 40)}`).join(' ') } })));
    for (let i = 5; i < 6000; i += 13) withText.remove(ARTICLES[i].id);
    const { flagged, exact } = checkAgainstOracle(withText, 150, 13);
    expect(flagged + exact).to.equal(150);
    expect(flagged, 'answers with a total at the threshold').to.be.greaterThan(10);
  });

  it('gives the same answers after a snapshot round trip', () => {
    const loaded = snapshotFromBytes(snapshotToBytes(index));
    checkAgainstOracle(loaded, 150, 12);
    for (const q of ['w0', 'w1 w2', 'w3 w40 -w7', 'w2*']) {
      expect(answer(loaded.search(q, { trackTotal: 5 })), q).to.deep.equal(answer(index.search(q, { trackTotal: 5 })));
    }
  });

  it('pages a common word by its exact scores, ties by newer date then id', () => {
    const r = index.search('w0', { limit: 100, snippets: 0, highlight: false, trackTotal: 10 });
    expect(r.totalExact).to.equal(false);
    expect(r.total).to.equal(10);
    const all = index.search('w0', { limit: 100, snippets: 0, highlight: false, trackTotal: true });
    expect(r.hits.map((h) => [h.id, h.score])).to.deep.equal(all.hits.map((h) => [h.id, h.score]));
    expect(all.total).to.be.greaterThan(1000);
  });

  it('counts exactly below the threshold and flags the total at it', () => {
    const exact = index.search('w120', { trackTotal: true }).total;
    expect(exact).to.be.greaterThan(1);
    expect(index.search('w120', { trackTotal: exact + 1 })).to.include({ total: exact, totalExact: true });
    expect(index.search('w120', { trackTotal: exact })).to.include({ total: exact, totalExact: false });
    expect(index.search('w120', { trackTotal: exact - 1 })).to.include({ total: exact - 1, totalExact: false });
    expect(index.search('w120', { trackTotal: false })).to.include({ total: 0, totalExact: false });
  });

  it('keeps exact totals when the answer needs every match', () => {
    const n = index.search('w0 w1', { trackTotal: true }).total;
    expect(n).to.be.greaterThan(100);
    const cases: SearchOptions[] = [
      { facets: ['topics'] },
      { dateHistogram: true },
      { filters: { topics: ['earn', 'acq', 'crude'] } },
      { sort: 'date' },
      { collapse: 'duplicates', collapseCount: 'articles' },
      { offset: 95, limit: 10 },
      { stats: ['date'] },
    ];
    for (const o of cases) {
      const r = index.search('w0 w1', { ...o, trackTotal: 5 });
      expect(r.totalExact, JSON.stringify(o)).to.equal(true);
      if (!o.filters) expect(r.total, JSON.stringify(o)).to.equal(n);
    }
    // Phrases and boolean trees go through the tree matcher, which counts everything.
    expect(index.search('"w0 w1" OR w2', { trackTotal: 5 }).totalExact).to.equal(true);
  });

  it('answers a query that matches nothing with an exact 0 and the spelling suggestion', () => {
    const r = index.search('w1x', { trackTotal: 5 });
    expect(r).to.include({ total: 0, totalExact: true });
    expect(answer(r)).to.deep.equal(answer(index.search('w1x', { trackTotal: true })));
  });

  it('defaults to 10,000 and checks the option', () => {
    expect(DEFAULT_TRACK_TOTAL).to.equal(10_000);
    expect(index.search('w0', {}).totalExact).to.equal(index.search('w0', { trackTotal: true }).total < 10_000);
    for (const bad of [-1, 1.5, 'x', null, Number.NaN, Infinity]) {
      expect(() => index.search('w0', { trackTotal: bad as unknown as number }), String(bad)).to.throw(InvalidQueryError, /trackTotal/);
    }
  });
});
