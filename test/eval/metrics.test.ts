import { expect } from 'chai';
import {
  averagePrecision,
  EVAL_DEPTH,
  ndcgAt,
  precisionAt,
  queryMetrics,
  recallAt,
  runMetrics,
  type Judgements,
} from '../../scripts/eval/metrics.js';

const judged = (entries: Record<string, number>): Judgements => new Map(Object.entries(entries));

// Four relevant documents; d9 is never retrieved. Relevant at ranks 1, 3 and 6.
const REL = judged({ d1: 1, d3: 1, d6: 1, d9: 1 });
const RANKING = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6'];

describe('metrics', () => {
  describe('averagePrecision', () => {
    it('averages precision at each relevant rank over all relevant documents', () => {
      // (1/1 + 2/3 + 3/6 + 0 for d9) / 4 = 2.1666… / 4 = 0.5416666…
      expect(averagePrecision(RANKING, REL)).to.be.closeTo(0.5416667, 1e-6);
    });

    it('is 1 for a perfect ranking and 0 when nothing relevant is retrieved', () => {
      expect(averagePrecision(['d1', 'd3', 'd6', 'd9', 'x'], REL)).to.equal(1);
      expect(averagePrecision(['x', 'y'], REL)).to.equal(0);
    });

    it('counts a repeated document once, at its first rank', () => {
      // Ranking seen as d2, d1, d3: (1/2 + 2/3) / 4 = 0.2916666…
      expect(averagePrecision(['d2', 'd1', 'd2', 'd1', 'd3'], REL)).to.be.closeTo(0.2916667, 1e-6);
    });

    it('ignores documents past depth 1000', () => {
      const filler = Array.from({ length: EVAL_DEPTH }, (_, i) => `x${i}`);
      expect(averagePrecision([...filler, 'd1'], REL)).to.equal(0);
      // At rank 1000 exactly it still counts: (1/1000) / 4.
      expect(averagePrecision([...filler.slice(1), 'd1'], REL)).to.be.closeTo(0.00025, 1e-12);
    });

    it('is 0 when the query has no relevant document', () => {
      expect(averagePrecision(RANKING, judged({ d1: 0 }))).to.equal(0);
    });
  });

  describe('precisionAt', () => {
    it('divides by k even when fewer documents were returned', () => {
      // 3 relevant among the 6 returned, over 10.
      expect(precisionAt(10, RANKING, REL)).to.equal(0.3);
      // d1 and d3 in the first 3.
      expect(precisionAt(3, RANKING, REL)).to.be.closeTo(2 / 3, 1e-12);
    });
  });

  describe('recallAt', () => {
    it('divides by the number of relevant documents', () => {
      // d1, d3, d6 of 4.
      expect(recallAt(100, RANKING, REL)).to.equal(0.75);
      expect(recallAt(2, RANKING, REL)).to.equal(0.25);
    });
  });

  describe('ndcgAt', () => {
    it('uses binary gains with a log2(rank + 1) discount and the ideal over all relevant documents', () => {
      // DCG = 1/log2(2) + 1/log2(4) + 1/log2(7) = 1 + 0.5 + 0.3562072 = 1.8562072
      // IDCG (4 relevant) = 1 + 1/log2(3) + 1/log2(4) + 1/log2(5) = 1 + 0.6309298 + 0.5 + 0.4306766 = 2.5616063
      // nDCG = 1.8562072 / 2.5616063 = 0.7246263
      expect(ndcgAt(10, RANKING, REL)).to.be.closeTo(0.7246263, 1e-6);
    });

    it('uses graded gains when the judgements are graded', () => {
      // Ranking b(1), a(2), x(unjudged), d(3); c is judged non-relevant (0).
      // DCG = 1/1 + 2/log2(3) + 0/2 + 3/log2(5) = 1 + 1.2618595 + 1.2920297 = 3.5538892
      // IDCG = 3/1 + 2/log2(3) + 1/log2(4) = 3 + 1.2618595 + 0.5 = 4.7618595
      // nDCG = 0.7463238
      const grades = judged({ a: 2, b: 1, c: 0, d: 3 });
      expect(ndcgAt(10, ['b', 'a', 'x', 'd'], grades)).to.be.closeTo(0.7463238, 1e-6);
    });

    it('cuts both the ranking and the ideal at k', () => {
      // k = 1: d1 relevant at rank 1, ideal 1 → 1; with x first → 0.
      expect(ndcgAt(1, RANKING, REL)).to.equal(1);
      expect(ndcgAt(1, ['x', 'd1'], REL)).to.equal(0);
    });
  });

  describe('queryMetrics', () => {
    it('gathers the four metrics of one ranking', () => {
      const m = queryMetrics(RANKING, REL);
      expect(m.ap).to.be.closeTo(0.5416667, 1e-6);
      expect(m.p10).to.equal(0.3);
      expect(m.recall100).to.equal(0.75);
      expect(m.ndcg10).to.be.closeTo(0.7246263, 1e-6);
    });
  });

  describe('runMetrics', () => {
    it('averages over queries with a relevant document, counting a missing ranking as 0', () => {
      const qrels = new Map<string, Judgements>([
        ['q1', judged({ d1: 1 })],
        ['q2', judged({ d2: 1, d3: 1 })],
        ['q3', judged({ d4: 0 })], // no relevant document: not scored
        ['q5', judged({ d5: 1 })], // no ranking: scores 0
      ]);
      const rankings = new Map<string, string[]>([
        ['q1', ['d1']], // AP 1
        ['q2', ['d3', 'x', 'd2']], // AP (1/1 + 2/3) / 2 = 0.8333…
        ['q3', ['d4']],
      ]);
      const m = runMetrics(rankings, qrels);
      expect(m.numQueries).to.equal(3);
      // (1 + 0.8333… + 0) / 3 = 0.6111…
      expect(m.ap).to.be.closeTo(0.6111111, 1e-6);
      // P@10: (1/10 + 2/10 + 0) / 3 = 0.1
      expect(m.p10).to.be.closeTo(0.1, 1e-12);
    });
  });
});
