import { expect } from 'chai';
import fc from 'fast-check';
import { countFacets, rankValues } from '../../lib/facets/count-facets.js';
import { FacetStore } from '../../lib/facets/facet-store.js';
import type { Article, FacetValue } from '../../lib/index.js';

/** The plain computation: every value with a count, most frequent first, ties by `<`, the first `limit` (0 = all). */
function oracle(values: readonly string[], counts: ArrayLike<number>, limit: number): FacetValue[] {
  const all = values.map((value, v) => ({ value, count: counts[v] })).filter((x) => x.count > 0);
  all.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return limit > 0 ? all.slice(0, limit) : all;
}

const NO_NEAR = { docs: new Int32Array(0), fail: new Int32Array(0), n: 0 };

describe('rankValues', () => {
  it('equals sorting every counted value and taking the first limit', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ maxLength: 4 }), { maxLength: 120 }),
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 120, maxLength: 120 }),
        fc.integer({ min: 0, max: 40 }),
        (values, rawCounts, limit) => {
          const counts = Int32Array.from(values.map((_, v) => rawCounts[v]));
          expect(rankValues(values, counts, limit)).to.deep.equal(oracle(values, counts, limit));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('orders ties by the values added after an earlier ranking too (dictionaries grow)', () => {
    const values = ['m', 'c', 'x'];
    expect(rankValues(values, [1, 1, 1], 2)).to.deep.equal([{ value: 'c', count: 1 }, { value: 'm', count: 1 }]);
    values.push('a', 'd');
    expect(rankValues(values, [1, 1, 1, 1, 1], 3)).to.deep.equal(oracle(values, [1, 1, 1, 1, 1], 3));
    expect(rankValues(values, [1, 1, 1, 1, 1], 3)[0].value).to.equal('a');
  });
});

describe('countFacets', () => {
  const TOPICS = ['crude', 'grain', 'gold', 'trade', 'money-fx', 'ship', 'coffee'];
  const PLACES = ['usa', 'uk', 'japan', 'west-germany', 'france'];
  const article = fc.record({
    topics: fc.subarray(TOPICS),
    places: fc.subarray(PLACES),
    dateline: fc.constantFrom('NEW YORK', 'LONDON', 'TOKYO', 'PARIS', 'BONN', 'CHICAGO', 'HOUSTON'),
  });

  it('equals a by-hand count of the matched documents, for any limit, call after call', () => {
    fc.assert(
      fc.property(
        fc.array(article, { minLength: 1, maxLength: 60 }),
        fc.array(fc.tuple(fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }), fc.integer({ min: 0, max: 6 })), { minLength: 1, maxLength: 3 }),
        (given, calls) => {
          const store = new FacetStore();
          const articles: Article[] = given.map((a, i) => ({ id: `a${i}`, title: 't', paragraphs: ['p'], ...a }));
          articles.forEach((a, d) => store.add(d, a));
          const fields = ['topics', 'places', 'dateline'] as const;
          // The same store counted several times: nothing of one count may leak into the next.
          for (const [picked, limit] of calls) {
            const docs = Int32Array.from(articles.map((_, d) => d).filter((d) => picked[d]));
            const got = countFacets(store, fields, docs, docs.length, NO_NEAR, () => -1, limit);
            for (const f of fields) {
              const tally = new Map<string, number>();
              for (const d of docs) for (const v of ([] as string[]).concat(articles[d][f] ?? [])) tally.set(v, (tally.get(v) ?? 0) + 1);
              expect(got[f]).to.deep.equal(oracle([...tally.keys()], [...tally.values()], limit));
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('counts values every live document carries, as documents are removed and added', () => {
    fc.assert(
      fc.property(
        fc.array(article, { minLength: 1, maxLength: 30 }),
        fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
        fc.array(article, { maxLength: 10 }),
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        (first, removed, later, picked) => {
          const store = new FacetStore();
          // A publisher every document carries, as in a one-source archive: counted apart.
          const articles: Article[] = [];
          const add = (a: (typeof first)[number]): void => {
            const full: Article = { id: `a${articles.length}`, title: 't', paragraphs: ['p'], publisher: 'Reuters', ...a };
            store.add(articles.length, full);
            articles.push(full);
          };
          const live = new Set<number>();
          const check = (): void => {
            const docs = Int32Array.from([...live].filter((d) => picked[d]).sort((x, y) => x - y));
            const fields = ['publisher', 'topics', 'places', 'dateline'] as const;
            const got = countFacets(store, fields, docs, docs.length, NO_NEAR, () => -1, 0);
            for (const f of fields) {
              const tally = new Map<string, number>();
              for (const d of docs) for (const v of ([] as string[]).concat(articles[d][f] ?? [])) tally.set(v, (tally.get(v) ?? 0) + 1);
              expect(got[f], f).to.deep.equal(oracle([...tally.keys()], [...tally.values()], 0));
            }
          };
          for (const a of first) {
            live.add(articles.length);
            add(a);
          }
          check();
          first.forEach((_, d) => {
            if (removed[d] && live.size > 1) {
              store.remove(d);
              live.delete(d);
            }
          });
          check();
          for (const a of later) {
            live.add(articles.length);
            add(a);
          }
          check();
        },
      ),
      { numRuns: 150 },
    );
  });

  it('counts a near miss for the one field whose filter it failed, and only there', () => {
    fc.assert(
      fc.property(
        fc.array(article, { minLength: 1, maxLength: 60 }),
        fc.array(fc.constantFrom(-1, 0, 1, 2, 3), { minLength: 60, maxLength: 60 }),
        fc.constantFrom(0, 3),
        (given, roles, limit) => {
          const store = new FacetStore();
          const articles: Article[] = given.map((a, i) => ({ id: `a${i}`, title: 't', paragraphs: ['p'], ...a }));
          articles.forEach((a, d) => store.add(d, a));
          // Slot 0 filters topics, slot 1 dateline, slot 2 a field not counted, slot 3 a date range.
          const slots: Record<string, number> = { topics: 0, dateline: 1, exchanges: 2 };
          const fields = ['topics', 'places', 'dateline'] as const;
          const role = (d: number) => roles[d];
          const matched = articles.map((_, d) => d).filter((d) => role(d) === -1);
          const nearDocs = articles.map((_, d) => d).filter((d) => role(d) >= 0);
          const near = { docs: Int32Array.from(nearDocs), fail: Int32Array.from(nearDocs.map(role)), n: nearDocs.length };
          const got = countFacets(store, fields, Int32Array.from(matched), matched.length, near, (f) => slots[f] ?? -1, limit);
          for (const f of fields) {
            const counted = [...matched, ...nearDocs.filter((d) => slots[f] !== undefined && role(d) === slots[f])];
            const tally = new Map<string, number>();
            for (const d of counted) for (const v of ([] as string[]).concat(articles[d][f] ?? [])) tally.set(v, (tally.get(v) ?? 0) + 1);
            expect(got[f], f).to.deep.equal(oracle([...tally.keys()], [...tally.values()], limit));
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
