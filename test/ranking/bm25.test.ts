import { expect } from 'chai';
import { DEFAULT_RANKING, bm25fTerm, bm25fTf, combineScores, combineScoresWith, coordinationFactors, idf, resolveRanking, saturate } from '../../lib/ranking/bm25.js';
import { createSearchIndex } from '../../lib/index.js';

describe('bm25', () => {
  describe('#idf', () => {
    it('is Lucene’s ln(1 + (N − df + 0.5) / (df + 0.5))', () => {
      // N = 3, df = 2: ln(1 + 1.5 / 2.5) = ln 1.6
      expect(idf(3, 2)).to.be.closeTo(Math.log(1.6), 1e-12);
    });
    it('stays positive for a term in every document', () => {
      expect(idf(10, 10)).to.be.greaterThan(0);
    });
  });

  describe('#bm25fTerm', () => {
    it('weights a title occurrence by titleWeight before saturating once', () => {
      const r = resolveRanking({ titleWeight: 2, b: 0, titleB: 0 });
      const s = bm25fTerm({ tfTitle: 1, tfBody: 1, titleLen: 3, bodyLen: 10, avgTitleLen: 3, avgBodyLen: 10 }, r);
      expect(s).to.be.closeTo(saturate(3, r.k1), 1e-12);
    });

    it('adds each declared text field\'s tf × weight / length norm (textFieldB) before saturating once', () => {
      const r = resolveRanking({ titleWeight: 2, b: 0, titleB: 0, textFieldB: 1 });
      // Title 1 × 2, body 1 × 1; standfirst 1 × 2 / (4 / 2) = 1; byline 2 × 0.5 / (2 / 2) = 1: tf 5.
      const stats = {
        tfTitle: 1, tfBody: 1, titleLen: 3, bodyLen: 10, avgTitleLen: 3, avgBodyLen: 10,
        textFields: [{ tf: 1, len: 4, avgLen: 2, weight: 2 }, { tf: 2, len: 2, avgLen: 2, weight: 0.5 }],
      };
      expect(bm25fTf(stats, r)).to.be.closeTo(5, 1e-12);
      expect(bm25fTerm(stats, r)).to.be.closeTo(saturate(5, r.k1), 1e-12);
      expect(bm25fTerm({ ...stats, tfTitle: 0, tfBody: 0, textFields: [{ tf: 0, len: 4, avgLen: 2, weight: 2 }] }, r)).to.equal(0);
    });
  });

  describe('#combineScores', () => {
    it('mixes article and paragraph evidence and scales by the share of matched terms', () => {
      const r = resolveRanking({ paragraphWeight: 0.25, coordination: 1 });
      expect(combineScores(4, 8, 1, 2, r)).to.be.closeTo((0.75 * 4 + 0.25 * 8) * 0.5, 1e-12);
    });
  });

  describe('#combineScoresWith', () => {
    it('equals combineScores to the bit, with and without coordination', () => {
      for (const r of [resolveRanking({ paragraphWeight: 0.25, coordination: 1 }), resolveRanking({ paragraphWeight: 0.3, coordination: 0 }), DEFAULT_RANKING]) {
        for (let queryTerms = 1; queryTerms <= 5; queryTerms++) {
          const factors = coordinationFactors(queryTerms, r);
          for (let matched = 0; matched <= queryTerms; matched++) {
            for (const [a, p] of [[4, 8], [0.1234567, 3.3], [7.77, 0]]) {
              expect(combineScoresWith(a, p, matched, factors, r)).to.equal(combineScores(a, p, matched, queryTerms, r));
            }
          }
        }
      }
    });
  });

  describe('#resolveRanking', () => {
    it('fills defaults and rejects out-of-range values', () => {
      expect(resolveRanking({})).to.deep.equal({ ...DEFAULT_RANKING });
      expect(() => resolveRanking({ b: 1.5 })).to.throw(RangeError, /b must be within/);
      expect(() => resolveRanking({ textFieldB: 2 })).to.throw(RangeError, /textFieldB must be within/);
      expect(() => resolveRanking({ k1: -1 })).to.throw(RangeError, /k1/);
    });
  });

  describe('ranking a hand-computed example', () => {
    // Three one-paragraph articles without titles; whole-article BM25 only (k1 1.2, b 0.75).
    //   d1 "apple banana" (2 terms), d2 "apple apple cherry" (3), d3 "cherry date" (2); avgdl 7/3.
    //   idf(apple) = ln(1 + (3 − 2 + 0.5) / (2 + 0.5)) = ln 1.6 = 0.4700036
    //   d1: norm = 0.25 + 0.75·2/(7/3) = 0.8928571; tf' = 1/0.8928571 = 1.12
    //       sat = 1.12·2.2 / (1.12 + 1.2) = 1.0620690; score = 0.4700036·1.0620690 = 0.4991763
    //   d2: norm = 0.25 + 0.75·3/(7/3) = 1.2142857; tf' = 2/1.2142857 = 1.6470588
    //       sat = 1.6470588·2.2 / (1.6470588 + 1.2) = 1.2727273; score = 0.4700036·1.2727273 = 0.5981864
    it('orders and scores as computed by hand', () => {
      const index = createSearchIndex({ ranking: { paragraphWeight: 0, coordination: 0, k1: 1.2, b: 0.75 } });
      index.addAll([
        { id: 'd1', title: '', paragraphs: ['apple banana'] },
        { id: 'd2', title: '', paragraphs: ['apple apple cherry'] },
        { id: 'd3', title: '', paragraphs: ['cherry date'] },
      ]);
      const res = index.search('apple', { snippets: 0 });
      expect(res.hits.map((h) => h.id)).to.deep.equal(['d2', 'd1']);
      expect(res.hits[0].score).to.be.closeTo(0.5981864, 1e-6);
      expect(res.hits[1].score).to.be.closeTo(0.4991763, 1e-6);
      expect(res.total).to.equal(2);
    });
  });
});
