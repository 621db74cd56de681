import { expect } from 'chai';
import { createRng } from '../../bench/rng.js';
import { computeSignature } from '../../lib/duplicates/shingle-signature.js';
import { estimateOverlap, signatureOverlap } from '../../lib/duplicates/estimate-overlap.js';
import { copyOf, exactOverlap, exactShingles, randomText } from './helpers.js';

const PARAMS = { shingleSize: 3, numHashes: 64, minCopyShingles: 1 };

describe('computeSignature', () => {
  it('counts the distinct shingles exactly', () => {
    const rng = createRng(1);
    for (let i = 0; i < 20; i++) {
      const text = randomText(rng, 1 + rng.int(80), 20);
      const sig = computeSignature(text, text.length, PARAMS);
      expect(sig?.numShingles).to.equal(exactShingles(text, 3).size);
    }
  });

  it('gives identical texts identical signatures and ignores anything past numTerms', () => {
    const text = [5, 6, 7, 8, 9, 10, 11];
    const a = computeSignature(text, text.length, PARAMS);
    const b = computeSignature([...text, 99, 98], text.length, PARAMS);
    expect(a?.values).to.deep.equal(b?.values);
  });

  it('returns undefined for an empty text or one with fewer than minCopyShingles shingles', () => {
    expect(computeSignature([], 0, PARAMS)).to.equal(undefined);
    expect(computeSignature([1, 2, 3, 4], 4, { ...PARAMS, minCopyShingles: 3 })).to.equal(undefined);
    expect(computeSignature([1, 2, 3, 4, 5], 5, { ...PARAMS, minCopyShingles: 3 })?.numShingles).to.equal(3);
  });

  it('estimates Jaccard and containment close to the exact values', () => {
    // Fixed seed: the estimate is random in the hashes, not in the test run.
    const rng = createRng(7);
    let jErr = 0;
    let cErr = 0;
    const n = 200;
    for (let i = 0; i < n; i++) {
      const base = randomText(rng, 40 + rng.int(150));
      const copy = copyOf(rng, base, rng.int(10), rng.int(Math.floor(base.length * 0.7)), rng.int(4));
      const a = computeSignature(base, base.length, PARAMS);
      const b = computeSignature(copy, copy.length, PARAMS);
      if (!a || !b) throw new Error('test texts must have signatures');
      const est = signatureOverlap(a, b);
      const exact = exactOverlap(exactShingles(base, 3), exactShingles(copy, 3));
      jErr += Math.abs(est.jaccard - exact.jaccard);
      cErr += Math.abs(est.containment - exact.containment);
    }
    // The standard error of a 64-value estimate is at most 0.5 / √64 ≈ 0.06; the mean error is below it.
    expect(jErr / n).to.be.below(0.06);
    expect(cErr / n).to.be.below(0.08);
  });
});

describe('estimateOverlap', () => {
  it('turns agreeing values into Jaccard and, with the set sizes, containment (by hand)', () => {
    // 3 of 4 values agree: J = (0.75 − 1/256) / (255/256) = 191/255; |A| = 10, |B| = 4:
    // |A ∩ B| = J × 14 / (1 + J) = 5.99 → min(1, 5.99/4) = 1.
    const o = estimateOverlap([1, 2, 3, 4], 10, [1, 2, 3, 9], 4);
    expect(o.jaccard).to.be.closeTo(191 / 255, 1e-12);
    expect(o.containment).to.equal(1);
    // 1 of 4: J = 63/255; |A| = |B| = 10: |A ∩ B| = J × 20 / (1 + J) = 1260/318 → /10.
    expect(estimateOverlap([1, 2, 3, 4], 10, [1, 7, 8, 9], 10).containment).to.be.closeTo(126 / 318, 1e-12);
    // Nothing agrees: 0, not the negative chance correction.
    expect(estimateOverlap([1, 2], 5, [3, 4], 5).jaccard).to.equal(0);
  });
});
