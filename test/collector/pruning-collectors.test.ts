/**
 * The small structures of the pruned top-k against sorting everything: the exact page with its
 * tie order, the k-th largest lower bound, and the queue of candidates by upper bound.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { BoundQueue } from '../../lib/collector/bound-queue.js';
import { compareRelevance } from '../../lib/collector/page-order.js';
import { ExactTopK } from '../../lib/collector/top-k-exact.js';
import { TopKThreshold } from '../../lib/collector/top-k-threshold.js';

/** Few distinct scores and dates, some missing, so ties are common. */
const docsArb = fc.array(fc.record({ score: fc.integer({ min: 0, max: 6 }), date: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }) }), { maxLength: 120 });

describe('compareRelevance', () => {
  it('orders by score, then newer date (missing last), then id', () => {
    const dates = Float64Array.from([5, 9, Number.NaN, 9]);
    expect(compareRelevance(2, 0, 1, 1, dates)).to.be.lessThan(0);
    expect(compareRelevance(1, 0, 1, 1, dates)).to.be.greaterThan(0);
    expect(compareRelevance(1, 2, 1, 0, dates)).to.be.greaterThan(0);
    expect(compareRelevance(1, 1, 1, 3, dates)).to.be.lessThan(0);
  });
});

describe('ExactTopK', () => {
  it('keeps the k best in relevance order whatever the arrival order, and its k-th score', () => {
    fc.assert(fc.property(docsArb, fc.integer({ min: 0, max: 30 }), (docs, k) => {
      const dates = Float64Array.from(docs.map((d) => d.date ?? Number.NaN));
      const top = new ExactTopK(k, dates);
      // Arrival in reverse id order, so ties do not come pre-sorted.
      for (let i = docs.length - 1; i >= 0; i--) top.add(i, docs[i].score);
      const order = docs.map((_, i) => i).sort((a, b) => compareRelevance(docs[a].score, a, docs[b].score, b, dates)).slice(0, k);
      expect(top.page()).to.deep.equal({ docs: order, scores: order.map((i) => docs[i].score) });
      expect(top.full).to.equal(order.length === k);
      expect(top.kthScore).to.equal(k > 0 && order.length === k ? docs[order[k - 1]].score : -Infinity);
    }), { numRuns: 300 });
  });
});

describe('TopKThreshold', () => {
  it('is the k-th largest value offered', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true })), fc.integer({ min: 0, max: 20 }), (xs, k) => {
      const t = new TopKThreshold(k);
      for (const x of xs) t.add(x);
      const sorted = [...xs].sort((a, b) => b - a);
      expect(t.value).to.equal(k > 0 && sorted.length >= k ? sorted[k - 1] : -Infinity);
    }), { numRuns: 300 });
  });
});

describe('BoundQueue', () => {
  it('gives documents back highest bound first, across growth and clearing', () => {
    const q = new BoundQueue();
    fc.assert(fc.property(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { maxLength: 300 }), (bounds) => {
      q.clear();
      bounds.forEach((b, d) => q.push(d, b));
      expect(q.length).to.equal(bounds.length);
      const out: number[] = [];
      while (q.length > 0) {
        expect(q.topBound).to.equal(Math.max(...out.length < bounds.length ? bounds.filter((_, d) => !out.includes(d)) : [-Infinity]));
        out.push(q.pop());
      }
      expect(out.map((d) => bounds[d])).to.deep.equal([...bounds].sort((a, b) => b - a));
      expect([...out].sort((a, b) => a - b)).to.deep.equal(bounds.map((_, d) => d));
      expect(q.topBound).to.equal(-Infinity);
    }), { numRuns: 100 });
  });

  it('restores its order after every bound is replaced and after dropping those below a bound', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true })), { maxLength: 200 }), (pairs) => {
      const q = new BoundQueue();
      pairs.forEach(([b], d) => q.push(d, b));
      const seen: number[] = [];
      q.forEach((d) => seen.push(d));
      expect(seen.sort((a, b) => a - b)).to.deep.equal(pairs.map((_, d) => d));
      q.rebound((d) => pairs[d][1]);
      q.dropBelow(20);
      expect(q.length).to.equal(pairs.filter(([, b]) => b >= 20).length);
      const out: number[] = [];
      while (q.length > 0) out.push(q.pop());
      expect(out.map((d) => pairs[d][1])).to.deep.equal(pairs.map(([, b]) => b).filter((b) => b >= 20).sort((a, b) => b - a));
    }), { numRuns: 100 });
  });
});
