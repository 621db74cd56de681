/** The pruned top-k's bounds: block maxima of the impacts, and coordination and proximity per entry mask. */
import { expect } from 'chai';
import fc from 'fast-check';
import { BLOCK_SIZE, computeBlockMaxima } from '../../lib/search/block-maxima.js';
import { MaskBounds, popcount } from '../../lib/search/mask-bounds.js';

describe('computeBlockMaxima', () => {
  it('gives each term ceil(postings / 64) blocks holding the largest impacts of their postings', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 300 }), { maxLength: 8 }), fc.integer(), (lengths, seed) => {
      const offsets = Int32Array.from([0, ...lengths.map((_, t) => lengths.slice(0, t + 1).reduce((a, b) => a + b, 0))]);
      const n = offsets[lengths.length];
      let x = seed;
      const rand = (): number => ((x = (Math.imul(x, 1103515245) + 12345) | 0) >>> 8) / (1 << 24);
      const art = Float32Array.from({ length: n }, rand);
      const para = Float32Array.from({ length: n }, rand);
      const b = computeBlockMaxima(offsets, lengths.length, art, para);
      for (let t = 0; t < lengths.length; t++) {
        expect(b.firstBlock[t + 1] - b.firstBlock[t]).to.equal(Math.ceil(lengths[t] / BLOCK_SIZE));
        expect(b.termMaxImpact[t]).to.equal(Math.max(0, ...art.subarray(offsets[t], offsets[t + 1])));
        expect(b.termMaxParaBound[t]).to.equal(Math.max(0, ...para.subarray(offsets[t], offsets[t + 1])));
        for (let j = 0; j < b.firstBlock[t + 1] - b.firstBlock[t]; j++) {
          const from = offsets[t] + j * BLOCK_SIZE;
          const to = Math.min(from + BLOCK_SIZE, offsets[t + 1]);
          expect(b.maxImpact[b.firstBlock[t] + j]).to.equal(Math.max(...art.subarray(from, to)));
          expect(b.maxParaBound[b.firstBlock[t] + j]).to.equal(Math.max(...para.subarray(from, to)));
        }
      }
    }), { numRuns: 100 });
  });
});

describe('MaskBounds', () => {
  it('gives the coordination of the slots a mask covers and the weights of the pairs it holds, tabulated or not', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 3 }), (numEntries, numPairs) => {
      const slotBits = Array.from({ length: numEntries }, (_, e) => 1 << Math.floor(e / 2));
      const numSlots = Math.ceil(numEntries / 2);
      const coord = Float64Array.from({ length: numSlots + 1 }, (_, m) => (m / numSlots) ** 1.5);
      const pairs = Array.from({ length: numPairs }, (_, i) => ({ a: 1 << (i % numEntries), b: 1 << ((i + 1) % numEntries) }));
      const weights = pairs.map((_, i) => 1 + i);
      const bounds = new MaskBounds(slotBits, coord, pairs, weights, 0.5);
      for (let mask = 0; mask < 1 << numEntries; mask += 1 + Math.floor(mask / 7)) {
        let slots = 0;
        for (let e = 0; e < numEntries; e++) if (mask & (1 << e)) slots |= slotBits[e];
        expect(bounds.slots(mask)).to.equal(slots);
        expect(bounds.coordination(mask)).to.equal(coord[popcount(slots)]);
        const prox = pairs.reduce((sum, p, i) => ((mask & p.a) && (mask & p.b) ? sum + weights[i] : sum), 0);
        expect(bounds.proximity(mask)).to.equal(0.5 * prox);
      }
    }), { numRuns: 60 });
  });

  it('counts bits', () => {
    for (const x of [0, 1, 0b1011, 0xffff, 0x7fffffff, -1, 0x55555555]) {
      let n = 0;
      for (let i = 0; i < 32; i++) n += (x >>> i) & 1;
      expect(popcount(x), String(x)).to.equal(n);
    }
  });
});
