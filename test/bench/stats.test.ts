import { expect } from 'chai';
import { percentile, summarizeNs } from '../../bench/stats.js';

describe('percentile', () => {
  it('uses the nearest rank without interpolation', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(values, 50)).to.equal(5);
    expect(percentile(values, 90)).to.equal(9);
    expect(percentile(values, 99)).to.equal(10);
    expect(percentile(values, 100)).to.equal(10);
  });

  it('does not depend on the input order and does not modify it', () => {
    const values = [9, 1, 5, 3, 7];
    expect(percentile(values, 50)).to.equal(5);
    expect(values).to.deep.equal([9, 1, 5, 3, 7]);
  });

  it('returns the only sample of a single-sample set', () => {
    expect(percentile([4.2], 1)).to.equal(4.2);
    expect(percentile([4.2], 99)).to.equal(4.2);
  });

  it('rejects no samples and out-of-range percentiles', () => {
    expect(() => percentile([], 50)).to.throw(RangeError);
    expect(() => percentile([1], 0)).to.throw(RangeError);
    expect(() => percentile([1], 101)).to.throw(RangeError);
  });
});

describe('summarizeNs', () => {
  it('converts nanoseconds to milliseconds', () => {
    const s = summarizeNs([1_000_000, 2_000_000, 3_000_000]);
    expect(s.numSamples).to.equal(3);
    expect(s.p50Ms).to.equal(2);
    expect(s.p99Ms).to.equal(3);
    expect(s.meanMs).to.equal(2);
    expect(s.maxMs).to.equal(3);
  });
});
