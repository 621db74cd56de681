import { expect } from 'chai';
import { pairedRandomizationTest } from '../../scripts/eval/significance.js';

describe('pairedRandomizationTest', () => {
  it('gives p = 1 for identical systems', () => {
    const a = [0.1, 0.5, 0.3, 0.9];
    expect(pairedRandomizationTest(a, a, 1000)).to.equal(1);
  });

  it('gives a small p when one system is better on every one of 20 queries', () => {
    const b = Array.from({ length: 20 }, (_, i) => i / 40);
    const a = b.map((x) => x + 0.1);
    // Only the all-positive and all-negative sign patterns are as extreme: p ≈ 2 / 2^20.
    expect(pairedRandomizationTest(a, b, 2000)).to.be.below(0.01);
  });

  it('is deterministic for a given seed', () => {
    const a = [0.2, 0.4, 0.1, 0.7, 0.3];
    const b = [0.1, 0.5, 0.1, 0.4, 0.2];
    expect(pairedRandomizationTest(a, b, 500, 7)).to.equal(pairedRandomizationTest(a, b, 500, 7));
  });
});
