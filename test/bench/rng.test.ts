import { expect } from 'chai';
import { createRng } from '../../bench/rng.js';

describe('createRng', () => {
  describe('#next', () => {
    it('repeats the same sequence for the same seed', () => {
      const a = createRng(42);
      const b = createRng(42);
      const seqA = Array.from({ length: 20 }, () => a.next());
      const seqB = Array.from({ length: 20 }, () => b.next());
      expect(seqA).to.deep.equal(seqB);
    });

    it('gives a different sequence for a different seed', () => {
      const a = createRng(1);
      const b = createRng(2);
      expect(Array.from({ length: 5 }, () => a.next())).to.not.deep.equal(Array.from({ length: 5 }, () => b.next()));
    });

    it('stays within [0, 1)', () => {
      const rng = createRng(7);
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < 10_000; i++) {
        const x = rng.next();
        min = Math.min(min, x);
        max = Math.max(max, x);
      }
      expect(min).to.be.at.least(0);
      expect(max).to.be.below(1);
    });
  });

  describe('#int', () => {
    it('covers every value of [0, n) and nothing else', () => {
      const rng = createRng(3);
      const seen = new Set<number>();
      for (let i = 0; i < 1000; i++) seen.add(rng.int(5));
      expect([...seen].sort()).to.deep.equal([0, 1, 2, 3, 4]);
    });

    it('rejects a non-positive bound', () => {
      expect(() => createRng(1).int(0)).to.throw(RangeError);
    });
  });

  describe('#pick', () => {
    it('returns an element of the array', () => {
      const rng = createRng(9);
      const items = ['a', 'b', 'c'];
      for (let i = 0; i < 50; i++) expect(items).to.include(rng.pick(items));
    });

    it('rejects an empty array', () => {
      expect(() => createRng(1).pick([])).to.throw(RangeError);
    });
  });
});
