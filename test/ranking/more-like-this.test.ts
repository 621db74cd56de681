import { expect } from 'chai';
import { DEFAULT_MORE_LIKE_THIS, resolveMoreLikeThis, selectMoreLikeThisTerms } from '../../lib/ranking/more-like-this.js';

describe('selectMoreLikeThisTerms', () => {
  // 100 articles. BM25 idf = ln(1 + (N − df + 0.5) / (df + 0.5)).
  const N = 100;
  const df: Record<string, number> = { opec: 5, quota: 8, saudi: 10, oil: 20, said: 90, nazer: 2 };
  const tf: [string, number][] = [['oil', 3], ['opec', 1], ['quota', 2], ['saudi', 1], ['said', 4], ['nazer', 3]];
  const ln = Math.log;

  it('ranks by tf × idf and drops terms outside the df limits (by hand)', () => {
    const terms = selectMoreLikeThisTerms(tf, (t) => df[t], N, { minDocFreq: 5, maxDocFreqRatio: 0.5 });
    // said: df 90 > 0.5 × 100, out; nazer: df 2 < 5, out.
    // oil   3 × ln(1 + 80.5/20.5) = 3 × ln(4.92683) = 4.78488
    // quota 2 × ln(1 + 92.5/8.5)  = 2 × ln(11.88235) = 4.95016
    // opec  1 × ln(1 + 95.5/5.5)  = ln(18.36364) = 2.91036
    // saudi 1 × ln(1 + 90.5/10.5) = ln(9.61905) = 2.26374
    expect(terms.map((t) => t.term)).to.deep.equal(['quota', 'oil', 'opec', 'saudi']);
    expect(terms[0].score).to.be.closeTo(2 * ln(1 + 92.5 / 8.5), 1e-12);
    expect(terms[1].score).to.be.closeTo(3 * ln(1 + 80.5 / 20.5), 1e-12);
    expect(terms[0].weight).to.equal(1);
    expect(terms[3].weight).to.be.closeTo(ln(1 + 90.5 / 10.5) / (2 * ln(1 + 92.5 / 8.5)), 1e-12);
    expect(terms[2]).to.include({ tf: 1, df: 5 });
  });

  it('keeps at most maxQueryTerms and only terms with tf ≥ minTermFreq', () => {
    const terms = selectMoreLikeThisTerms(tf, (t) => df[t], N, { minDocFreq: 1, maxDocFreqRatio: 1, minTermFreq: 2, maxQueryTerms: 3 });
    // tf ≥ 2: oil, quota, said, nazer. nazer 3 × ln(1 + 98.5/2.5) = 11.08; said 4 × ln(1 + 10.5/90.5) = 0.44.
    expect(terms.map((t) => t.term)).to.deep.equal(['nazer', 'quota', 'oil']);
  });

  it('returns nothing when no term qualifies, and uses the documented defaults', () => {
    expect(selectMoreLikeThisTerms(tf, () => 99, N)).to.deep.equal([]);
    expect(resolveMoreLikeThis()).to.deep.equal(DEFAULT_MORE_LIKE_THIS);
    expect(() => resolveMoreLikeThis({ maxDocFreqRatio: 0 })).to.throw(RangeError, /maxDocFreqRatio/);
    expect(() => resolveMoreLikeThis({ minTermFreq: 0.5 })).to.throw(RangeError, /minTermFreq/);
  });
});
